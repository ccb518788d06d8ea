import type { TrendPoint, TrendSeries } from '@/components/score-trend';
import { seriesColor } from '@/components/score-trend-colors';
import { categoryLabel } from '@/lib/checks/labels';
import type { SiteAuditRow } from '@/lib/sites/sites';

type TrendAudit = Pick<SiteAuditRow, 'id' | 'status' | 'score' | 'categoryScores' | 'createdAt'>;

const FINISHED = new Set(['COMPLETED', 'COMPLETED_WITH_ERRORS']);

/** Audits that finished with results (a failed or cancelled crawl says nothing about the site). */
export function isFinished(audit: Pick<TrendAudit, 'status' | 'score'>): boolean {
  return FINISHED.has(audit.status) && audit.score !== null;
}

/** "3 Dec 14:05" in UTC: the server does not know the browser's time zone. */
function shortDate(date: Date): string {
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return `${day} ${date.toISOString().slice(11, 16)}`;
}

/**
 * The chart's points (finished audits, oldest first, numbered in that order so two audits in the
 * same minute stay apart) and one line per category any of them scored, in label order.
 */
export function buildTrend(audits: TrendAudit[]): { points: TrendPoint[]; series: TrendSeries[] } {
  const finished = audits.filter(isFinished).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const points = finished.map((a, i) => ({ id: a.id, label: `#${i + 1} · ${shortDate(a.createdAt)}`, overall: a.score!, categories: a.categoryScores }));
  const categories = [...new Set(finished.flatMap((a) => Object.keys(a.categoryScores)))].sort((a, b) => categoryLabel(a).localeCompare(categoryLabel(b)));
  return { points, series: categories.map((key, i) => ({ key, label: categoryLabel(key), color: seriesColor(i) })) };
}

/** What the diff picker starts with: the latest finished audit against the one before it. */
export function defaultDiffPair(audits: TrendAudit[]): { from: string; to: string } | null {
  const [to, from] = audits.filter(isFinished).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return to && from ? { from: from.id, to: to.id } : null;
}
