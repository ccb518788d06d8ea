import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { Hono, type MiddlewareHandler } from 'hono';
import { QUEUE_NAMES } from '@/lib/queue/jobs';
import { getQueue } from '@/lib/queue/queues';

/** The route this is served under; Bull Board builds its links and API calls from it. */
export const BULL_BOARD_BASE_PATH = '/api/admin/bull-board';

// Resolved from the project root rather than with require.resolve, which the Next bundle rewrites.
const UI_BASE_PATH = path.join(process.cwd(), 'node_modules', '@bull-board', 'ui');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

type StaticOptions = { root?: string; rewriteRequestPath?: (p: string) => string };

/**
 * The adapter wants a runtime's serveStatic; Next has none for Hono, so this serves Bull Board's
 * own built UI files, and only those: the resolved path must stay inside its static folder.
 */
function serveUiStatic(options: StaticOptions): MiddlewareHandler {
  const root = path.resolve(/*turbopackIgnore: true*/ process.cwd(), options.root ?? '.');
  return async (c, next) => {
    const requested = decodeURIComponent(options.rewriteRequestPath?.(c.req.path) ?? c.req.path);
    const file = path.resolve(/*turbopackIgnore: true*/ root, `.${path.posix.normalize(`/${requested}`)}`);
    if (!file.startsWith(`${root}${path.sep}`)) return next();
    try {
      const body = await readFile(file);
      const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
      // File names carry a content hash, except locales and images: a short cache for those.
      const immutable = /\.[0-9a-f]{8,}\.(js|css)$/.test(file);
      return c.body(body, 200, { 'Content-Type': type, 'Cache-Control': immutable ? 'private, max-age=31536000, immutable' : 'private, max-age=300' });
    } catch {
      return next();
    }
  };
}

async function buildBoard(): Promise<Hono> {
  // Every queue of the registry, with this environment's key prefix (getQueue applies it).
  const queues = await Promise.all(QUEUE_NAMES.map(async (name) => new BullMQAdapter(await getQueue(name))));
  const serverAdapter = new HonoAdapter(serveUiStatic as unknown as ConstructorParameters<typeof HonoAdapter>[0]);
  serverAdapter.setBasePath(BULL_BOARD_BASE_PATH);
  createBullBoard({
    queues,
    serverAdapter,
    options: { uiBasePath: UI_BASE_PATH, uiConfig: { boardTitle: 'Rival Outranker queues', miscLinks: [{ text: 'Back to admin', url: '/admin/queues' }] } },
  });
  return new Hono().route(BULL_BOARD_BASE_PATH, serverAdapter.registerPlugin());
}

let board: Promise<Hono> | undefined;

/** Built once per process; a failure (Redis down) is not cached, so the next request tries again. */
export function getBullBoardApp(): Promise<Hono> {
  board ??= buildBoard().catch((err: unknown) => {
    board = undefined;
    throw err;
  });
  return board;
}
