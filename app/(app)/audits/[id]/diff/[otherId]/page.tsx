import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { formatUtc } from '@/components/format-time';
import { ScoreText } from '@/components/score-text';
import { SeverityBadge } from '@/components/severity-badge';
import { diffAudits, getDiffPairForUser, type AuditDiff, type DiffFinding } from '@/lib/audits/audit-diff';
import { readCategoryScores } from '@/lib/audits/audit-json';
import { requirePageUser } from '@/lib/auth/require-user';
import { categoryLabel, countOf } from '@/lib/checks/labels';
import { AppError } from '@/lib/errors';

export const metadata: Metadata = { title: 'What changed' };
export const dynamic = 'force-dynamic';

const LINK = 'text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500';
const CARD = 'flex min-w-0 flex-col gap-3 rounded-lg bg-white p-4 shadow-sm';

type DiffPair = Awaited<ReturnType<typeof getDiffPairForUser>>;

/** Both audits if the user may see them; the 404 page if not; the reason as text when they cannot be compared. */
async function loadPair(id: string, otherId: string, user: Awaited<ReturnType<typeof requirePageUser>>): Promise<DiffPair | { refused: string }> {
  try {
    return await getDiffPairForUser(id, otherId, user);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    if (err instanceof AppError && err.code === 'BAD_REQUEST') return { refused: err.message };
    throw err;
  }
}

function Delta({ delta }: { delta: number | null | undefined }) {
  if (delta === null || delta === undefined) return <span className="text-slate-400">—</span>;
  const color = delta > 0 ? 'text-green-700' : delta < 0 ? 'text-red-700' : 'text-slate-500';
  return <span className={`font-medium tabular-nums ${color}`}>{delta > 0 ? `+${delta}` : delta < 0 ? `−${-delta}` : '±0'}</span>;
}

function ScoreChanges({ pair, diff }: { pair: DiffPair; diff: AuditDiff }) {
  const before = readCategoryScores(pair.base.categoryScores);
  const after = readCategoryScores(pair.head.categoryScores);
  const categories = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort((a, b) => categoryLabel(a).localeCompare(categoryLabel(b)));
  return (
    <section className={CARD} aria-labelledby="score-changes">
      <h2 id="score-changes" className="font-medium">Score change per category</h2>
      <table className="w-full text-left text-sm" data-testid="score-changes">
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">Category</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Before</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">After</th>
            <th scope="col" className="py-2 pl-3 text-right font-medium">Change</th>
          </tr>
        </thead>
        <tbody>
          <tr className="border-b border-slate-100 font-semibold">
            <th scope="row" className="py-2 pr-3">Overall</th>
            <td className="px-3 py-2 text-right"><ScoreText score={pair.base.score} /></td>
            <td className="px-3 py-2 text-right"><ScoreText score={pair.head.score} /></td>
            <td className="py-2 pl-3 text-right" data-testid="overall-delta"><Delta delta={diff.scoreDelta.overall} /></td>
          </tr>
          {categories.map((c) => (
            <tr key={c} className="border-b border-slate-100 last:border-0">
              <th scope="row" className="py-2 pr-3 font-normal">{categoryLabel(c)}</th>
              <td className="px-3 py-2 text-right"><ScoreText score={before[c] ?? null} /></td>
              <td className="px-3 py-2 text-right"><ScoreText score={after[c] ?? null} /></td>
              <td className="py-2 pl-3 text-right"><Delta delta={diff.scoreDelta.byCategory[c]} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function FindingRows({ title, findings, total, empty, testId }: { title: string; findings: DiffFinding[]; total: number; empty: string; testId: string }) {
  return (
    <section className={CARD} aria-label={title} data-testid={testId}>
      <h2 className="font-medium">{title} <span className="text-sm font-normal text-slate-500">({total.toLocaleString('en')})</span></h2>
      {findings.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-100 text-sm">
          {findings.map((f) => (
            <li key={`${f.checkId} ${f.url}`} className="flex min-w-0 flex-wrap items-baseline gap-x-3 gap-y-1 py-2" data-testid="diff-finding" data-check={f.checkId}>
              <SeverityBadge severity={f.severity} />
              <span className="font-medium">{f.title}</span>
              <span className="text-xs text-slate-500">{categoryLabel(f.category)} · {f.checkId}</span>
              <span className="w-full break-all font-mono text-xs text-slate-600">{f.scope === 'SITE' ? `site-wide · ${f.url}` : f.url}</span>
            </li>
          ))}
        </ul>
      )}
      {findings.length < total && <p className="text-xs text-slate-500">The first {findings.length.toLocaleString('en')} are listed.</p>}
    </section>
  );
}

function UrlList({ title, urls, total, testId }: { title: string; urls: string[]; total: number; testId: string }) {
  return (
    <section className={CARD} aria-label={title} data-testid={testId}>
      <h2 className="font-medium">{title} <span className="text-sm font-normal text-slate-500">({total.toLocaleString('en')})</span></h2>
      {urls.length === 0 ? (
        <p className="text-sm text-slate-500">None.</p>
      ) : (
        <ul className="flex flex-col gap-1 font-mono text-xs text-slate-700">{urls.map((u) => <li key={u} className="break-all">{u}</li>)}</ul>
      )}
    </section>
  );
}

function StatusChanges({ diff }: { diff: AuditDiff }) {
  return (
    <section className={CARD} aria-label="Status code changes" data-testid="status-changes">
      <h2 className="font-medium">Status code changes <span className="text-sm font-normal text-slate-500">({diff.counts.statusChanges.toLocaleString('en')})</span></h2>
      {diff.statusChanges.length === 0 ? (
        <p className="text-sm text-slate-500">None.</p>
      ) : (
        <ul className="flex flex-col gap-1 text-xs">
          {diff.statusChanges.map((c) => (
            <li key={c.url} className="flex min-w-0 gap-3">
              <span className="shrink-0 font-medium tabular-nums">{c.before} → {c.after}</span>
              <span className="break-all font-mono text-slate-700">{c.url}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AuditLink({ audit, label }: { audit: DiffPair['base']; label: string }) {
  return (
    <Link href={`/audits/${audit.id}`} className={LINK}>
      {label}: {formatUtc(audit.createdAt)} (score {audit.score ?? '—'})
    </Link>
  );
}

/** What changed from the earlier of two audits of one site to the later: scores, findings, pages and status codes. */
export default async function AuditDiffPage({ params }: { params: Promise<{ id: string; otherId: string }> }) {
  const user = await requirePageUser();
  const { id, otherId } = await params;
  const pair = await loadPair(id, otherId, user);
  if ('refused' in pair) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-bold">What changed</h1>
        <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" data-testid="diff-refused">{pair.refused}</p>
        <p className="text-sm"><Link href="/sites" className={LINK}>Back to your sites</Link></p>
      </div>
    );
  }
  const diff = await diffAudits(pair.base, pair.head);
  const siteId = pair.head.siteId ?? pair.base.siteId;

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-1">
        {siteId && <p className="text-sm"><Link href={`/sites/${siteId}`} className={LINK}>Back to the site</Link></p>}
        <h1 className="text-2xl font-bold">What changed</h1>
        <p className="break-all font-mono text-xs text-slate-500">{pair.head.url}</p>
        <p className="flex flex-wrap gap-x-4 text-sm"><AuditLink audit={pair.base} label="From" /> <AuditLink audit={pair.head} label="To" /></p>
      </header>
      <p className="text-sm text-slate-700" data-testid="diff-summary">
        {countOf(diff.counts.new, 'new finding')} · {countOf(diff.counts.fixed, 'fixed finding')} · {countOf(diff.counts.persisting, 'persisting finding')} ·{' '}
        {countOf(diff.counts.pagesAdded, 'page')} added · {countOf(diff.counts.pagesRemoved, 'page')} removed · {countOf(diff.counts.statusChanges, 'status code change')}
      </p>
      <ScoreChanges pair={pair} diff={diff} />
      <div className="grid gap-4 lg:grid-cols-2">
        <FindingRows title="New findings" findings={diff.new} total={diff.counts.new} empty="Nothing new: no finding appeared since the earlier audit." testId="diff-new" />
        <FindingRows title="Fixed findings" findings={diff.fixed} total={diff.counts.fixed} empty="Nothing fixed since the earlier audit." testId="diff-fixed" />
        <UrlList title="Pages added" urls={diff.pagesAdded} total={diff.counts.pagesAdded} testId="pages-added" />
        <UrlList title="Pages removed" urls={diff.pagesRemoved} total={diff.counts.pagesRemoved} testId="pages-removed" />
      </div>
      <StatusChanges diff={diff} />
    </div>
  );
}
