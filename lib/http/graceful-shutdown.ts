import { closeAnalysisPool } from '@/lib/audits/analysis-pool';

// SIGTERM (what `npm run down` and orchestrators send) must stop the web server within a
// deadline: Next waits for in-flight requests, so analyses in progress are cut short (they answer
// 503) and a last-resort timer forces the exit.
const SHUTDOWN_DEADLINE_MS = 10_000;

export function registerGracefulShutdown(): void {
  process.once('SIGTERM', () => {
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    void closeAnalysisPool();
  });
}
