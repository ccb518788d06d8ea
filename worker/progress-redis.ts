import type { Redis } from 'ioredis';
import { createRedis } from '@/lib/queue/connection';

// One connection per worker process for publishing progress events.
let redis: Redis | undefined;

export function getProgressRedis(): Redis {
  redis ??= createRedis('worker');
  return redis;
}

export function closeProgressRedis() {
  redis?.disconnect();
  redis = undefined;
}
