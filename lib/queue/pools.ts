import { env } from '@/lib/env';
import { QUEUE_NAMES, type QueueName } from '@/lib/queue/jobs';

// A worker pool is a kind of process: it serves exactly one queue, so each kind of work scales
// (and is starved) on its own. Pool and queue share their name.
export const POOL_NAMES = QUEUE_NAMES;
export type PoolName = QueueName;

export function isPoolName(name: string): name is PoolName {
  return (POOL_NAMES as readonly string[]).includes(name);
}

/** Jobs one process of the pool runs at once. Maintenance stays at 1: background work never crowds user work. */
export function poolConcurrency(pool: PoolName): number {
  switch (pool) {
    case 'crawl':
      return env.CRAWL_CONCURRENCY ?? env.WORKER_CONCURRENCY;
    case 'analysis':
      return env.ANALYSIS_CONCURRENCY ?? env.WORKER_CONCURRENCY;
    case 'reports':
      return env.REPORT_CONCURRENCY;
    case 'maintenance':
      return 1;
  }
}

/**
 * `--pool crawl --pool reports` or `--pool crawl,reports` (also `--pool=crawl`); no flag: every pool.
 * Throws on an unknown pool so a typo in a deployment fails loudly instead of serving nothing.
 */
export function parsePoolArgs(argv: readonly string[]): PoolName[] {
  const picked: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let value: string | undefined;
    if (arg === '--pool' || arg === '--pools') value = argv[++i];
    else if (arg.startsWith('--pool=') || arg.startsWith('--pools=')) value = arg.slice(arg.indexOf('=') + 1);
    else continue;
    if (!value) throw new Error(`${arg} needs a pool name (${POOL_NAMES.join(', ')})`);
    picked.push(...value.split(',').map((s) => s.trim()).filter(Boolean));
  }
  if (picked.length === 0) return [...POOL_NAMES];
  const unknown = picked.filter((p) => !isPoolName(p));
  if (unknown.length > 0) throw new Error(`Unknown pool(s): ${unknown.join(', ')}; known: ${POOL_NAMES.join(', ')}`);
  return POOL_NAMES.filter((p) => picked.includes(p));
}
