import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { HttpStatus } from '@/components/explorer/http-status';
import { ExternalUrl } from '@/components/explorer/external-url';
import { formatNumber } from '@/components/explorer/format';
import { ScoreCircle } from '@/components/explorer/score-circle';
import { ScoreExplanation } from '@/components/explorer/score-explanation';
import { getPageDetail } from '@/lib/audits/explorer-queries';
import { requirePageUser } from '@/lib/auth/require-user';
import { getAuditOr404 } from '../../audit-access';
import { firstParam, issueHref, pageDetailHref, readBackLink, readPageNumber, type SearchParams } from '../../explorer-links';
import { PageFacts } from './page-facts';
import { PageFindings } from './page-findings';
import { PageLinks } from './page-links';
import { RenderDifferences } from './render-differences';

export const metadata: Metadata = { title: 'Page' };
export const dynamic = 'force-dynamic';

/** One crawled page of an audit: what was read, what is wrong and why, and how it is linked. */
export default async function PageDetailPage({ params, searchParams }: { params: Promise<{ id: string; pageId: string }>; searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser();
  const { id, pageId } = await params;
  const query = await searchParams;
  const audit = await getAuditOr404(id, user);
  const inPage = readPageNumber(firstParam(query, 'in'));
  const outPage = readPageNumber(firstParam(query, 'out'));
  const detail = await getPageDetail(audit.id, pageId, { inPage, outPage });
  if (!detail) notFound();

  const from = firstParam(query, 'from');
  const back = readBackLink(audit.id, from);
  const { page } = detail;
  // Each list pages on its own; the other list's page and the way back stay as they are.
  const linksHref = (patch: { in?: number; out?: number }) => pageDetailHref(audit.id, page.id, { from, in: inPage, out: outPage, ...patch });
  const facts = [
    { label: 'Depth', value: page.depth === null ? 'Not linked from the start page' : `${page.depth} ${page.depth === 1 ? 'click' : 'clicks'} from the start page` },
    { label: 'Words', value: formatNumber(page.wordCount) },
    { label: 'Load time', value: formatNumber(page.loadMs, ' ms') },
    { label: 'Crawled', value: new Date(page.crawledAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC' },
  ];

  return (
    <div className="flex flex-col gap-6" data-testid="page-detail">
      <Link href={back.href} className="self-start text-sm text-brand-600 underline focus-visible:outline-2 focus-visible:outline-brand-500">← {back.label}</Link>

      <header className="flex flex-wrap items-start gap-x-6 gap-y-3">
        <ScoreCircle score={page.score} label="Page score" testId="page-score" />
        <div className="flex min-w-0 flex-1 basis-64 flex-col gap-1">
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <HttpStatus status={page.status} />
            <span>in the audit of <Link href={`/audits/${audit.id}`} className="break-all underline focus-visible:outline-2 focus-visible:outline-brand-500">{audit.url}</Link></span>
          </p>
          <h1 className="break-all text-xl font-bold">{page.url}</h1>
          <p className="text-slate-700">{page.title ?? <span className="text-slate-400">No title</span>}</p>
          {page.finalUrl && page.finalUrl !== page.url && (
            <p className="text-sm text-slate-600">Redirects to <ExternalUrl url={page.finalUrl} /></p>
          )}
          {page.error && <p className="whitespace-pre-line text-sm text-amber-700">{page.error}</p>}
          <p><ExternalUrl url={page.url} className="text-sm">Open the page</ExternalUrl></p>
        </div>
        <dl className="grid w-full grid-cols-2 gap-3 sm:grid-cols-4">
          {facts.map((f) => (
            <div key={f.label} className="rounded-lg bg-white p-3 shadow-sm">
              <dt className="text-xs text-slate-500">{f.label}</dt>
              <dd className="text-sm font-medium">{f.value}</dd>
            </div>
          ))}
        </dl>
      </header>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <div className="min-w-0 lg:col-span-3"><PageFindings findings={detail.findings} issueHref={(checkId) => issueHref(audit.id, checkId)} /></div>
        <section className="flex min-w-0 flex-col gap-3 lg:col-span-2" aria-labelledby="page-score-heading">
          <h2 id="page-score-heading" className="text-lg font-semibold">{detail.score ? `Why this page scores ${detail.score.score}` : 'Score'}</h2>
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <ScoreExplanation explanation={detail.score} emptyText="This page has no score: it was not fetched and analysed." />
          </div>
        </section>
      </div>

      {detail.renderDifferences && <RenderDifferences differences={detail.renderDifferences} />}
      <PageLinks title="Inlinks" description="Crawled pages that link here." links={detail.inlinks} auditId={audit.id} from={from} pageHref={(n) => linksHref({ in: n })} testId="inlinks" />
      <PageLinks title="Outlinks" description="Links on this page." links={detail.outlinks} auditId={audit.id} from={from} pageHref={(n) => linksHref({ out: n })} testId="outlinks" />
      <PageFacts facts={detail.facts} />
    </div>
  );
}
