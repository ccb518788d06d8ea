// The bench runs under a queue prefix of its own (bench-env.ts), fresh every run: when it ends, its
// keys (queues, repeatable maintenance jobs, crawl state, progress streams) go, so runs in CI do
// not pile up keys in Redis that nothing will ever read.
import { Cluster, type Redis } from 'ioredis';
import { createRedis, queuePrefix, waitUntilReady } from '@/lib/queue/connection';

/** True for the prefixes bench-env.ts makes; anything else (the app's own) is never deleted. */
export function isBenchPrefix(prefix: string): boolean {
  return /-bench-[0-9a-f]{8}\}?$/.test(prefix);
}

/** Deletes every key under the bench's prefix; returns how many. */
export async function deleteBenchKeys(prefix = queuePrefix()): Promise<number> {
  if (!isBenchPrefix(prefix)) throw new Error(`refusing to delete keys under "${prefix}": not a bench prefix`);
  const redis = await waitUntilReady(createRedis('producer'));
  let deleted = 0;
  try {
    // Glob-special characters in the prefix are escaped so it matches only itself.
    const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`;
    const client = redis as unknown as Redis | Cluster; // createRedis types a Cluster as Redis
    const nodes: Redis[] = client instanceof Cluster ? client.nodes('master') : [redis];
    for (const node of nodes) {
      for await (const keys of node.scanStream({ match: pattern, count: 500 }) as AsyncIterable<string[]>) {
        if (keys.length === 0) continue;
        // One round trip per scanned batch; a pipeline (not one multi-key UNLINK) also works in a cluster.
        const pipeline = redis.pipeline();
        for (const key of keys) pipeline.unlink(key);
        for (const [err, count] of (await pipeline.exec()) ?? []) {
          if (err) throw err;
          deleted += Number(count);
        }
      }
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}
