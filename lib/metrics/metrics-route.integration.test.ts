import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';

// GET /api/metrics through its real route handler: token check, and the Prometheus text format
// parsed line by line with a strict parser (every sample belongs to a family with HELP and TYPE).
process.env.QUEUE_PREFIX = `ro-metrics-${randomUUID().slice(0, 8)}`;
const TOKEN = 'metrics-test-token-0123456789';
process.env.METRICS_TOKEN = TOKEN;

const { Worker } = await import('bullmq');
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { createRedis } = await import('@/lib/queue/connection');
const { closeQueues, getQueue } = await import('@/lib/queue/queues');
const { GET } = await import('@/app/api/metrics/route');
const { waitFor } = await import('@/test/wait-for');

const scrape = (authorization?: string) => GET(new Request('http://127.0.0.1:3000/api/metrics', { headers: authorization ? { authorization } : {} }));

type Sample = { name: string; labels: Record<string, string>; value: number };
type Family = { name: string; help?: string; type?: string; samples: Sample[] };

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES = ['_bucket', '_sum', '_count', '_total', '_created'];

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  // prom-client writes NaN as "Nan" (nodejs_eventloop_lag_* before any sample); Prometheus parses floats with Go's ParseFloat, which takes any case.
  if (/^nan$/i.test(text)) return NaN;
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`bad value "${text}"`);
  return Number(text);
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const m = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(text.slice(i));
    if (!m) throw new Error(`bad label at "${text.slice(i)}"`);
    i += m[0].length;
    let value = '';
    for (;;) {
      const c = text[i++];
      if (c === undefined) throw new Error('unterminated label value');
      if (c === '"') break;
      if (c === '\\') {
        const e = text[i++];
        value += e === 'n' ? '\n' : e === '\\' ? '\\' : e === '"' ? '"' : (() => { throw new Error(`bad escape \\${e}`); })();
      } else value += c;
    }
    labels[m[1]!] = value;
    if (text[i] === ',') i++;
    else if (i !== text.length) throw new Error(`expected , in labels at "${text.slice(i)}"`);
  }
  return labels;
}

/** Text exposition format 0.0.4, strictly: HELP then TYPE before a family's samples, no stray lines. */
function parseExposition(body: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const familyOf = (sample: string) => {
    if (families.has(sample)) return families.get(sample)!;
    for (const s of SUFFIXES) if (sample.endsWith(s) && families.has(sample.slice(0, -s.length))) return families.get(sample.slice(0, -s.length))!;
    throw new Error(`sample ${sample} has no HELP/TYPE`);
  };
  const lines = body.split('\n');
  expect(lines.at(-1)).toBe('');
  for (const line of lines.slice(0, -1)) {
    let m: RegExpExecArray | null;
    if ((m = /^# HELP (\S+) (.*)$/.exec(line))) {
      if (!NAME.test(m[1]!) || families.has(m[1]!)) throw new Error(`bad or repeated HELP: ${line}`);
      families.set(m[1]!, { name: m[1]!, help: m[2]!, samples: [] });
    } else if ((m = /^# TYPE (\S+) (\S+)$/.exec(line))) {
      const f = families.get(m[1]!);
      if (!f || f.type || !TYPES.has(m[2]!)) throw new Error(`TYPE without HELP, repeated or unknown: ${line}`);
      f.type = m[2]!;
    } else if ((m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(line))) {
      const f = familyOf(m[1]!);
      if (!f.type) throw new Error(`sample before TYPE: ${line}`);
      f.samples.push({ name: m[1]!, labels: m[2] ? parseLabels(m[2]) : {}, value: parseValue(m[3]!) });
    } else if (line !== '') {
      throw new Error(`unparseable line: ${JSON.stringify(line)}`);
    }
  }
  return families;
}

const sampleOf = (families: Map<string, Family>, family: string, name: string, labels: Record<string, string>) =>
  families.get(family)?.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

afterAll(async () => {
  for (const name of ['reports', 'analysis'] as const) await (await getQueue(name)).obliterate({ force: true });
  await closeQueues();
  await db.$disconnect();
});

describe('GET /api/metrics', () => {
  it('401 without or with a wrong Bearer token; 503 with a clear message while METRICS_TOKEN is unset', async () => {
    expect((await scrape()).status).toBe(401);
    const wrong = await scrape('Bearer not-the-token-at-all');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('Bearer');
    const saved = env.METRICS_TOKEN;
    env.METRICS_TOKEN = undefined;
    try {
      const off = await scrape(`Bearer ${TOKEN}`);
      expect(off.status).toBe(503);
      expect(((await off.json()) as { error: { message: string } }).error.message).toContain('METRICS_TOKEN');
    } finally {
      env.METRICS_TOKEN = saved;
    }
  });

  it('exposes queue depth by state (matching a queue we filled), job durations, failures and retries, in valid exposition format', async () => {
    const reports = await getQueue('reports');
    for (let i = 0; i < 3; i++) await reports.add('report.generate', { i }, { attempts: 1 });
    await reports.add('report.generate', { i: 9 }, { attempts: 1, priority: 4 });

    const analysis = await getQueue('analysis');
    await analysis.add('bulk.analyze-url', { ok: true }, { attempts: 1 });
    await analysis.add('bulk.analyze-url', { ok: false }, { attempts: 2, backoff: { type: 'fixed', delay: 10 } });
    const connection = createRedis('worker');
    const worker = new Worker('analysis', async (job) => {
      if (!(job.data as { ok: boolean }).ok) throw new Error('probe failure');
    }, { connection, prefix: env.QUEUE_PREFIX });
    await waitFor(async () => {
      const c = await analysis.getJobCounts('completed', 'failed');
      return c.completed === 1 && c.failed === 1;
    }, 15_000, 'the analysis probes to finish');
    await worker.close();
    connection.disconnect();

    // Finished jobs are counted once they are a few seconds old (HARVEST_LAG_MS): poll the scrape.
    const families = await waitFor(async () => {
      const res = await scrape(`Bearer ${TOKEN}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const parsed = parseExposition(await res.text());
      return (sampleOf(parsed, 'ro_job_duration_seconds', 'ro_job_duration_seconds_count', { queue: 'analysis', job: 'bulk.analyze-url', outcome: 'failed' })?.value ?? 0) >= 1 ? parsed : null;
    }, 20_000, 'the finished jobs in the metrics');

    for (const [name, type] of [['ro_queue_jobs', 'gauge'], ['ro_job_duration_seconds', 'histogram'], ['ro_jobs_finished_total', 'counter'], ['ro_job_retries_total', 'counter'], ['ro_dead_letters', 'gauge'], ['ro_audits_running', 'gauge'], ['ro_pages_crawled_total', 'counter'], ['ro_queue_alerts_open', 'gauge'], ['ro_pool_backlog', 'gauge']] as const) {
      expect(families.get(name), name).toMatchObject({ type });
      expect(families.get(name)!.help!.length, `${name} HELP`).toBeGreaterThan(10);
    }
    expect(sampleOf(families, 'ro_queue_jobs', 'ro_queue_jobs', { queue: 'reports', state: 'waiting' })?.value).toBe(3);
    expect(sampleOf(families, 'ro_queue_jobs', 'ro_queue_jobs', { queue: 'reports', state: 'prioritized' })?.value).toBe(1);
    expect(sampleOf(families, 'ro_queue_jobs', 'ro_queue_jobs', { queue: 'analysis', state: 'failed' })?.value).toBe(1);
    // What deploy/ scales the reports pool on: waiting + prioritized of its queue.
    expect(sampleOf(families, 'ro_pool_backlog', 'ro_pool_backlog', { pool: 'reports' })?.value).toBe(4);
    expect(sampleOf(families, 'ro_jobs_finished_total', 'ro_jobs_finished_total', { queue: 'analysis', job: 'bulk.analyze-url', outcome: 'completed' })?.value).toBe(1);
    expect(sampleOf(families, 'ro_jobs_finished_total', 'ro_jobs_finished_total', { queue: 'analysis', job: 'bulk.analyze-url', outcome: 'failed' })?.value).toBe(1);
    expect(sampleOf(families, 'ro_job_retries_total', 'ro_job_retries_total', { queue: 'analysis', job: 'bulk.analyze-url' })?.value).toBe(1);
    expect(sampleOf(families, 'ro_job_duration_seconds', 'ro_job_duration_seconds_bucket', { queue: 'analysis', job: 'bulk.analyze-url', outcome: 'completed', le: '+Inf' })?.value).toBe(1);

    // A second scrape does not count the same jobs again.
    const again = parseExposition(await (await scrape(`Bearer ${TOKEN}`)).text());
    expect(sampleOf(again, 'ro_jobs_finished_total', 'ro_jobs_finished_total', { queue: 'analysis', job: 'bulk.analyze-url', outcome: 'completed' })?.value).toBe(1);
  });

  it('the strict parser rejects malformed exposition (so the test above can fail)', () => {
    expect(() => parseExposition('ro_x 1\n')).toThrow(/no HELP/);
    expect(() => parseExposition('# HELP ro_x help\n# TYPE ro_x gauge\nro_x{a="1} 1\n')).toThrow();
    expect(() => parseExposition('# HELP ro_x help\n# TYPE ro_x gauge\nro_x one\n')).toThrow(/bad value/);
  });
});
