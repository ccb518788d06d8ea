// Adds up vitest and Playwright JSON results into one closing line: "summary: N passed, N failed".
// Exits non-zero when anything failed, so it can be used on its own as well as at the end of test.sh.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, failedStages = '0', stageNames = ''] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const read = (f) => (existsSync(join(dir, f)) ? JSON.parse(readFileSync(join(dir, f), 'utf8')) : null);
const failedByStage = {};

for (const stage of ['unit', 'integration', 'chaos']) {
  const r = read(`${stage}.json`);
  if (!r) continue;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  failedByStage[stage] = r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
const e2e = read('e2e.json');
if (e2e) {
  passed += e2e.stats.expected;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
  failed += e2e.stats.flaky; // passed only on retry: retries must not hide bugs
  failedByStage.e2e = e2e.stats.unexpected + e2e.stats.flaky;
}
// A stage that failed without failed tests to show for it counts as one failure: typecheck, lint,
// bench and build have no test results, and a test stage can fail with none (a crash before its
// JSON was written, an unhandled error after every test passed).
const stagesWithoutTests = stageNames
  .split(' ')
  .filter(Boolean)
  .filter((s) => !(failedByStage[s] > 0)).length;
failed += stagesWithoutTests;
if (Number(failedStages) > 0) console.log(`failed stages: ${stageNames}`);
console.log(`summary: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || Number(failedStages) > 0 ? 1 : 0;
