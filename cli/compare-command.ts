import { parseArgs } from 'node:util';

// `compare <url> --rival <url> [--rival <url>…] [--max-pages N] [--keyword k] [--json] [--in-process]`:
// one audit per site through the queue when a worker is up (a BullMQ flow), otherwise in this
// process; waits for the result and prints it. Exit 0 when it completed, 2 when it failed.

export const COMPARE_USAGE = 'rival-outranker compare <url> --rival <url> [--rival <url>…] [--max-pages N] [--keyword k] [--json] [--in-process]';

const stderr = (line: string) => process.stderr.write(`${line}\n`);

function usageError(message: string): number {
  stderr(`error: ${message}\n\nUsage:\n  ${COMPARE_USAGE}`);
  return 64;
}

export async function commandCompare(argv: string[], countLiveWorkers: () => Promise<number>): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        rival: { type: 'string', multiple: true, default: [] },
        'max-pages': { type: 'string' },
        keyword: { type: 'string' },
        json: { type: 'boolean', default: false },
        'in-process': { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    return usageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const [url, ...extra] = positionals;
  if (!url) return usageError('compare needs your site URL.');
  if (extra.length > 0) return usageError(`Unexpected argument "${extra[0]}" (give rivals with --rival).`);
  const { startComparisonInput } = await import('@/lib/comparisons/comparison-input');
  const input = startComparisonInput.safeParse({ url, rivals: values.rival, maxPages: values['max-pages'], keyword: values.keyword });
  if (!input.success) return usageError(input.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join(' '));

  const { db } = await import('@/lib/db');
  const { closeQueues } = await import('@/lib/queue/queues');
  const { closeRenderPool } = await import('@/lib/fetch/shared-render-pool');
  const { startComparison } = await import('@/lib/comparisons/start-comparison');
  const { getComparisonView } = await import('@/lib/comparisons/comparisons');
  try {
    const workers = values['in-process'] ? 0 : await countLiveWorkers();
    const started = await startComparison(input.data, null, { inProcess: workers === 0 });
    stderr(`comparison ${started.id}: ${started.auditIds.length} sites, ${workers > 0 ? `queued (${workers} worker${workers === 1 ? '' : 's'} up)` : 'running in this process'}`);
    let view;
    for (;;) {
      const comparison = await db.comparison.findUniqueOrThrow({ where: { id: started.id } });
      view = await getComparisonView(comparison);
      stderr(view.sites.map((s) => `${s.role === 'you' ? '*' : ' '}${s.url} ${s.status} ${s.pagesDone}p`).join(' · '));
      if (comparison.status === 'COMPLETED' || comparison.status === 'FAILED') break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    if (values.json) console.log(JSON.stringify(view, null, 2));
    else {
      console.log(`${view.status}${view.error ? ` — ${view.error}` : ''}`);
      for (const s of view.sites) console.log(`${s.role === 'you' ? 'you  ' : 'rival'} ${String(s.score ?? '—').padStart(3)} ${s.status.padEnd(22)} ${s.url}`);
      for (const w of view.wins) console.log(`WIN   ${w.category.padEnd(18)} ${w.yours} vs ${w.best}`);
      for (const l of view.losses) console.log(`LOSS  ${l.category.padEnd(18)} ${l.yours} vs ${l.best} (${l.bestUrl})`);
      for (const g of view.theyDoItYouDont) console.log(`GAP   ${g.severity.toUpperCase().padEnd(8)} ${g.checkId} (${g.rivalsPassing}/${g.rivalsAudited} rivals pass)`);
    }
    return view.status === 'COMPLETED' ? 0 : 2;
  } finally {
    await closeRenderPool();
    await closeQueues();
    await db.$disconnect();
  }
}
