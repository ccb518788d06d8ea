// A worker process for the supervisor test: serves the pools given with --pool, runs every job as a
// short sleep and records each execution in a Redis list, so the test can prove no job ran twice
// or was lost. Stops gracefully on SIGTERM like worker/main.ts.
import { env } from '@/lib/env';
import { createRedis } from '@/lib/queue/connection';
import { JOB_NAMES } from '@/lib/queue/jobs';
import { parsePoolArgs } from '@/lib/queue/pools';
import { startWorkers, type StartOptions } from '@/worker/start-workers';

const resultsKey = process.env.SCALING_RESULTS_KEY ?? `${env.QUEUE_PREFIX}:scaling-results`;
const jobMs = Number(process.env.SCALING_JOB_MS ?? 200);
const redis = createRedis('worker');

const record = async (_payload: unknown, ctx: { job: { id?: string } }) => {
  await new Promise((r) => setTimeout(r, jobMs));
  await redis.rpush(resultsKey, `${ctx.job.id}`);
};
const processors = Object.fromEntries(JOB_NAMES.map((name) => [name, record])) as unknown as NonNullable<StartOptions['processors']>;

const { close } = startWorkers({ queues: parsePoolArgs(process.argv.slice(2)), concurrency: 1, processors });
process.stdout.write(`scaling worker ${process.pid} started\n`);

process.on('SIGTERM', () => {
  void close().then(() => {
    redis.disconnect();
    process.exit(0);
  });
});
