// Adds up vitest and Playwright JSON results into one closing line: "summary: N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, failedStages = '0', stageNames = ''] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const read = (f) => (existsSync(join(dir, f)) ? JSON.parse(readFileSync(join(dir, f), 'utf8')) : null);

for (const f of ['unit.json', 'integration.json', 'chaos.json']) {
  const r = read(f);
  if (!r) continue;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
const e2e = read('e2e.json');
if (e2e) {
  passed += e2e.stats.expected;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
  failed += e2e.stats.flaky; // passed only on retry: retries must not hide bugs
}
// A stage that failed without test results (typecheck, lint, build) counts as one failure.
const stagesWithoutTests = stageNames.split(' ').filter((s) => ['typecheck', 'lint', 'build'].includes(s)).length;
failed += stagesWithoutTests;
if (Number(failedStages) > 0) console.log(`failed stages: ${stageNames}`);
console.log(`summary: ${passed} passed, ${failed} failed, ${skipped} skipped`);
