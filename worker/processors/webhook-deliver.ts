import { deliverWebhook, markDeliveryFailed } from '@/lib/webhooks/deliver-webhook';
import type { Processor } from '@/worker/processor';

/** One signed POST; a failure throws so BullMQ retries it with exponential backoff. */
export const webhookDeliver: Processor<'webhook.deliver'> = async ({ deliveryId }, { job }) => deliverWebhook(deliveryId, job.attemptsMade + 1);

export const webhookDeliverFailedForGood = (deliveryId: string, err: Error) => markDeliveryFailed(deliveryId, err);
