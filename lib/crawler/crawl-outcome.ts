// Why a crawl stopped, decided once everything has settled.
import type { StopReason } from '@/lib/crawler/crawl-types';

export type StopFacts = {
  /** The caller cancelled (not the crawl's own abort after onPage threw: that rejects instead). */
  cancelled: boolean;
  unreachable: boolean;
  /** URLs left in the snapshot (queued, or in flight when cancelled). */
  remaining: number;
  budgetFull: boolean;
  hostsDown: number;
};

/** First match wins: a cancelled crawl is "aborted" even if it also ran out of pages. */
export function decideStopReason(facts: StopFacts): StopReason {
  if (facts.cancelled) return 'aborted';
  if (facts.unreachable) return 'site-unreachable';
  if (facts.remaining === 0) return 'complete';
  if (facts.budgetFull) return 'max-pages';
  if (facts.hostsDown > 0) return 'hosts-down';
  return 'complete';
}
