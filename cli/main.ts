import { parseArgs } from 'node:util';
import { breachesThreshold, formatFindings, formatScores } from '@/cli/format';
import { commandReport, REPORT_USAGE } from '@/cli/report-command';
import { COMPARE_USAGE, commandCompare } from '@/cli/compare-command';
import { commandDiff, DIFF_USAGE, formatDiff } from '@/cli/diff-command';
import type { Severity } from '@/lib/checks/types';
import { SEVERITIES } from '@/lib/checks/types';

// The CLI uses the same library code as the app. `analyze` and `checks` need neither
// PostgreSQL nor Redis; modules that connect to them are imported only when needed.

const USAGE = `Usage:
  rival-outranker analyze <url> [--keyword k] [--render auto|always|never] [--json] [--fail-on severity] [--save]
  rival-outranker audit <url> [--max-pages N] [--max-depth D] [--render auto|always|never] [--json] [--fail-on severity] [--in-process]
      [--baseline <auditId> [--fail-on-regression]]
  ${COMPARE_USAGE}
  ${DIFF_USAGE}
  rival-outranker checks [--json]
  ${REPORT_USAGE}

Severities: ${SEVERITIES.join(', ')}. --fail-on exits with code 1 when any finding is at or above it.
--baseline prints what changed since that audit of the same site; with --fail-on-regression the exit
code is 1 only when a NEW finding is at or above --fail-on (default high).`;

class UsageError extends Error {}

function parseSeverity(value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  if (!(SEVERITIES as readonly string[]).includes(value)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')} (got "${value}").`);
  return value as Severity;
}

function parseRender(value: string | undefined) {
  if (value === undefined) return 'auto' as const;
  if (!['auto', 'always', 'never'].includes(value)) throw new UsageError(`--render must be auto, always or never (got "${value}").`);
  return value as 'auto' | 'always' | 'never';
}

const stderr = (line: string) => process.stderr.write(`${line}\n`);

async function commandChecks(json: boolean) {
  const { ALL_CHECKS } = await import('@/lib/checks/catalog');
  const rows = ALL_CHECKS.map(({ id, category, severity, scope, title, why, fix }) => ({ id, category, severity, scope, title, why, fix }));
  if (json) return console.log(JSON.stringify(rows, null, 2));
  for (const c of rows) console.log(`${c.id.padEnd(40)} ${c.category.padEnd(16)} ${c.severity.padEnd(8)} ${c.scope.padEnd(5)} ${c.title}`);
  stderr(`${rows.length} checks`);
}

async function commandAnalyze(url: string, opts: { keyword?: string; render: 'auto' | 'always' | 'never'; json: boolean; failOn?: Severity; save: boolean }) {
  const { analyzeInput } = await import('@/lib/audits/analyze-input');
  const { hasExplicitScheme } = await import('@/lib/audits/audit-input');
  const input = analyzeInput.safeParse({ url, keyword: opts.keyword, render: opts.render });
  if (!input.success) throw new UsageError(input.error.issues.map((i) => i.message).join(' '));
  const { analyzeUrl } = await import('@/lib/audits/analyze-url');
  const { getRenderPool, closeRenderPool } = await import('@/lib/fetch/shared-render-pool');
  try {
    const analyzed = await analyzeUrl(input.data.url, {
      keyword: input.data.keyword,
      render: input.data.render,
      renderPage: (u) => getRenderPool().render(u),
      schemeLess: !hasExplicitScheme(url),
    });
    const { result } = analyzed;
    if (analyzed.schemeNote) stderr(analyzed.schemeNote);
    if (opts.save) {
      const { saveSingleAnalysis } = await import('@/lib/audits/save-single-analysis');
      const id = await saveSingleAnalysis(analyzed, input.data, null);
      stderr(`saved as audit ${id}`);
      const { db } = await import('@/lib/db');
      await db.$disconnect();
    }
    if (opts.json) {
      const { url: u, finalUrl, status, score, categoryScores, findings, keyword } = result;
      console.log(JSON.stringify({ url: u, finalUrl, status, score, categoryScores, findings, ...(keyword ? { keyword } : {}) }, null, 2));
    } else {
      console.log(`${result.url} → ${result.finalUrl} (HTTP ${result.status}${analyzed.rendered ? ', rendered' : ''})`);
      console.log(formatScores(result.score, result.categoryScores));
      console.log(formatFindings(result.findings, process.stdout.isTTY));
    }
    return breachesThreshold(result.findings, opts.failOn) ? 1 : 0;
  } finally {
    await closeRenderPool();
  }
}

async function commandAudit(
  url: string,
  opts: { maxPages?: string; maxDepth?: string; render: 'auto' | 'always' | 'never'; json: boolean; failOn?: Severity; inProcess: boolean; baseline?: string; failOnRegression: boolean },
) {
  const { startAuditInput } = await import('@/lib/audits/audit-input');
  const input = startAuditInput.safeParse({ url, maxPages: opts.maxPages, maxDepth: opts.maxDepth, renderMode: opts.render });
  if (!input.success) throw new UsageError(input.error.issues.map((i) => i.message).join(' '));
  const { db } = await import('@/lib/db');
  const { getAuditSnapshot } = await import('@/lib/audits/audit-snapshot');
  const { getAuditResult } = await import('@/lib/audits/audit-queries');
  const { closeQueues } = await import('@/lib/queue/queues');
  const { closeRenderPool } = await import('@/lib/fetch/shared-render-pool');
  const { isTerminal } = await import('@/lib/progress/events');
  // A wrong baseline is found before the crawl, not after it.
  if (opts.baseline && !(await db.audit.findUnique({ where: { id: opts.baseline }, select: { id: true } }))) throw new UsageError(`--baseline: no audit ${opts.baseline}.`);

  let auditId: string;
  let running: Promise<void> | undefined;
  const workers = opts.inProcess ? 0 : await countLiveWorkers();
  if (workers > 0) {
    const { startProfessionalAudit } = await import('@/lib/audits/start-audit');
    auditId = (await startProfessionalAudit(input.data, null)).id;
    stderr(`audit ${auditId} queued (${workers} worker${workers === 1 ? '' : 's'} up)`);
  } else {
    const { createAudit } = await import('@/lib/audits/audit-lifecycle');
    const { runAudit } = await import('@/lib/audits/run-audit');
    const { getRenderPool } = await import('@/lib/fetch/shared-render-pool');
    const { url: start, ...options } = input.data;
    const audit = await createAudit({ kind: 'PROFESSIONAL', url: start, options, limit: options.maxPages, priority: 0 });
    auditId = audit.id;
    stderr(`audit ${auditId} running in this process (no worker is up)`);
    running = runAudit(auditId, { redis: null, render: (u, o) => getRenderPool().render(u, o) });
  }

  const onSigint = async () => {
    const { cancelAudit } = await import('@/lib/audits/audit-lifecycle');
    await cancelAudit(auditId).catch(() => {});
    stderr('cancelling…');
  };
  process.once('SIGINT', () => void onSigint());

  // Progress from PostgreSQL, the same state the browser starts from.
  let runError: unknown;
  running?.catch(async (err: unknown) => {
    runError = err;
    const { finishAudit } = await import('@/lib/audits/audit-lifecycle');
    await finishAudit(auditId, { status: 'FAILED', error: err instanceof Error ? err.message : String(err) });
  });
  for (;;) {
    const snap = await getAuditSnapshot(auditId);
    if (!snap) throw new Error('audit disappeared');
    stderr(`[${snap.phase}] ${snap.crawled}/${Math.max(snap.discovered, snap.crawled)} pages, ${snap.failed} failed${snap.currentUrl ? ` · ${snap.currentUrl}` : ''}`);
    if (isTerminal(snap.status)) break;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  await running?.catch(() => {});
  if (runError) stderr(`audit failed: ${runError instanceof Error ? runError.message : String(runError)}`);

  const result = await getAuditResult(auditId);
  const { loadDiff } = await import('@/cli/diff-command');
  const diff = opts.baseline && result.status !== 'FAILED' ? await loadDiff(opts.baseline, auditId) : null;
  const output = { auditId, status: result.status, score: result.score, categoryScores: result.categoryScores, pages: result.pages, siteFindings: result.siteFindings, ...(diff ? { diff } : {}) };
  if (opts.json) console.log(JSON.stringify(output, null, 2));
  else {
    console.log(`${result.url}: ${result.status}${result.error ? ` — ${result.error}` : ''}`);
    console.log(formatScores(result.score, result.categoryScores));
    console.log(formatFindings([...result.siteFindings, ...result.pages.flatMap((p) => p.findings)], process.stdout.isTTY));
    if (diff) console.log(`\n${formatDiff(diff)}`);
  }
  await closeRenderPool();
  await closeQueues();
  await db.$disconnect();
  const all = [...result.siteFindings, ...result.pages.flatMap((p) => p.findings)];
  if (result.status === 'FAILED') return 2;
  if (opts.failOnRegression && diff) {
    const { hasRegression } = await import('@/lib/audits/audit-diff');
    return hasRegression(diff, opts.failOn ?? 'high') ? 1 : 0;
  }
  return breachesThreshold(all, opts.failOn) ? 1 : 0;
}

async function countLiveWorkers(): Promise<number> {
  const { getProducerRedis } = await import('@/lib/queue/queues');
  const { listLiveWorkers } = await import('@/lib/health/worker-heartbeat');
  try {
    return (await listLiveWorkers(await getProducerRedis())).length;
  } catch {
    return 0; // Redis down: run in this process
  }
}

async function main(argv: string[]): Promise<number> {
  // `report` parses its own options (--format, --kind, --out).
  if (argv[0] === 'report') return commandReport(argv.slice(1));
  if (argv[0] === 'diff') return commandDiff(argv.slice(1));
  if (argv[0] === 'compare') return commandCompare(argv.slice(1), countLiveWorkers);
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      keyword: { type: 'string' },
      render: { type: 'string' },
      json: { type: 'boolean', default: false },
      'fail-on': { type: 'string' },
      save: { type: 'boolean', default: false },
      'max-pages': { type: 'string' },
      'max-depth': { type: 'string' },
      'in-process': { type: 'boolean', default: false },
      baseline: { type: 'string' },
      'fail-on-regression': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, target] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 64;
  }
  const failOn = parseSeverity(values['fail-on']);
  const render = parseRender(values.render);
  switch (command) {
    case 'checks':
      await commandChecks(values.json);
      return 0;
    case 'analyze':
      if (!target) throw new UsageError('analyze needs a URL.');
      return commandAnalyze(target, { keyword: values.keyword, render, json: values.json, failOn, save: values.save });
    case 'audit':
      if (!target) throw new UsageError('audit needs a URL.');
      if (values['fail-on-regression'] && !values.baseline) throw new UsageError('--fail-on-regression needs --baseline <auditId>.');
      return commandAudit(target, {
        maxPages: values['max-pages'],
        maxDepth: values['max-depth'],
        render,
        json: values.json,
        failOn,
        inProcess: values['in-process'],
        baseline: values.baseline,
        failOnRegression: values['fail-on-regression'],
      });
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

/**
 * Exits once stdout and stderr have handed everything to the OS: process.exit() right after a
 * large write to a pipe cuts the output at the pipe's buffer (64 KB), and the reader gets half a
 * JSON document. An empty write's callback runs after every earlier write was flushed.
 */
async function exitWhenFlushed(code: number): Promise<void> {
  process.exitCode = code;
  // Analysis threads still running at process.exit() can crash Node 20 on the way out (a
  // segmentation fault after a successful `analyze`, seen once in CI): stop them first.
  const { closeAnalysisPool } = await import('@/lib/audits/analysis-pool');
  await closeAnalysisPool().catch(() => {});
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(exitWhenFlushed, (err: unknown) => {
  if (err instanceof UsageError || (err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'))) {
    stderr(`error: ${err.message}\n\n${USAGE}`);
    return void exitWhenFlushed(64);
  }
  stderr(`error: ${err instanceof Error ? err.message : String(err)}`);
  void exitWhenFlushed(2);
});
