import { AUDIT_PHASES, isTerminal, type ProgressSnapshot, type SeverityCounts } from '@/lib/progress/events';

// What the progress card shows, merged from every snapshot it receives (SSE events, the server's
// first render, the state after a reconnect). The worker's counters come from two sources (the
// crawler's throttled report and each stored page), so consecutive events can disagree and the
// frontier keeps growing; the card must still never move backwards.

export type ProgressView = ProgressSnapshot & {
  /** Share of the work done, 0..1; never lower than before. */
  fraction: number;
  /** The crawled count `fraction` accounts for (where the next page's share is measured from). */
  fractionAt: number;
};

const phaseRank = (phase: ProgressSnapshot['phase']) => AUDIT_PHASES.indexOf(phase);
const statusRank = (status: ProgressSnapshot['status']) => (isTerminal(status) ? 2 : status === 'RUNNING' ? 1 : 0);

/**
 * The number of pages this run is expected to fetch as far as it is known: everything discovered
 * (the frontier still grows while the crawl runs), but never more than the page limit.
 */
export function expectedPages(s: Pick<ProgressSnapshot, 'discovered' | 'crawled' | 'limit'>): number {
  const known = Math.max(s.discovered, s.crawled);
  return s.limit > 0 ? Math.min(known, s.limit) : known;
}

/** True when the total cannot grow any more: the page limit is reached (or the run ended). */
export function isTotalKnown(s: Pick<ProgressSnapshot, 'status' | 'discovered' | 'limit'>): boolean {
  return isTerminal(s.status) || (s.limit > 0 && s.discovered >= s.limit);
}

/** 0..100 for the bar: 100 only once the audit has ended, never lower than before. */
export function progressPercent(view: ProgressView): number {
  if (isTerminal(view.status) && view.status !== 'CANCELLED') return 100;
  const percent = Math.floor(view.fraction * 100);
  return isTerminal(view.status) ? percent : Math.min(99, percent);
}

function maxCounts(a: SeverityCounts, b: SeverityCounts): SeverityCounts {
  return { critical: Math.max(a.critical, b.critical), high: Math.max(a.high, b.high), medium: Math.max(a.medium, b.medium), low: Math.max(a.low, b.low), info: Math.max(a.info, b.info) };
}

type Share = Pick<ProgressView, 'fraction' | 'fractionAt'>;

/**
 * Advances the share of work done by the pages crawled since the last advance, each worth an
 * equal part of what was left then. When the frontier grows the remaining pages share the
 * remaining part, so the bar slows down instead of jumping back. While the crawled count has
 * caught up with the discovered one the counters are momentarily stale (a page event can arrive
 * before the crawler reports the links that page added) — so nothing moves until the total is
 * known to be larger, unless the page limit was reached or the crawl is over.
 */
function advance(prev: Share, next: Pick<ProgressSnapshot, 'status' | 'phase' | 'crawled' | 'discovered' | 'limit'>): Share {
  const total = expectedPages(next);
  const done = Math.min(next.crawled, total);
  // The total cannot grow any more: the page limit is reached, or the crawl is over.
  const settled = (next.limit > 0 && next.crawled >= next.limit) || phaseRank(next.phase) > phaseRank('crawling') || isTerminal(next.status);
  if (done <= prev.fractionAt || (next.crawled >= total && !settled)) return { fraction: prev.fraction, fractionAt: prev.fractionAt };
  const fraction = prev.fraction + ((1 - prev.fraction) * (done - prev.fractionAt)) / (total - prev.fractionAt);
  return { fraction: Math.min(1, Math.max(prev.fraction, fraction)), fractionAt: done };
}

/** The first view, from one snapshot (the server's render of the audit). */
export function startProgress(snapshot: ProgressSnapshot): ProgressView {
  if (isTerminal(snapshot.status) && snapshot.status !== 'CANCELLED') return { ...snapshot, fraction: 1, fractionAt: snapshot.crawled };
  return { ...snapshot, ...advance({ fraction: 0, fractionAt: 0 }, snapshot) };
}

/**
 * Merges one more snapshot into the view. While the audit runs, every counter only grows (the
 * highest value seen wins), the phase and status only move forward, and the percentage never
 * drops. Once it has ended the view shows the final state: the end status, no ETA, and the final
 * counts (recounted from the stored pages — except after a cancel, whose counters are whatever
 * was last saved, so the higher live ones stay). Events that arrive after the end are ignored.
 */
export function mergeProgress(prev: ProgressView, next: ProgressSnapshot): ProgressView {
  if (prev.auditId !== next.auditId) return startProgress(next);
  if (isTerminal(prev.status) && !isTerminal(next.status)) return prev;

  if (isTerminal(next.status)) {
    const cancelled = next.status === 'CANCELLED';
    const crawled = cancelled ? Math.max(prev.crawled, next.crawled) : next.crawled;
    return {
      ...next,
      phase: 'done',
      crawled,
      failed: cancelled ? Math.max(prev.failed, next.failed) : next.failed,
      discovered: cancelled ? Math.max(prev.discovered, next.discovered, crawled) : next.discovered,
      limit: next.limit || prev.limit,
      findings: cancelled ? maxCounts(prev.findings, next.findings) : next.findings,
      score: next.score ?? prev.score,
      error: next.error ?? prev.error,
      currentUrl: null,
      etaSeconds: null,
      fraction: cancelled ? prev.fraction : 1,
      fractionAt: crawled,
    };
  }

  const crawled = Math.max(prev.crawled, next.crawled);
  const phase = phaseRank(next.phase) >= phaseRank(prev.phase) ? next.phase : prev.phase;
  const merged: ProgressSnapshot = {
    auditId: next.auditId,
    status: statusRank(next.status) >= statusRank(prev.status) ? next.status : prev.status,
    phase,
    crawled,
    failed: Math.max(prev.failed, next.failed),
    discovered: Math.max(prev.discovered, next.discovered, crawled),
    limit: next.limit || prev.limit,
    findings: maxCounts(prev.findings, next.findings),
    currentUrl: next.currentUrl ?? prev.currentUrl,
    // A snapshot read from the database has no ETA; keep the last estimate while pages are still
    // being crawled, drop it once the crawl is over.
    etaSeconds: next.etaSeconds ?? (phaseRank(phase) <= phaseRank('crawling') ? prev.etaSeconds : null),
    score: next.score ?? prev.score,
    error: next.error ?? prev.error,
  };
  return { ...merged, ...advance(prev, merged) };
}
