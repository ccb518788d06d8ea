// Runs inside a worker thread of the analysis pool (see analysis-pool.ts): parse one document,
// run the page checks. A stranger's page can make this slow; the pool's time budget, not this
// code, decides when to give up — by terminating the thread.
import { analyzePageFacts } from '@/lib/audits/analyze-page-facts';
import type { AnalyzeDocumentResult, AnalyzeDocumentTask } from '@/lib/audits/analysis-pool';
import { extractPageFacts } from '@/lib/analysis/extract-page-facts';

export default function analyzeDocumentInThread(task: AnalyzeDocumentTask & { started: Int32Array }): AnalyzeDocumentResult {
  // Tells the pool the task left the queue: the time budget counts from here.
  Atomics.store(task.started, 0, 1);
  Atomics.notify(task.started, 0);
  const facts = extractPageFacts({ fetch: task.fetch, rendered: task.rendered, looksClientRendered: task.looksClientRendered });
  const analysis = task.checks ? analyzePageFacts(facts, { keyword: task.keyword }) : null;
  return { facts, analysis };
}
