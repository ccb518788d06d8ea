// Page analysis (parse + checks) runs in worker threads, never on the event loop that serves
// requests or renews job locks. Every page gets a time budget; a page that exceeds it has its
// thread terminated (Piscina replaces it) and fails with AnalysisBudgetError.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { PageAnalysis } from '@/lib/audits/analyze-page-facts';
import type { PageFacts } from '@/lib/crawler/page-facts';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import type { FetchResult, RenderResult } from '@/lib/fetch/types';

export type AnalyzeDocumentTask = {
  fetch: FetchResult;
  rendered?: RenderResult;
  looksClientRendered?: boolean;
  keyword?: string;
  /** Also run the page checks (a redirecting URL only needs its facts). */
  checks: boolean;
};
export type AnalyzeDocumentResult = { facts: PageFacts; analysis: PageAnalysis | null };

export class AnalysisBudgetError extends Error {
  constructor(readonly budgetMs: number) {
    super(`Analysis stopped after ${(budgetMs / 1000).toFixed(1)} s (the per-page time budget): the page is too large or too deeply nested to analyse.`);
    this.name = 'AnalysisBudgetError';
  }
}

function threadFile(): string {
  // Under tsx (worker, CLI, tests) this module sits beside the thread file. Next bundles this
  // module, so there the file is found from the project root, where `next start` runs.
  const here = import.meta.url.startsWith('file:') ? path.dirname(fileURLToPath(import.meta.url)) : '';
  const beside = path.join(here, 'analysis-thread.ts');
  return here && existsSync(beside) ? beside : path.join(process.cwd(), 'lib', 'audits', 'analysis-thread.ts');
}

// One pool per process, on globalThis so `next dev` reloads don't leak threads.
const holder = globalThis as unknown as { __roAnalysisPool?: Piscina; __roAnalysisClosed?: boolean };

const shuttingDown = () => new AppError('UNAVAILABLE', 'The server is shutting down; try again in a moment.');

function getPool(): Piscina {
  if (holder.__roAnalysisClosed) throw shuttingDown();
  if (holder.__roAnalysisPool) return holder.__roAnalysisPool;
  const pool = new Piscina({
    filename: threadFile(),
    // The thread loads TypeScript sources, like the worker and the CLI.
    // A profiled process (bench: BENCH_WORKER_PROF) profiles its analysis threads too.
    execArgv: ['--import', 'tsx', ...process.execArgv.filter((a) => a.startsWith('--cpu-prof'))],
    minThreads: 1,
    maxThreads: env.ANALYSIS_THREADS ?? Math.max(1, Math.min(4, availableParallelism())),
    idleTimeout: 60_000,
  });
  // A thread stopped for an aborted task (budget, cancelled job) may still deliver that task's
  // result; Piscina then emits 'error', which without a listener would crash the whole process.
  pool.on('error', (err: Error) => logger.warn({ err: err.message.slice(0, 200) }, 'analysis pool: late message from a stopped thread ignored'));
  holder.__roAnalysisPool = pool;
  return pool;
}

/** Extract facts (and run the page checks) off the event loop, within the per-page time budget. */
export async function analyzeDocument(
  task: AnalyzeDocumentTask,
  options: { signal?: AbortSignal; budgetMs?: number } = {},
): Promise<AnalyzeDocumentResult> {
  const budgetMs = options.budgetMs ?? env.ANALYSIS_TIME_BUDGET_MS;
  options.signal?.throwIfAborted();
  const started = new Int32Array(new SharedArrayBuffer(4));
  const abort = new AbortController();
  const onCallerAbort = () => abort.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  // The budget starts when a thread picks the task up, not while it waits in the queue.
  const waiting = Atomics.waitAsync(started, 0, 0);
  void Promise.resolve(waiting.value).then(() => {
    if (!abort.signal.aborted && Atomics.load(started, 0) === 1) timer = setTimeout(() => abort.abort(new AnalysisBudgetError(budgetMs)), budgetMs);
  });
  try {
    return (await getPool().run({ ...task, started }, { signal: abort.signal })) as AnalyzeDocumentResult;
  } catch (err) {
    if (abort.signal.aborted) throw abort.signal.reason instanceof Error ? abort.signal.reason : err;
    if (holder.__roAnalysisClosed) throw shuttingDown();
    throw err;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
    // Settles a wait still pending (task aborted while queued) so nothing holds the process open.
    Atomics.store(started, 0, 2);
    Atomics.notify(started, 0);
  }
}

/** For process shutdown: running and queued analyses fail with 503, later ones too. */
export async function closeAnalysisPool(): Promise<void> {
  holder.__roAnalysisClosed = true;
  const pool = holder.__roAnalysisPool;
  holder.__roAnalysisPool = undefined;
  await pool?.destroy();
}
