import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { env } from '@/lib/env';

/**
 * Producers fail fast (no offline queue, one retry) so a request never hangs on a dead Redis;
 * workers and subscribers wait forever (`maxRetriesPerRequest: null`), as BullMQ requires.
 */
export type RedisRole = 'producer' | 'worker' | 'subscriber';

export type RedisTopology =
  | { kind: 'standalone'; url: string }
  | { kind: 'cluster'; nodes: { host: string; port: number }[] }
  | { kind: 'sentinel'; sentinels: { host: string; port: number }[]; name: string };

function hostPort(entry: string): { host: string; port: number } {
  const at = entry.lastIndexOf(':');
  const host = at > 0 ? entry.slice(0, at) : entry;
  const port = at > 0 ? Number(entry.slice(at + 1)) : 6379;
  if (!host || !Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`Invalid Redis node "${entry}" (expected host:port)`);
  return { host, port };
}

/** Which Redis the env describes: REDIS_CLUSTER_NODES wins, then REDIS_SENTINELS + REDIS_SENTINEL_NAME, else REDIS_URL. */
export function redisTopology(e: Pick<typeof env, 'REDIS_URL' | 'REDIS_CLUSTER_NODES' | 'REDIS_SENTINELS' | 'REDIS_SENTINEL_NAME'> = env): RedisTopology {
  if (e.REDIS_CLUSTER_NODES.length > 0) return { kind: 'cluster', nodes: e.REDIS_CLUSTER_NODES.map(hostPort) };
  if (e.REDIS_SENTINELS.length > 0) {
    if (!e.REDIS_SENTINEL_NAME) throw new Error('REDIS_SENTINELS is set but REDIS_SENTINEL_NAME (the master group name) is not');
    return { kind: 'sentinel', sentinels: e.REDIS_SENTINELS.map(hostPort), name: e.REDIS_SENTINEL_NAME };
  }
  return { kind: 'standalone', url: e.REDIS_URL };
}

export const isClusterMode = () => redisTopology().kind === 'cluster';

/**
 * The key prefix for BullMQ and every other key we write. BullMQ's Lua scripts touch several keys
 * of a queue at once, which a Cluster allows only within one hash slot: a `{…}` hash tag in the
 * prefix puts all our keys in one slot (BullMQ's documented way). A prefix that already has one is kept.
 */
export function queuePrefix(prefix = env.QUEUE_PREFIX, clustered = isClusterMode()): string {
  return clustered && !/\{[^}]+\}/.test(prefix) ? `{${prefix}}` : prefix;
}

/** Password, user name and TLS come from REDIS_URL in every topology. */
function credentials(url = env.REDIS_URL): Pick<RedisOptions, 'username' | 'password' | 'tls'> {
  const u = new URL(url);
  return {
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** Keep reconnecting in the background, but never faster than every 2 s. */
const retryStrategy = (times: number) => Math.min(times * 200, 2_000);

/**
 * Every Redis connection of the app, worker and CLI is made here, so one setting switches all of
 * them to a Cluster or Sentinel. A Cluster is returned typed as `Redis`: it has the same command
 * methods, and our code sends only single-key commands (or keys sharing the prefix's hash tag).
 */
export function createRedis(role: RedisRole, url = env.REDIS_URL, topology: RedisTopology = url === env.REDIS_URL ? redisTopology() : { kind: 'standalone', url }): Redis {
  const failFast = role === 'producer';
  const common = { connectTimeout: 2_000, maxRetriesPerRequest: failFast ? 1 : null } satisfies RedisOptions;
  let redis: Redis;
  if (topology.kind === 'cluster') {
    const options: ClusterOptions = {
      enableOfflineQueue: !failFast,
      clusterRetryStrategy: retryStrategy,
      redisOptions: { ...common, ...credentials(url) },
      // Cluster nodes answer MOVED with their announced address; keep DNS names stable in k8s.
      dnsLookup: (address, callback) => callback(null, address),
      slotsRefreshTimeout: 2_000,
    };
    redis = new Cluster(topology.nodes, options) as unknown as Redis;
  } else if (topology.kind === 'sentinel') {
    redis = new Redis({ ...common, ...credentials(url), sentinels: topology.sentinels, name: topology.name, enableOfflineQueue: !failFast, retryStrategy, sentinelRetryStrategy: retryStrategy });
  } else {
    redis = new Redis(url, { ...common, enableOfflineQueue: !failFast, retryStrategy, lazyConnect: false });
  }
  // ioredis emits 'error' on every failed reconnect; without a listener Node would crash.
  redis.on('error', () => {});
  return redis;
}

/** Race a Redis-backed promise against a deadline so callers get an answer, not a hang. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A fail-fast client rejects commands until it is connected, so producers wait (briefly) for
 * 'ready' before their first command instead of failing on a healthy but still-connecting Redis.
 */
export async function waitUntilReady(redis: Redis, ms = 2_000): Promise<Redis> {
  if (redis.status === 'ready') return redis;
  await withTimeout(
    new Promise<void>((resolve) => redis.once('ready', () => resolve())),
    ms,
    'Redis connection',
  );
  return redis;
}

export type EvictionPolicy =
  /** Every node answered `noeviction`. */
  | { ok: true; policy: 'noeviction' }
  /** At least one node evicts keys: BullMQ would silently lose jobs and locks. */
  | { ok: false; policy: string; node?: string }
  /** CONFIG is disabled (managed Redis often renames it): we cannot tell. */
  | { ok: null; policy: null; error: string };

async function policyOf(node: Redis): Promise<string> {
  const reply = (await node.config('GET', 'maxmemory-policy')) as string[];
  const value = reply[1];
  if (value === undefined) throw new Error('CONFIG GET maxmemory-policy returned nothing');
  return value;
}

/** CONFIG GET maxmemory-policy on the server (every master of a Cluster). */
export async function checkEvictionPolicy(redis: Redis): Promise<EvictionPolicy> {
  const nodes = redis instanceof Cluster ? (redis as Cluster).nodes('master') : [redis];
  // A Cluster that has not loaded its slots yet knows no masters: that is "cannot tell", not "fine".
  if (nodes.length === 0) return { ok: null, policy: null, error: 'no Redis Cluster master known yet' };
  try {
    for (const node of nodes) {
      const policy = await policyOf(node);
      if (policy !== 'noeviction') return { ok: false, policy, ...(redis instanceof Cluster ? { node: `${node.options.host}:${node.options.port}` } : {}) };
    }
    return { ok: true, policy: 'noeviction' };
  } catch (err) {
    return { ok: null, policy: null, error: err instanceof Error ? err.message : String(err) };
  }
}
