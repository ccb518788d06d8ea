// Site-wide business signals: what no single page can tell. Does the site show its name, address
// and phone where visitors look (contact page, footer) and the same everywhere; does any page show
// reviews, credentials, a map or a contact form; which pages break their section's markup habits;
// and the site files for browsers and AI agents (favicon.ico, llms.txt).
// They read SitePage.signals and SiteGraph.siteFiles; a graph without them keeps every check silent.

import { LOCAL_BUSINESS } from '@/lib/checks/local-eeat';
import { SITE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, SiteCheck, SiteGraph, SitePage } from '@/lib/checks/types';
import { isHtml, isIndexable, isOk, plural, siteLevelUrl, tryParseUrl } from '@/lib/checks/site-graph-query';
import type { SiteSignals } from '@/lib/crawler/page-facts';

type SignalPage = SitePage & { signals: SiteSignals };

/** Crawled HTML pages that carry signals, in graph order. */
function signalPages(graph: SiteGraph): SignalPage[] {
  return [...graph.pages.values()].filter((page): page is SignalPage => page.signals !== undefined && isOk(page) && isHtml(page));
}

const CONTACT_PATH = /contact|kontakt|contacto|contatti|contato|get-in-touch|reach-us/;

function isContactPage(page: SitePage): boolean {
  const path = tryParseUrl(page.url)?.pathname.toLowerCase() ?? '';
  return CONTACT_PATH.test(path);
}

const LOCAL_TYPES = new Set(LOCAL_BUSINESS);

/** A business with premises: LocalBusiness markup or a postal address shown on some page. */
function isLocalBusiness(pages: readonly SignalPage[]): boolean {
  return pages.some((page) => page.signals.postalCodes.length > 0 || page.signals.schemaTypes.some((type) => LOCAL_TYPES.has(type)));
}

/** Phones are compared by their last 9 digits, so "+1 217…" and "(217)…" are the same number. */
const phoneKey = (digits: string) => digits.slice(-9);

/** The value most pages show (by page count), with that count. */
function mostShown(pages: readonly SignalPage[], valuesOf: (page: SignalPage) => readonly string[]): { value: string; pages: number } | null {
  const counts = new Map<string, number>();
  for (const page of pages) for (const value of new Set(valuesOf(page))) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: { value: string; pages: number } | null = null;
  for (const [value, count] of counts) if (!best || count > best.pages || (count === best.pages && value < best.value)) best = { value, pages: count };
  return best;
}

function enoughPages(pages: readonly SignalPage[]): boolean {
  return pages.length >= SITE_THRESHOLDS.trustPagesMinPages;
}

/** First path segment of a page below it ("/blog/post" → "blog"); null for top-level pages. */
function sectionOf(url: string): string | null {
  const segments = (tryParseUrl(url)?.pathname ?? '').split('/').filter(Boolean);
  return segments.length >= 2 ? segments[0]!.toLowerCase() : null;
}

/** Checks of one kind of NAP value (phone or postal code) shown on a page. */
type NapKind = { label: string; valuesOf: (page: SignalPage) => string[]; display: (value: string) => string };

const NAP_KINDS: readonly NapKind[] = [
  { label: 'phone number', valuesOf: (page) => page.signals.phones.map(phoneKey), display: (value) => `…${value.slice(-4)}` },
  { label: 'postal code', valuesOf: (page) => page.signals.postalCodes, display: (value) => value },
];

const HTMLISH = /html/i;

export const siteBusinessChecks = [
  {
    id: 'contact-page-nap-missing',
    scope: 'site',
    category: 'local-eeat',
    severity: 'medium',
    title: 'Contact page shows no phone number or address',
    why: 'The contact page is where visitors, and search engines matching the site to its Business Profile, look for the business’s name, address and phone (NAP); a contact page with only a form hides how to reach the business.',
    fix: 'Show the business name, full postal address and phone number as text on the contact page (the phone as a tel: link), the same as on the Business Profile.',
    run: (graph) => {
      const pages = signalPages(graph);
      const shown = pages.some((page) => page.signals.phones.length > 0 || page.signals.postalCodes.length > 0);
      if (!shown && !isLocalBusiness(pages)) return [];
      return pages
        .filter((page) => isContactPage(page) && page.signals.phones.length === 0 && page.signals.postalCodes.length === 0)
        .map((page) => ({ url: page.url, message: 'The contact page shows neither a phone number nor a postal address as text' }));
    },
  },
  {
    id: 'nap-not-site-wide',
    scope: 'site',
    category: 'local-eeat',
    severity: 'low',
    title: 'Phone and address not in the site footer',
    why: 'A business’s name, address and phone in the footer of every page (NAP) lets visitors call from any page and gives search engines the same contact details wherever they land, a basic local-SEO consistency signal.',
    fix: 'Put the business name, address and phone (as a tel: link) in the site-wide footer template.',
    run: (graph) => {
      const pages = signalPages(graph);
      if (!enoughPages(pages) || pages.some((page) => page.signals.napInFooter)) return [];
      const phone = mostShown(pages, (page) => page.signals.phones.map(phoneKey));
      if (!phone || (!isLocalBusiness(pages) && phone.pages < 2)) return [];
      if (phone.pages >= pages.length * SITE_THRESHOLDS.napSiteWideShare) return [];
      return [
        {
          url: siteLevelUrl(graph),
          message: `The business phone number appears on only ${phone.pages} of ${plural(pages.length, 'page')} and no page footer carries a phone or address`,
          details: { pagesWithPhone: phone.pages, pages: pages.length },
        },
      ];
    },
  },
  {
    id: 'nap-inconsistent',
    scope: 'site',
    category: 'local-eeat',
    severity: 'medium',
    title: 'Pages show a different phone number or address',
    why: 'Consistent name, address and phone (NAP) across the site and the web is a core local ranking signal; a page that shows another number or postal code than the rest of the site confuses customers and weakens the match with the Business Profile.',
    fix: 'Use one phone number and address everywhere (ideally from one template), or make sure the other number is clearly a different location or department.',
    run: (graph) => {
      const pages = signalPages(graph);
      if (!enoughPages(pages)) return [];
      const issues: Issue[] = [];
      for (const kind of NAP_KINDS) {
        const main = mostShown(pages, kind.valuesOf);
        // Only a value shown site-wide (header or footer) sets the norm: then a page without it breaks the template.
        if (!main || main.pages < pages.length * SITE_THRESHOLDS.napSiteWideShare) continue;
        for (const page of pages) {
          const values = kind.valuesOf(page);
          if (values.length === 0 || values.includes(main.value)) continue;
          issues.push({
            url: page.url,
            message: `Shows the ${kind.label} ${values.map(kind.display).join(', ')} but not ${kind.display(main.value)}, which ${main.pages} of ${plural(pages.length, 'page')} show`,
            details: { kind: kind.label, shown: values, siteWide: main.value, pagesWithSiteWide: main.pages },
          });
        }
      }
      return issues;
    },
  },
  {
    id: 'contact-form-missing',
    scope: 'site',
    category: 'local-eeat',
    severity: 'medium',
    title: 'No contact form on the site',
    why: 'Many visitors would rather write than call, especially outside opening hours; a contact page with a form turns them into leads instead of lost visits.',
    fix: 'Add a short contact form (name, email or phone, message) to the contact page and make sure it works without errors.',
    run: (graph) => {
      const pages = signalPages(graph);
      const contact = pages.find(isContactPage);
      if (!contact || pages.some((page) => page.signals.contactForms > 0)) return [];
      return [{ url: contact.url, message: `The contact page has no form to write to the business, and none of ${plural(pages.length, 'crawled page')} has one` }];
    },
  },
  {
    id: 'map-missing',
    scope: 'site',
    category: 'local-eeat',
    severity: 'low',
    title: 'No map or directions for the business location',
    why: 'An embedded map or a directions link (and hasMap in LocalBusiness markup) helps visitors find the premises and ties the site to the location’s Google Business Profile.',
    fix: 'Embed a map of the location on the contact page (or link to its Google Maps listing) and add its URL as hasMap in the LocalBusiness markup.',
    run: (graph) => {
      const pages = signalPages(graph);
      if (!enoughPages(pages) || !isLocalBusiness(pages) || pages.some((page) => page.signals.map)) return [];
      return [{ url: pages.find(isContactPage)?.url ?? siteLevelUrl(graph), message: `The site shows a business address but none of ${plural(pages.length, 'crawled page')} embeds or links a map` }];
    },
  },
  {
    id: 'reviews-missing',
    scope: 'site',
    category: 'local-eeat',
    severity: 'low',
    title: 'No testimonials or reviews on the site',
    why: 'Reviews and testimonials are what prospective customers of a local or service business look for before they call, and a trust signal Google’s quality rater guidelines name for such sites.',
    fix: 'Show a few real customer reviews or testimonials (with names), e.g. on the home and service pages, and link to the business’s review profiles.',
    run: (graph) => {
      const pages = signalPages(graph);
      if (!enoughPages(pages) || !isLocalBusiness(pages) || pages.some((page) => page.signals.reviews)) return [];
      return [{ url: siteLevelUrl(graph), message: `None of ${plural(pages.length, 'crawled page')} shows testimonials or reviews (no review markup, no testimonials section)` }];
    },
  },
  {
    id: 'trust-signals-missing',
    scope: 'site',
    category: 'local-eeat',
    severity: 'info',
    title: 'No credentials named on the site',
    why: 'Licences, insurance, certifications, awards and years in business tell visitors and quality raters the business is established and accountable (E-E-A-T).',
    fix: 'Name the business’s credentials where they apply: licence numbers, insurance, trade certifications, awards, and how long it has been in business.',
    run: (graph) => {
      const pages = signalPages(graph);
      if (!enoughPages(pages) || !isLocalBusiness(pages) || pages.some((page) => page.signals.trust.length > 0)) return [];
      return [{ url: siteLevelUrl(graph), message: `None of ${plural(pages.length, 'crawled page')} mentions a licence, insurance, certification, award or years in business` }];
    },
  },
  {
    id: 'schema-type-coverage-outlier',
    scope: 'site',
    category: 'structured-data',
    severity: 'info',
    title: 'Page lacks the markup its section’s pages carry',
    why: 'When nearly every page of a section (e.g. /blog/) carries a structured-data type, the pages without it are usually built outside the template or had their markup broken, and lose the rich results their siblings get.',
    fix: 'Add the same structured data to the page as its siblings (or check why the template did not output it).',
    run: (graph) => {
      const bySection = new Map<string, SignalPage[]>();
      for (const page of signalPages(graph)) {
        const section = isIndexable(page) ? sectionOf(page.url) : null;
        if (section === null) continue;
        const list = bySection.get(section) ?? [];
        list.push(page);
        bySection.set(section, list);
      }
      const issues: Issue[] = [];
      for (const [section, pages] of bySection) {
        if (pages.length < SITE_THRESHOLDS.schemaCoverageMinPages) continue;
        const counts = new Map<string, number>();
        for (const page of pages) for (const type of new Set(page.signals.schemaTypes)) counts.set(type, (counts.get(type) ?? 0) + 1);
        const norm = [...counts].filter(([, count]) => count < pages.length && count >= pages.length * SITE_THRESHOLDS.schemaCoverageMinShare);
        for (const page of pages) {
          const missing = norm.filter(([type]) => !page.signals.schemaTypes.includes(type));
          if (missing.length === 0) continue;
          issues.push({
            url: page.url,
            message: `Lacks ${missing.map(([type, count]) => `${type} markup (on ${count} of ${pages.length} pages under /${section}/)`).join(', ')}`,
            details: { section, missing: missing.map(([type]) => type), sectionPages: pages.length },
          });
        }
      }
      return issues;
    },
  },
  {
    id: 'favicon-missing',
    scope: 'site',
    category: 'on-page',
    severity: 'low',
    title: 'No favicon on the site',
    why: 'Google shows the site’s favicon next to every mobile search result and browsers show it in tabs and bookmarks; without one the site looks unfinished, and browsers request /favicon.ico on every visit only to get an error.',
    fix: 'Add a square icon (at least 48×48 px) with <link rel="icon" href="/favicon.png"> on every page, and serve a /favicon.ico as the fallback.',
    run: (graph) => {
      const icon = graph.siteFiles?.favicon;
      if (!icon || icon.blockedByRobots || icon.status === 0) return [];
      const served = icon.status >= 200 && icon.status < 300 && !HTMLISH.test(icon.contentType ?? '');
      const pages = signalPages(graph);
      if (served || pages.length === 0 || pages.some((page) => page.signals.icon)) return [];
      const why = icon.status >= 200 && icon.status < 300 ? `returns an HTML page (${icon.contentType})` : `returns ${icon.status}`;
      return [{ url: icon.url, message: `/favicon.ico ${why} and none of ${plural(pages.length, 'crawled page')} declares an icon with <link rel="icon">`, details: { status: icon.status } }];
    },
  },
  {
    id: 'llms-txt-invalid',
    scope: 'site',
    category: 'crawlability',
    severity: 'info',
    title: 'llms.txt is not a valid llms.txt file',
    why: 'An llms.txt (llmstxt.org) is a Markdown file that starts with the site’s name as a "# " heading, followed by a short summary and links, for AI agents; served as HTML or without that heading it is an error page or unreadable to them.',
    fix: 'Serve /llms.txt as text/plain or text/markdown, starting with "# Site name", then a "> " summary and sections of links to the key pages (as Markdown links).',
    run: (graph) => {
      const file = graph.siteFiles?.llmsTxt;
      if (!file || file.status < 200 || file.status >= 300) return [];
      const body = (file.body ?? '').replace(/^\uFEFF/, '').trimStart();
      const problems: string[] = [];
      if (HTMLISH.test(file.contentType ?? '') || /^<(?:!doctype|html)/i.test(body)) problems.push(`it is served as HTML (${file.contentType || 'no Content-Type'})`);
      else if (!/^# \S/.test(body)) problems.push('it does not start with a "# " title heading');
      if (problems.length === 0) return [];
      return [{ url: file.url, message: `/llms.txt exists, but ${problems.join('; ')}`, details: { contentType: file.contentType ?? null } }];
    },
  },
  {
    id: 'llms-txt-missing',
    scope: 'site',
    category: 'crawlability',
    severity: 'info',
    title: 'No llms.txt or Markdown versions for AI agents',
    why: 'AI assistants that fetch pages for answers read plain Markdown far more reliably than HTML; an /llms.txt index (llmstxt.org) or Markdown alternates of pages make the site easier for them to quote correctly. An emerging convention: no search engine requires it.',
    fix: 'Optionally publish /llms.txt listing the key pages, and link Markdown versions with <link rel="alternate" type="text/markdown" href="…">.',
    run: (graph) => {
      const file = graph.siteFiles?.llmsTxt;
      if (!file || file.blockedByRobots || !(file.status === 404 || file.status === 410)) return [];
      const pages = signalPages(graph);
      if (pages.length === 0 || pages.some((page) => page.signals.markdownAlternate !== null)) return [];
      return [{ url: file.url, message: `/llms.txt returns ${file.status} and none of ${plural(pages.length, 'crawled page')} links a Markdown alternate` }];
    },
  },
] satisfies SiteCheck[];
