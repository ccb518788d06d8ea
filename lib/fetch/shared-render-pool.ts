import { env } from '@/lib/env';
import { createRenderPool, type RenderPool } from '@/lib/fetch/render-pool';

// One browser per process, started on first use (most pages never need it).
let pool: RenderPool | undefined;

export function getRenderPool(): RenderPool {
  pool ??= createRenderPool({
    executablePath: env.CHROME_PATH,
    size: env.RENDER_POOL_SIZE,
    userAgent: env.CRAWLER_USER_AGENT,
    allowedPrivateHosts: env.ALLOWED_PRIVATE_HOSTS,
  });
  return pool;
}

export async function closeRenderPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
