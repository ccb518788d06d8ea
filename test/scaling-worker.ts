// A worker process for the supervisor test: serves the pools given with --pool, runs every job as a
// short sleep and records each execution in a Redis list as `jobId@pid`, so the test can prove no job
// ran twice or was lost, and which processes took part. Stops gracefully on SIGTERM like worker/main.ts.
import { env } from '@/lib/env';
import { createRedis } from '@/lib/queue/connection';
import { JOB_NAMES } from '@/lib/queue/jobs';
import { parsePoolArgs } from '@/lib/queue/pools';
import { startWorkers, type StartOptions } from '@/worker/start-workers';

const resultsKey = process.env.SCALING_RESULTS_KEY ?? `${env.QUEUE_PREFIX}:scaling-results`;
const jobMs = Number(process.env.SCALING_JOB_MS ?? 200);
// Jobs whose id starts with "slow-" take this long, so a test can stop a process while one runs.
const slowJobMs = Number(process.env.SCALING_SLOW_JOB_MS ?? 3_000);
const redis = createRedis('worker');

const record = async (_payload: unknown, ctx: { job: { id?: string } }) => {
  const id = `${ctx.job.id}`;
  await new Promise((r) => setTimeout(r, id.startsWith('slow-') ? slowJobMs : jobMs));
  await redis.rpush(resultsKey, `${id}@${process.pid}`);
};
const processors = Object.fromEntries(JOB_NAMES.map((name) => [name, record])) as unknown as NonNullable<StartOptions['processors']>;

const { workers, close } = startWorkers({ queues: parsePoolArgs(process.argv.slice(2)), concurrency: 1, processors });
process.on('SIGTERM', () => {
  void close().then(() => {
    redis.disconnect();
    process.exit(0);
  });
});

// Startup under load takes seconds: tell the test when this process really takes jobs.
await Promise.all(workers.map((w) => w.waitUntilReady()));
await redis.rpush(`${resultsKey}:started`, String(process.pid));
process.stdout.write(`scaling worker ${process.pid} started\n`);
