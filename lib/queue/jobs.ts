import { z } from 'zod';

// The one job registry: producers (app, CLI) and the worker import it.
// Each job names its queue, its payload schema and its retry policy. Priorities are always
// explicit because BullMQ runs un-prioritised jobs before every prioritised one.

// One queue per worker pool (lib/queue/pools.ts): crawl is I/O-bound, analysis CPU-bound (in worker
// threads), reports write files, maintenance runs background tasks that must never delay user jobs.
export const QUEUE_NAMES = ['crawl', 'analysis', 'reports', 'maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Lower runs first (BullMQ semantics). Never 0: 0 means "no priority" and jumps the line. */
export const PRIORITY = {
  quickPremium: 1,
  quickFree: 2,
  longPremium: 3,
  longFree: 4,
  background: 10,
} as const;

export type Tier = 'premium' | 'free';

export function priorityFor(tier: Tier, quick: boolean): number {
  if (quick) return tier === 'premium' ? PRIORITY.quickPremium : PRIORITY.quickFree;
  return tier === 'premium' ? PRIORITY.longPremium : PRIORITY.longFree;
}

type RetryPolicy = {
  attempts: number;
  /** Base delay of the exponential backoff, ms; jitter spreads retries of many failing jobs. */
  backoffMs: number;
};

type JobDefinition = {
  queue: QueueName;
  schema: z.ZodType;
  retry: RetryPolicy;
  defaultPriority: number;
};

const id = z.string().min(1).max(64);

export const jobs = {
  /** Crawl a whole site and run every check (long; resumable from PostgreSQL). */
  'audit.crawl': {
    queue: 'crawl',
    schema: z.object({ auditId: id }),
    retry: { attempts: 3, backoffMs: 10_000 },
    defaultPriority: PRIORITY.longFree,
  },
  /** Analyse one URL of a bulk run (quick); child of bulk.finalize in a BullMQ flow. */
  'bulk.analyze-url': {
    queue: 'analysis',
    schema: z.object({ auditId: id, url: z.string().url() }),
    retry: { attempts: 3, backoffMs: 2_000 },
    defaultPriority: PRIORITY.quickFree,
  },
  /** Runs once every child of a bulk run has finished (or failed for good). */
  'bulk.finalize': {
    queue: 'analysis',
    schema: z.object({ auditId: id }),
    retry: { attempts: 5, backoffMs: 2_000 },
    defaultPriority: PRIORITY.quickFree,
  },
  /** Write one Excel/CSV report file (its own queue, so a big export never holds up crawls). */
  'report.generate': {
    queue: 'reports',
    schema: z.object({ reportId: id }),
    retry: { attempts: 2, backoffMs: 5_000 },
    defaultPriority: PRIORITY.quickFree,
  },
  'maintenance.cleanup': {
    queue: 'maintenance',
    schema: z.object({
      /** Delete SINGLE (instant) analyses older than this. */
      olderThanDays: z.number().int().min(1).max(3650).default(30),
      requestedBy: z.string().optional(),
    }),
    retry: { attempts: 3, backoffMs: 2_000 },
    defaultPriority: PRIORITY.background,
  },
  'maintenance.sweep-dead-letters': {
    queue: 'maintenance',
    schema: z.object({}),
    retry: { attempts: 2, backoffMs: 5_000 },
    defaultPriority: PRIORITY.background,
  },
  /** Re-queues or fails audits and reports with no progress for STUCK_WORK_MINUTES. */
  'maintenance.sweep-stuck-work': {
    queue: 'maintenance',
    schema: z.object({}),
    retry: { attempts: 2, backoffMs: 5_000 },
    defaultPriority: PRIORITY.background,
  },
  /** Audits per day, average score, pages crawled and job durations of the last 30 days (idempotent per day). */
  'maintenance.daily-aggregates': {
    queue: 'maintenance',
    schema: z.object({}),
    retry: { attempts: 2, backoffMs: 30_000 },
    defaultPriority: PRIORITY.background,
  },
  /** Every minute: opens/resolves queue health alerts (backlog growing while nothing completes, old waiting jobs). */
  'maintenance.queue-health': {
    queue: 'maintenance',
    schema: z.object({}),
    // A missed check is replaced by the next one a minute later.
    retry: { attempts: 1, backoffMs: 5_000 },
    defaultPriority: PRIORITY.background,
  },
  /** One firing of a user's audit schedule (a BullMQ job scheduler per Schedule row): starts a re-audit. */
  'schedule.run': {
    queue: 'maintenance',
    schema: z.object({ scheduleId: id }),
    retry: { attempts: 3, backoffMs: 30_000 },
    // Ahead of the sweeps on the same queue: a schedule fires at the time the user chose.
    defaultPriority: PRIORITY.quickFree,
  },
  /** POST one notification to a user's webhook, signed; retried with exponential backoff (5 s … ~3 min). */
  'webhook.deliver': {
    queue: 'maintenance',
    schema: z.object({ deliveryId: id }),
    retry: { attempts: 6, backoffMs: 5_000 },
    defaultPriority: PRIORITY.quickFree,
  },
  /** Parent of a comparison's flow (one audit.crawl child per site): computes the side-by-side result once all finished or failed. */
  'comparison.finalize': {
    queue: 'analysis',
    schema: z.object({ comparisonId: id }),
    retry: { attempts: 5, backoffMs: 2_000 },
    defaultPriority: PRIORITY.quickFree,
  },
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof jobs;
export type JobPayload<N extends JobName> = z.input<(typeof jobs)[N]['schema']>;
export type ParsedJobPayload<N extends JobName> = z.output<(typeof jobs)[N]['schema']>;

export const JOB_NAMES = Object.keys(jobs) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobs, name);
}

export function parseJobPayload<N extends JobName>(name: N, payload: unknown): ParsedJobPayload<N> {
  return jobs[name].schema.parse(payload) as ParsedJobPayload<N>;
}

/** BullMQ options derived from the registry. */
export function jobOptionsFor(name: JobName, priority?: number) {
  const { retry, defaultPriority } = jobs[name];
  return {
    attempts: retry.attempts,
    backoff: { type: 'exponential' as const, delay: retry.backoffMs, jitter: 0.3 },
    priority: priority ?? defaultPriority,
    removeOnComplete: { age: 24 * 3600, count: 5_000 },
    // Failed jobs stay until the dead-letter sweep has copied them to PostgreSQL.
    removeOnFail: { age: 14 * 24 * 3600 },
  };
}
