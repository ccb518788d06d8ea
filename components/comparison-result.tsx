import { ScoreText } from '@/components/score-text';
import { SeverityBadge } from '@/components/severity-badge';
import { StatusBadge } from '@/components/status-badge';
import { categoryLabel, countOf } from '@/lib/checks/labels';
import type { SiteFacts } from '@/lib/comparisons/comparison-result';
import type { ComparisonSite, ComparisonView } from '@/lib/comparisons/comparisons';
import { isTerminal } from '@/lib/progress/events';

// A comparison's sites and result, read-only: the owner's page (/comparisons/[id]) and a shared
// link (/share/[token]) show the same thing. `auditHref` links a site to its audit; the shared view
// passes none, so nothing of the owner's is reachable from it.

type Props = { view: ComparisonView; auditHref?: (auditId: string) => string };

const CARD = 'rounded-lg bg-white shadow-sm';
const TH = 'p-2 font-medium';
const SUCCEEDED = new Set(['COMPLETED', 'COMPLETED_WITH_ERRORS']);

const scored = (s: ComparisonSite) => SUCCEEDED.has(s.status) && s.score !== null;
const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

function SiteHeading({ site }: { site: ComparisonSite }) {
  return (
    <span className="flex flex-col">
      <span className="truncate font-medium" title={site.url}>{hostOf(site.url)}</span>
      <span className="text-xs font-normal text-slate-500">{site.role === 'you' ? 'your site' : 'rival'}</span>
    </span>
  );
}

function Section({ id, title, children, testId }: { id: string; title: string; children: React.ReactNode; testId: string }) {
  return (
    <section className="flex flex-col gap-3" aria-labelledby={id} data-testid={testId}>
      <h2 id={id} className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** Every site with its status, score and, for one that failed, why. */
function SitesTable({ view, auditHref }: Props) {
  return (
    <div className={`overflow-x-auto ${CARD}`}>
      <table className="w-full text-left text-sm" data-testid="comparison-sites">
        <caption className="sr-only">Sites in this comparison</caption>
        <thead className="border-b border-slate-200 text-slate-500">
          <tr><th scope="col" className={TH}>Site</th><th scope="col" className={TH}>Status</th><th scope="col" className={`${TH} text-right`}>Pages</th><th scope="col" className={`${TH} text-right`}>Score</th></tr>
        </thead>
        <tbody>
          {view.sites.map((s) => (
            <tr key={s.auditId} className="border-b border-slate-100 align-top last:border-0" data-testid="comparison-site" data-role={s.role} data-status={s.status}>
              <td className="max-w-md p-2">
                {auditHref ? (
                  <a href={auditHref(s.auditId)} className="break-all font-mono text-xs text-brand-700 hover:underline">{s.url}</a>
                ) : (
                  <span className="break-all font-mono text-xs">{s.url}</span>
                )}
                <span className="block text-xs text-slate-500">{s.role === 'you' ? 'Your site' : 'Rival'}</span>
                {s.status === 'FAILED' && s.error && <span className="mt-1 block whitespace-pre-line break-words text-xs text-red-700" data-testid="site-error">Could not be audited: {s.error}</span>}
              </td>
              <td className="p-2"><StatusBadge status={s.status} /></td>
              <td className="p-2 text-right tabular-nums">{s.pagesDone}</td>
              <td className="p-2 text-right"><ScoreText score={s.score} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Category scores side by side, the best of each row in bold. */
function CategoryTable({ sites }: { sites: ComparisonSite[] }) {
  const categories = [...new Set(sites.flatMap((s) => Object.keys(s.categoryScores)))].sort((a, b) => categoryLabel(a).localeCompare(categoryLabel(b)));
  if (categories.length === 0) return <p className={`${CARD} p-4 text-sm text-slate-600`}>No category scores.</p>;
  return (
    <div className={`overflow-x-auto ${CARD}`}>
      <table className="w-full text-left text-sm" data-testid="category-scores">
        <caption className="sr-only">Score per category and site</caption>
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            <th scope="col" className={TH}>Category</th>
            {sites.map((s) => <th key={s.auditId} scope="col" className={`${TH} max-w-40 text-right`}><SiteHeading site={s} /></th>)}
          </tr>
        </thead>
        <tbody>
          <tr className="border-b border-slate-200 font-semibold">
            <th scope="row" className={TH}>Overall</th>
            {sites.map((s) => <td key={s.auditId} className="p-2 text-right"><ScoreText score={s.score} /></td>)}
          </tr>
          {categories.map((c) => {
            const best = Math.max(...sites.map((s) => s.categoryScores[c] ?? -1));
            return (
              <tr key={c} className="border-b border-slate-100 last:border-0">
                <th scope="row" className={`${TH} font-normal`}>{categoryLabel(c)}</th>
                {sites.map((s) => {
                  const score = s.categoryScores[c];
                  return <td key={s.auditId} className={`p-2 text-right ${score === best ? 'font-bold' : ''}`}>{score === undefined ? '—' : <ScoreText score={score} className={score === best ? 'font-bold' : 'font-normal'} />}</td>;
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Outcomes({ view }: { view: ComparisonView }) {
  if (view.wins.length + view.losses.length + view.ties.length === 0) return <p className={`${CARD} p-4 text-sm text-slate-600`}>No rival was scored, so there is nothing to win or lose.</p>;
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
      <div className={`${CARD} p-4`} data-testid="wins">
        <h3 className="mb-2 font-semibold text-green-800">Where you win ({view.wins.length})</h3>
        {view.wins.length === 0 ? <p className="text-sm text-slate-600">No category where you beat every rival.</p> : (
          <ul className="flex flex-col gap-1 text-sm">
            {view.wins.map((w) => <li key={w.category}><span className="font-medium">{categoryLabel(w.category)}</span>: {w.yours} vs best rival {w.best} <span className="text-slate-500">({hostOf(w.bestUrl)})</span></li>)}
          </ul>
        )}
      </div>
      <div className={`${CARD} p-4`} data-testid="losses">
        <h3 className="mb-2 font-semibold text-red-800">Where you lose ({view.losses.length})</h3>
        {view.losses.length === 0 ? <p className="text-sm text-slate-600">No rival beats you in any category.</p> : (
          <ul className="flex flex-col gap-1 text-sm">
            {view.losses.map((l) => <li key={l.category}><span className="font-medium">{categoryLabel(l.category)}</span>: {l.yours} vs {l.best} <span className="text-slate-500">({l.rivals.map(hostOf).join(', ')} ahead)</span></li>)}
          </ul>
        )}
      </div>
      {view.ties.length > 0 && <p className="text-sm text-slate-600 md:col-span-2">Level with the best rival: {view.ties.map(categoryLabel).join(', ')}.</p>}
    </div>
  );
}

function Gaps({ view }: { view: ComparisonView }) {
  if (view.theyDoItYouDont.length === 0) return <p className={`${CARD} p-4 text-sm text-slate-600`}>Nothing fails on your site that most rivals get right.</p>;
  return (
    <div className={`overflow-x-auto ${CARD}`}>
      <table className="w-full text-left text-sm" data-testid="gaps-table">
        <caption className="sr-only">Checks that fail on your site but pass on most rivals</caption>
        <thead className="border-b border-slate-200 text-slate-500">
          <tr><th scope="col" className={TH}>Check</th><th scope="col" className={TH}>Category</th><th scope="col" className={`${TH} text-right`}>Your URLs</th><th scope="col" className={`${TH} text-right`}>Rivals passing</th></tr>
        </thead>
        <tbody>
          {view.theyDoItYouDont.map((g) => (
            <tr key={g.checkId} className="border-b border-slate-100 last:border-0">
              <td className="p-2"><span className="flex flex-wrap items-center gap-2"><SeverityBadge severity={g.severity} />{g.title}</span></td>
              <td className="p-2">{categoryLabel(g.category)}</td>
              <td className="p-2 text-right tabular-nums">{g.yourUrls}</td>
              <td className="p-2 text-right tabular-nums">{g.rivalsPassing} of {g.rivalsAudited}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const ms = (n: number | null) => (n === null ? '—' : `${n.toLocaleString('en')} ms`);
const text = (t: string | null) => t || '—';

const FACT_ROWS: { label: string; value: (f: SiteFacts) => React.ReactNode }[] = [
  { label: 'Home page title', value: (f) => text(f.title) },
  { label: 'Home page H1', value: (f) => text(f.h1) },
  { label: 'Meta description', value: (f) => text(f.description) },
  { label: 'Words on the home page', value: (f) => f.wordCount?.toLocaleString('en') ?? '—' },
  { label: 'Structured data types', value: (f) => (f.structuredDataTypes.length ? f.structuredDataTypes.join(', ') : 'none') },
  { label: 'Pages crawled', value: (f) => f.pageCount.toLocaleString('en') },
  { label: 'Deepest page (clicks from home)', value: (f) => f.maxDepth ?? '—' },
  { label: 'Average response time', value: (f) => ms(f.avgLoadMs) },
  { label: 'Home page response time', value: (f) => ms(f.homeLoadMs) },
];

/** One row per fact, one column per site; a site without facts (not finished) shows dashes. */
function FactsTable({ view }: { view: ComparisonView }) {
  const sites = view.sites.filter((s) => view.facts[s.auditId]);
  return (
    <div className={`overflow-x-auto ${CARD}`}>
      <table className="w-full table-fixed text-left text-sm" data-testid="facts-table">
        <caption className="sr-only">Content facts per site</caption>
        <thead className="border-b border-slate-200 text-slate-500">
          <tr><th scope="col" className={`${TH} w-44`}>Fact</th>{sites.map((s) => <th key={s.auditId} scope="col" className={TH}><SiteHeading site={s} /></th>)}</tr>
        </thead>
        <tbody>
          {FACT_ROWS.map((row) => (
            <tr key={row.label} className="border-b border-slate-100 align-top last:border-0">
              <th scope="row" className={`${TH} font-normal text-slate-600`}>{row.label}</th>
              {sites.map((s) => <td key={s.auditId} className="p-2 wrap-anywhere">{row.value(view.facts[s.auditId]!)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const PLACEMENTS = [
  ['title', 'Title'],
  ['h1', 'H1'],
  ['description', 'Meta description'],
  ['url', 'URL'],
  ['firstWords', 'First 100 words'],
] as const;

function KeywordTable({ view, keyword }: { view: ComparisonView; keyword: string }) {
  const sites = view.sites.filter((s) => view.facts[s.auditId]);
  return (
    <div className={`overflow-x-auto ${CARD}`}>
      <table className="w-full text-left text-sm" data-testid="keyword-table">
        <caption className="sr-only">Where “{keyword}” appears on each home page</caption>
        <thead className="border-b border-slate-200 text-slate-500">
          <tr><th scope="col" className={TH}>On the home page</th>{sites.map((s) => <th key={s.auditId} scope="col" className={`${TH} text-center`}><SiteHeading site={s} /></th>)}</tr>
        </thead>
        <tbody>
          {PLACEMENTS.map(([key, label]) => (
            <tr key={key} className="border-b border-slate-100 last:border-0">
              <th scope="row" className={`${TH} font-normal`}>{label}</th>
              {sites.map((s) => {
                const placement = view.facts[s.auditId]!.keyword;
                if (!placement) return <td key={s.auditId} className="p-2 text-center text-slate-400" title="The home page could not be read">—</td>;
                return (
                  <td key={s.auditId} className={`p-2 text-center font-semibold ${placement[key] ? 'text-green-700' : 'text-red-700'}`}>
                    {placement[key] ? '✓' : '✗'}<span className="sr-only">{placement[key] ? ' found' : ' missing'}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The comparison's status line, its sites and, once computed, the side-by-side result. */
export function ComparisonResult({ view, auditHref }: Props) {
  const done = view.status === 'COMPLETED' || view.status === 'FAILED';
  const scoredSites = view.sites.filter(scored);
  const computed = Object.keys(view.facts).length > 0;
  return (
    <div className="flex flex-col gap-6" data-testid="comparison-result" data-status={view.status}>
      {view.error && (
        <p className={`rounded-md px-3 py-2 text-sm ${view.status === 'FAILED' ? 'bg-red-50 text-red-700' : 'bg-amber-50 text-amber-800'}`} role={view.status === 'FAILED' ? 'alert' : undefined} data-testid="comparison-error">
          {view.error}
        </p>
      )}
      <Section id="sites-heading" title="Sites" testId="sites-section">
        <SitesTable view={view} auditHref={auditHref} />
      </Section>
      {!done && <p className="text-sm text-slate-600" role="status">The side-by-side result appears once every site has been audited ({view.sites.filter((s) => isTerminal(s.status)).length} of {countOf(view.sites.length, 'site')} done).</p>}
      {done && computed && (
        <>
          <Section id="categories-heading" title="Scores per category" testId="categories-section">
            <CategoryTable sites={scoredSites} />
          </Section>
          <Section id="outcomes-heading" title="Wins and losses" testId="outcomes-section">
            <Outcomes view={view} />
          </Section>
          <Section id="gaps-heading" title="They do it, you don’t" testId="gaps-section">
            <p className="-mt-2 text-sm text-slate-600">Checks that fail on your site but pass on most of the rivals that could be audited.</p>
            <Gaps view={view} />
          </Section>
          <Section id="facts-heading" title="Content facts side by side" testId="facts-section">
            <FactsTable view={view} />
          </Section>
          {view.keyword && (
            <Section id="keyword-heading" title={`Keyword “${view.keyword}” on each home page`} testId="keyword-section">
              <KeywordTable view={view} keyword={view.keyword} />
            </Section>
          )}
        </>
      )}
    </div>
  );
}
