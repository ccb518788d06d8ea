// The queue's own cost: how long a job waits between enqueue and start on an idle queue, and how
// many trivial (no-op) jobs a worker gets through at a given concurrency. A queue of the bench's
// own on the app's Redis connections and prefix; the jobs carry no work, so this is pure transport.
import './bench-env';
import { type Job, Queue, Worker } from 'bullmq';
import { createRedis, queuePrefix, waitUntilReady } from '@/lib/queue/connection';
import { isMain } from './proc';
import { percentiles } from './stats';

export type QueueRun = { concurrency: number; jobs: number; jobsPerSecond: number; enqueueToStartP50Ms: number; enqueueToStartP95Ms: number };

async function withQueue<T>(name: string, concurrency: number, body: (queue: Queue, started: Map<string, number>, completed: (n: number) => Promise<void>) => Promise<T>): Promise<T> {
  const producer = await waitUntilReady(createRedis('producer'));
  const consumer = createRedis('worker');
  const queue = new Queue(name, { connection: producer, prefix: queuePrefix() });
  // Job timestamps are Date.now() of the producer; this process is both ends, so one clock.
  const started = new Map<string, number>();
  let done = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const worker = new Worker(
    name,
    async (job: Job) => {
      started.set(job.id!, Date.now() - job.timestamp);
    },
    { connection: consumer, prefix: queuePrefix(), concurrency },
  );
  worker.on('completed', () => {
    done++;
    for (const w of waiters.filter((x) => done >= x.n)) w.resolve();
  });
  await worker.waitUntilReady();
  const completed = (n: number) => (done >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })));
  try {
    return await body(queue, started, completed);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    producer.disconnect();
    consumer.disconnect();
  }
}

/** Enqueue → start on an idle queue: one job at a time, each added after the previous finished. */
export async function measureEnqueueToStart(jobs: number): Promise<number[]> {
  return withQueue('bench-latency', 1, async (queue, started, completed) => {
    for (let i = 0; i < jobs; i++) {
      await queue.add('noop', { i }, { removeOnComplete: true });
      await completed(i + 1);
    }
    return [...started.values()];
  });
}

/** `jobs` no-op jobs added in bulk at once, worked at `concurrency`: jobs per second from first add to last completion. */
export async function measureTrivialJobs(jobs: number, concurrency: number): Promise<QueueRun> {
  return withQueue(`bench-trivial-c${concurrency}`, concurrency, async (queue, started, completed) => {
    const t0 = performance.now();
    for (let i = 0; i < jobs; i += 500) {
      await queue.addBulk(Array.from({ length: Math.min(500, jobs - i) }, (_, k) => ({ name: 'noop', data: { i: i + k }, opts: { removeOnComplete: true } })));
    }
    await completed(jobs);
    const seconds = (performance.now() - t0) / 1000;
    const waits = percentiles([...started.values()]);
    return { concurrency, jobs, jobsPerSecond: jobs / seconds, enqueueToStartP50Ms: waits.p50, enqueueToStartP95Ms: waits.p95 };
  });
}

if (isMain(import.meta.url)) {
  const jobs = Number(process.argv[2] ?? 2000);
  const lat = percentiles(await measureEnqueueToStart(200));
  console.log(`enqueue → start (idle queue, one at a time): p50 ${lat.p50} ms, p95 ${lat.p95} ms, p99 ${lat.p99} ms`);
  for (const c of [1, 50]) {
    const r = await measureTrivialJobs(jobs, c);
    console.log(`trivial jobs, concurrency ${String(c).padStart(2)}: ${r.jobsPerSecond.toFixed(0)} jobs/s (${jobs} jobs; enqueue → start p95 ${r.enqueueToStartP95Ms} ms under the burst)`);
  }
  process.exit(0);
}
