import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';

// What the security suite walks: every route handler and every server-action module, found on disk
// at test time so a new route or action is covered (or makes a test fail) without editing a list.

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export const STATE_CHANGING: readonly HttpMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

export type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;

export type RouteFile = {
  /** Path relative to the repository, e.g. app/api/audits/[id]/route.ts. */
  file: string;
  /** The URL pattern, route groups dropped: /api/audits/[id]. */
  pattern: string;
  /** Dynamic segment names in order, with whether each is a catch-all. */
  params: { name: string; catchAll: boolean; before: string }[];
};

export function listRouteFiles(): RouteFile[] {
  return globSync('app/**/route.{ts,tsx,js}', { cwd: ROOT })
    .sort()
    .map((file) => {
      const segments = path.dirname(file).split('/').slice(1).filter((s) => !/^\(.*\)$/.test(s));
      const params = segments.flatMap((segment, i) => {
        const m = /^\[{1,2}(\.\.\.)?([^\]]+)\]{1,2}$/.exec(segment);
        return m ? [{ name: m[2]!, catchAll: !!m[1], before: segments[i - 1] ?? '' }] : [];
      });
      return { file, pattern: `/${segments.join('/')}`, params };
    });
}

export async function loadHandlers(route: RouteFile): Promise<Partial<Record<HttpMethod, Handler>>> {
  const mod = (await import(/* @vite-ignore */ path.join(ROOT, route.file))) as Record<string, unknown>;
  const handlers: Partial<Record<HttpMethod, Handler>> = {};
  for (const method of HTTP_METHODS) if (typeof mod[method] === 'function') handlers[method] = mod[method] as Handler;
  return handlers;
}

/** Every module whose first statement is the 'use server' directive. */
export function listServerActionModules(): string[] {
  return globSync('{app,lib,components}/**/*.{ts,tsx}', { cwd: ROOT, ignore: ['**/*.test.ts', '**/node_modules/**', 'lib/generated/**'] })
    .filter((file) => {
      const source = readFileSync(path.join(ROOT, file), 'utf8').replace(/^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, '');
      return /^['"]use server['"]/.test(source);
    })
    .sort();
}

export async function loadModule(file: string): Promise<Record<string, unknown>> {
  return (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
}

/** Reads a body without hanging on an event stream that should never have been opened. */
export async function bodyText(response: Response): Promise<string> {
  if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    await response.body?.cancel().catch(() => {});
    return '<event stream>';
  }
  return response.text();
}
