import 'dotenv/config';
import { z } from 'zod';

// The one place that reads process.env: app, worker and CLI all import `env` from here.
const csv = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/rival_outranker'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().min(1).default('ro'),
  AUTH_SECRET: z.string().min(16).optional(),
  /** Encrypts crawl secrets (custom headers, cookies, basic auth) at rest; AUTH_SECRET when unset. */
  CRAWL_SECRETS_KEY: z.string().min(16).optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  DEMO_EMAIL: z.string().email().optional(),
  DEMO_PASSWORD: z.string().min(8).optional(),
  APP_URL: z.string().url().default('http://127.0.0.1:3000'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  WORKER_SHUTDOWN_TIMEOUT_S: z.coerce.number().int().min(1).default(30),
  CRAWLER_USER_AGENT: z.string().min(1).default('RivalOutrankerBot/1.0 (+https://github.com/rival-outranker)'),
  ALLOWED_PRIVATE_HOSTS: csv,
  CHROME_PATH: z.string().default('/usr/bin/chromium'),
  RENDER_POOL_SIZE: z.coerce.number().int().min(1).max(16).default(2),
  ANALYSIS_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  MAX_JSON_BODY_BYTES: z.coerce.number().int().min(1_024).default(1_048_576),
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1_024).default(10_485_760),
  RATE_LIMIT_ANALYZE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_AUDITS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_BULK_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  RATE_LIMIT_REPORTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  ANALYSIS_TIME_BUDGET_MS: z.coerce.number().int().min(100).default(10_000),
  /** Report files; a relative path is resolved from the project root (where the app and worker start). */
  REPORTS_DIR: z.string().min(1).default('.data/reports'),
  REPORT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  REPORT_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** An audit or report with no progress for this long is re-queued or failed by the stuck-work sweep. */
  STUCK_WORK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  // Worker pools (lib/queue/pools.ts): jobs per process; crawl and analysis fall back to WORKER_CONCURRENCY.
  CRAWL_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  ANALYSIS_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  // Autoscaling supervisor (worker/supervisor.ts): processes per pool, and when to add or remove one.
  CRAWL_MIN_PROCESSES: z.coerce.number().int().min(0).max(64).default(1),
  CRAWL_MAX_PROCESSES: z.coerce.number().int().min(1).max(64).default(4),
  ANALYSIS_MIN_PROCESSES: z.coerce.number().int().min(0).max(64).default(1),
  ANALYSIS_MAX_PROCESSES: z.coerce.number().int().min(1).max(64).default(4),
  REPORTS_MIN_PROCESSES: z.coerce.number().int().min(0).max(64).default(1),
  REPORTS_MAX_PROCESSES: z.coerce.number().int().min(1).max(64).default(2),
  MAINTENANCE_MIN_PROCESSES: z.coerce.number().int().min(0).max(64).default(1),
  MAINTENANCE_MAX_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  SCALE_UP_WAITING_PER_PROCESS: z.coerce.number().int().min(1).default(10),
  SCALE_UP_OLDEST_WAITING_S: z.coerce.number().int().min(1).default(60),
  SCALE_DOWN_COOLDOWN_S: z.coerce.number().int().min(0).default(120),
  SCALE_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  // Redis topology (lib/queue/connection.ts): a Cluster when REDIS_CLUSTER_NODES is set, Sentinel when
  // REDIS_SENTINELS + REDIS_SENTINEL_NAME are; otherwise REDIS_URL. Credentials come from REDIS_URL.
  REDIS_CLUSTER_NODES: csv,
  REDIS_SENTINELS: csv,
  REDIS_SENTINEL_NAME: z.string().min(1).optional(),
  /** Delete PROFESSIONAL/BULK/COMPARISON audits older than this many days in the daily cleanup; 0 keeps them for ever. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
  /** Queue health: a backlog that grew over this many minutes while nothing completed raises an alert. */
  QUEUE_ALERT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(10),
  /** Queue health: a job waiting longer than this raises an alert. */
  QUEUE_ALERT_OLDEST_WAITING_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(30),
  /** Optional: queue alerts (opened and resolved) are POSTed here as JSON. */
  ALERT_WEBHOOK_URL: z.string().url().optional(),
  /** Bearer token for GET /api/metrics; unset, the route answers 503 (metrics switched off). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Lets schedules run every N seconds (INTERVAL); for tests and demos only (always allowed when NODE_ENV=test). */
  SCHEDULE_ALLOW_INTERVAL: z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1'),
  /** How long a webhook endpoint may take to answer before the delivery counts as failed (and is retried). */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(10_000),
  RO_SERVICE: z.enum(['app', 'worker', 'cli']).default('app'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
});

export type Env = z.infer<typeof schema>;

function loadEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment (see .env.example):\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const env = loadEnv();
