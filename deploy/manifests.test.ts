import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';

// The Kubernetes manifests in deploy/ checked against the code they run: every pool has a worker
// Deployment and a KEDA ScaledObject, every env var is documented, the metric KEDA reads is one that
// GET /api/metrics really serves (rendered here by the real route, without Redis or PostgreSQL),
// probes hit real routes, and the supervisor's numbers and the manifests' agree.

const TOKEN = 'manifests-test-token-0123456789';
process.env.METRICS_TOKEN = TOKEN; // before lib/env.ts is first loaded (dynamic imports below)

vi.mock('@/lib/queue/queues', async () => (await import('@/test/metrics-without-services')).fakeQueues);
vi.mock('@/lib/db', async () => (await import('@/test/metrics-without-services')).fakeDb);
vi.mock('@/lib/maintenance/daily-aggregates', async () => (await import('@/test/metrics-without-services')).fakeDailyAggregates);

const { POOL_NAMES, parsePoolArgs } = await import('@/lib/queue/pools');
const { queueCounts } = await import('@/test/metrics-without-services');
const { GET: getMetrics } = await import('@/app/api/metrics/route');

const ROOT = path.resolve(import.meta.dirname, '..');
const DEPLOY = import.meta.dirname;
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');

// ---- loading -------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;
type Manifest = { file: string; text: string; kind: string; name: string; body: Obj };

const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asList = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(asObj) : []);
const at = (v: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((o, k) => asObj(o)[k], v);

function loadManifests(): Manifest[] {
  const manifests: Manifest[] = [];
  for (const file of readdirSync(DEPLOY).filter((f) => f.endsWith('.yaml')).sort()) {
    const source = readFileSync(path.join(DEPLOY, file), 'utf8');
    for (const doc of parseAllDocuments(source)) {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      const body = asObj(doc.toJS());
      const [start, , end] = doc.range;
      manifests.push({ file, text: source.slice(start, end), kind: String(body.kind), name: String(at(body, 'metadata', 'name') ?? ''), body });
    }
  }
  return manifests;
}

const manifests = loadManifests();
const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind);
const kustomization = ofKind('Kustomization')[0]!;
const configMap = ofKind('ConfigMap')[0]!;
const secret = ofKind('Secret')[0]!;
const configData = asObj(configMap.body.data) as Record<string, string>;
const secretData = asObj(secret.body.stringData) as Record<string, string>;

/** Names documented in .env.example, set (`NAME=`) or commented out (`# NAME=`). */
const envExample = new Map<string, string>();
for (const m of read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/gm)) envExample.set(m[1]!, m[2]!.trim());

type Workload = Manifest & { podSpec: Obj; containers: Obj[] };
const workloads: Workload[] = manifests
  .filter((m) => m.kind === 'Deployment' || m.kind === 'Job')
  .map((m) => {
    const podSpec = asObj(at(m.body, 'spec', 'template', 'spec'));
    return { ...m, podSpec, containers: [...asList(podSpec.initContainers), ...asList(podSpec.containers)] };
  });
const workerDeployments = workloads.filter((w) => w.kind === 'Deployment' && at(w.body, 'metadata', 'labels', 'app.kubernetes.io/component') === 'worker');
const poolOf = (w: Workload) => parsePoolArgs(asList(w.containers).flatMap((c) => (Array.isArray(c.args) ? c.args.map(String) : [])));

/** `name{a="x",b="y"}` → name and labels (the form KEDA's valueLocation takes for `format: prometheus`). */
function parseSelector(selector: string): { name: string; labels: Record<string, string> } {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?$/.exec(selector.trim());
  if (!m) throw new Error(`not a metric selector: ${selector}`);
  const labels: Record<string, string> = {};
  for (const l of (m[2] ?? '').split(',').filter(Boolean)) {
    const lm = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"([^"]*)"\s*$/.exec(l);
    if (!lm) throw new Error(`only name="value" matchers are supported: ${selector}`);
    labels[lm[1]!] = lm[2]!;
  }
  return { name: m[1]!, labels };
}

/** Values of the samples in a Prometheus exposition that match a selector. */
function matchSamples(body: string, selector: string): number[] {
  const { name, labels } = parseSelector(selector);
  const values: number[] = [];
  for (const line of body.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const sample = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
    if (Object.entries(labels).every(([k, v]) => sample[k] === v)) values.push(Number(m[3]));
  }
  return values;
}

/** `foo: 3 # env: NAME` in a manifest's text → [{ key: 'foo', value: '3', env: 'NAME' }]. */
function envComments(text: string) {
  return [...text.matchAll(/^\s*([\w-]+):\s*"?([^"#\s]*)"?\s*#\s*env:\s*([A-Z][A-Z0-9_]*)\s*$/gm)].map((m) => ({ key: m[1]!, value: m[2]!, env: m[3]! }));
}

// ---- tests ---------------------------------------------------------------------------------------

describe('deploy/ manifests', () => {
  it('parse, and every object has a kind and a name', () => {
    expect(manifests.length).toBeGreaterThan(5);
    for (const m of manifests.filter((x) => x.kind !== 'Kustomization')) {
      expect(m.body.apiVersion, `${m.file} ${m.kind}`).toBeTruthy();
      expect(m.name, `${m.file} ${m.kind}`).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
    const names = manifests.map((m) => `${m.kind}/${m.name}`);
    expect(new Set(names).size, 'duplicate objects').toBe(names.length);
  });

  it('kustomization.yaml lists every manifest but the Secret template, which must never be applied over the real Secret', () => {
    const resources = (kustomization.body.resources as string[]).slice().sort();
    const files = readdirSync(DEPLOY).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml' && f !== 'secret.template.yaml').sort();
    expect(resources).toEqual(files);
    expect(resources).not.toContain('secret.template.yaml');
  });

  it('the Secret template holds placeholders only', () => {
    expect(Object.keys(secretData).length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(secretData)) expect(value, key).toMatch(/CHANGE-ME|example\.com/);
  });

  it('every pool of lib/queue/pools.ts has exactly one worker Deployment, and no Deployment serves an unknown pool', () => {
    const served = workerDeployments.map((w) => poolOf(w));
    for (const pools of served) expect(pools).toHaveLength(1); // parsePoolArgs throws on an unknown pool; no --pool would mean every pool
    expect(served.map((p) => p[0]).sort()).toEqual([...POOL_NAMES].sort());
    for (const w of workerDeployments) {
      const c = w.containers[0]!;
      expect([...(c.command as string[])].join(' '), w.name).toBe('node --import tsx worker/main.ts');
      expect(c.args, w.name).toEqual(['--pool', poolOf(w)[0]]);
    }
  });

  it('workers get longer than WORKER_SHUTDOWN_TIMEOUT_S (+5 s forced-exit margin) to stop before SIGKILL', () => {
    const timeout = Number(configData.WORKER_SHUTDOWN_TIMEOUT_S ?? envExample.get('WORKER_SHUTDOWN_TIMEOUT_S'));
    expect(timeout).toBeGreaterThan(0);
    for (const w of workerDeployments) expect(Number(w.podSpec.terminationGracePeriodSeconds), w.name).toBeGreaterThan(timeout + 5);
  });

  it('every pool has one ScaledObject whose scaleTargetRef names its worker Deployment', () => {
    const scaled = ofKind('ScaledObject');
    for (const pool of POOL_NAMES) {
      const deployment = workerDeployments.find((w) => poolOf(w)[0] === pool)!;
      const targets = scaled.filter((s) => at(s.body, 'spec', 'scaleTargetRef', 'name') === deployment.name);
      expect(targets, `ScaledObject for pool ${pool}`).toHaveLength(1);
    }
    expect(scaled).toHaveLength(POOL_NAMES.length);
  });

  it('every env var the manifests set or mention is documented in .env.example', () => {
    const referenced = new Set<string>([...Object.keys(configData), ...Object.keys(secretData)]);
    // Commented-out settings in the ConfigMap (e.g. `# REDIS_SENTINELS: …`) count too.
    for (const m of configMap.text.matchAll(/^\s*#\s*([A-Z][A-Z0-9_]*):/gm)) referenced.add(m[1]!);
    for (const w of workloads) {
      for (const c of w.containers) {
        for (const e of asList(c.env)) referenced.add(String(e.name));
        for (const from of asList(c.envFrom)) {
          const ref = String(at(from, 'configMapRef', 'name') ?? at(from, 'secretRef', 'name'));
          expect([configMap.name, secret.name], `${w.name} envFrom`).toContain(ref);
        }
      }
    }
    for (const m of manifests) for (const c of envComments(m.text)) referenced.add(c.env);
    const undocumented = [...referenced].filter((name) => !envExample.has(name));
    expect(undocumented).toEqual([]);
    expect(referenced.size).toBeGreaterThan(10);
  });

  it('numbers marked `# env: NAME` equal the default in .env.example (the supervisor and KEDA agree)', () => {
    const marked = manifests.flatMap((m) => envComments(m.text).map((c) => ({ ...c, file: m.file, name: m.name })));
    expect(marked.length).toBeGreaterThanOrEqual(POOL_NAMES.length * 2);
    for (const c of marked) expect(c.value, `${c.file} ${c.name} ${c.key} (${c.env})`).toBe(envExample.get(c.env));
    for (const s of ofKind('ScaledObject')) {
      const pool = String(at(s.body, 'metadata', 'labels', 'rival-outranker/pool'));
      const keys = envComments(s.text).map((c) => `${c.key}=${c.env}`);
      expect(keys, s.name).toEqual(expect.arrayContaining([`minReplicaCount=${pool.toUpperCase()}_MIN_PROCESSES`, `maxReplicaCount=${pool.toUpperCase()}_MAX_PROCESSES`]));
    }
  });

  describe('KEDA triggers read a series GET /api/metrics serves', () => {
    let exposition = '';
    beforeAll(async () => {
      // A different backlog per pool, so a selector naming the wrong pool reads the wrong number.
      POOL_NAMES.forEach((pool, i) => (queueCounts[pool] = { waiting: i + 1, prioritized: 10 * (i + 1), delayed: 1000, active: 500 }));
      const res = await getMetrics(new Request('http://web/api/metrics', { headers: { authorization: `Bearer ${TOKEN}` } }));
      expect(res.status).toBe(200);
      exposition = await res.text();
    });

    it('with the metrics-api scaler in Prometheus format, one sample per pool: its waiting + prioritized jobs', () => {
      for (const s of ofKind('ScaledObject')) {
        const target = String(at(s.body, 'spec', 'scaleTargetRef', 'name'));
        const pool = poolOf(workerDeployments.find((w) => w.name === target)!)[0]!;
        const triggers = asList(at(s.body, 'spec', 'triggers'));
        expect(triggers.map((t) => t.type), s.name).toEqual(['metrics-api']); // never KEDA's redis list scaler (it misses prioritized jobs)
        const meta = asObj(triggers[0]!.metadata);
        expect(meta.format, s.name).toBe('prometheus');
        const values = matchSamples(exposition, String(meta.valueLocation));
        expect(values, `${s.name}: ${String(meta.valueLocation)}`).toEqual([queueCounts[pool]!.waiting! + queueCounts[pool]!.prioritized!]);
        expect(Number(meta.targetValue), s.name).toBeGreaterThan(0);
      }
    });

    it('at the web Service, with the METRICS_TOKEN bearer token from the Secret', () => {
      const namespace = String(kustomization.body.namespace);
      const service = ofKind('Service').find((s) => at(s.body, 'metadata', 'labels', 'app.kubernetes.io/component') === 'web')!;
      const ports = asList(at(service.body, 'spec', 'ports')).map((p) => Number(p.port));
      for (const s of ofKind('ScaledObject')) {
        const trigger = asList(at(s.body, 'spec', 'triggers'))[0]!;
        const url = new URL(String(at(trigger, 'metadata', 'url')));
        expect(url.hostname, s.name).toBe(`${service.name}.${namespace}.svc.cluster.local`);
        expect(ports, s.name).toContain(Number(url.port));
        expect(existsSync(path.join(ROOT, 'app', url.pathname, 'route.ts')), `${url.pathname} route`).toBe(true);
        expect(url.pathname).toBe('/api/metrics');
        expect(at(trigger, 'metadata', 'authMode'), s.name).toBe('bearer');
        const auth = ofKind('TriggerAuthentication').find((a) => a.name === at(trigger, 'authenticationRef', 'name'));
        expect(auth, `${s.name} authenticationRef`).toBeDefined();
        expect(asList(at(auth!.body, 'spec', 'secretTargetRef'))).toContainEqual({ parameter: 'token', name: secret.name, key: 'METRICS_TOKEN' });
      }
      expect(Object.keys(secretData)).toContain('METRICS_TOKEN');
    });
  });

  it('probes hit routes that exist (app/**/route.ts with a GET) on a declared port', () => {
    let probes = 0;
    for (const w of workloads) {
      for (const c of w.containers) {
        const portNames = asList(c.ports).map((p) => p.name);
        for (const kind of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
          const httpGet = asObj(at(c, kind, 'httpGet'));
          if (!httpGet.path) continue;
          probes++;
          const file = path.join(ROOT, 'app', String(httpGet.path), 'route.ts');
          expect(existsSync(file), `${w.name} ${kind} ${String(httpGet.path)}`).toBe(true);
          expect(readFileSync(file, 'utf8')).toMatch(/export (async )?function GET/);
          expect(portNames, `${w.name} ${kind} port`).toContain(httpGet.port);
          // /api/health fails with the workers or Redis down: it must not take web pods out of the Service.
          expect(httpGet.path, `${w.name} ${kind}`).not.toBe('/api/health');
        }
      }
    }
    expect(probes).toBeGreaterThanOrEqual(2);
  });

  it('every container runs the image built from the Dockerfile, from its WORKDIR, with files that exist there', () => {
    const images = asList(kustomization.body.images).map((i) => String(i.name));
    const workdir = /^WORKDIR\s+(\S+)/m.exec(read('Dockerfile'))?.[1];
    expect(workdir).toBeDefined();
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const installed = { ...pkg.dependencies, ...pkg.devDependencies }; // the image runs `npm ci`: dev dependencies too
    for (const w of workloads) {
      for (const c of w.containers) {
        expect(images, `${w.name} image`).toContain(c.image);
        expect(c.workingDir, `${w.name} workingDir`).toBe(workdir);
        const argv = [...(c.command as string[]), ...((c.args as string[] | undefined) ?? [])];
        const bin = /^node_modules\/\.bin\/(.+)$/.exec(argv[0]!)?.[1];
        if (bin) expect(installed, `${w.name}: ${bin}`).toHaveProperty(bin);
        for (const arg of argv.filter((a) => /\.(ts|mjs|js)$/.test(a))) expect(existsSync(path.join(ROOT, arg)), `${w.name}: ${arg}`).toBe(true);
        if (argv[0] === 'node') expect(installed).toHaveProperty(argv[2]!); // --import tsx
      }
    }
  });

  it('REPORTS_DIR is the same volume for the web (serves), reports (writes) and maintenance (deletes)', () => {
    const claims = ofKind('PersistentVolumeClaim').map((p) => p.name);
    const mounting = workloads.filter((w) => w.containers.some((c) => asList(c.volumeMounts).some((v) => v.mountPath === configData.REPORTS_DIR)));
    const names = mounting.map((w) => (w.kind === 'Deployment' && workerDeployments.includes(w) ? poolOf(w)[0] : at(w.body, 'metadata', 'labels', 'app.kubernetes.io/component')));
    expect(names.sort()).toEqual(['maintenance', 'reports', 'web']);
    for (const w of mounting) for (const v of asList(w.podSpec.volumes)) expect(claims, w.name).toContain(at(v, 'persistentVolumeClaim', 'claimName'));
  });

  it('the migration Job runs prisma migrate deploy (npm run db:migrate)', () => {
    const job = workloads.find((w) => w.kind === 'Job')!;
    expect(JSON.parse(read('package.json')).scripts['db:migrate']).toBe('prisma migrate deploy');
    expect(job.containers[0]!.command).toEqual(['node_modules/.bin/prisma', 'migrate', 'deploy']);
  });
});
