import { FlowProducer, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedis, queuePrefix, waitUntilReady, withTimeout } from '@/lib/queue/connection';
import type { QueueName } from '@/lib/queue/jobs';

// Producer-side queues, one per name per process, sharing one fail-fast connection.
let producerRedis: Redis | undefined;
const queues = new Map<QueueName, Queue>();

export function getProducerRedis(): Promise<Redis> {
  producerRedis ??= createRedis('producer');
  return waitUntilReady(producerRedis);
}

/** Rejects within ~2 s when Redis is unreachable. */
export async function getQueue(name: QueueName): Promise<Queue> {
  const existing = queues.get(name);
  if (existing) return existing;
  const connection = await getProducerRedis();
  let queue = queues.get(name);
  if (!queue) {
    queue = new Queue(name, { connection, prefix: queuePrefix() });
    queue.on('error', () => {}); // surfaced through enqueue() instead
    queues.set(name, queue);
  }
  return queue;
}

let flowProducer: FlowProducer | undefined;

export async function getFlowProducer(): Promise<FlowProducer> {
  if (flowProducer) return flowProducer;
  const connection = await getProducerRedis();
  flowProducer ??= new FlowProducer({ connection, prefix: queuePrefix() });
  flowProducer.on('error', () => {});
  return flowProducer;
}

/** Bounded: closing a queue whose Redis is gone would otherwise wait forever. */
export async function closeQueues(): Promise<void> {
  const closing = [...queues.values()].map((q) => withTimeout(q.close(), 2_000, 'queue close').catch(() => {}));
  if (flowProducer) closing.push(withTimeout(flowProducer.close(), 2_000, 'flow close').catch(() => {}));
  flowProducer = undefined;
  queues.clear();
  await Promise.all(closing);
  producerRedis?.disconnect();
  producerRedis = undefined;
}
