// Runs once when the Next server starts (Node.js runtime only: the shutdown hook uses process APIs).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { registerGracefulShutdown } = await import('@/lib/http/graceful-shutdown');
  registerGracefulShutdown();
}
