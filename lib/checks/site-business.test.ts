import { describe, expect, it } from 'vitest';
import { siteBusinessChecks } from '@/lib/checks/site-business';
import type { SiteGraph } from '@/lib/checks/types';
import type { SiteFile } from '@/lib/crawler/crawl-site-files';
import type { SiteSignals } from '@/lib/crawler/page-facts';
import { buildSiteGraph, firedUrls, runSiteCheck, urlsOf, type GraphSpec, type PageSpec } from '@/test/site-graph-fixture';

const fired = (id: string, spec: GraphSpec | SiteGraph) => firedUrls(siteBusinessChecks, id, spec);
const messages = (id: string, spec: GraphSpec | SiteGraph) => runSiteCheck(siteBusinessChecks, id, spec).map((issue) => issue.message);

const PHONE = '+12175550142';
const NONE: SiteSignals = { schemaTypes: [], phones: [], postalCodes: [], napInFooter: false, reviews: false, trust: [], map: false, contactForms: 0, icon: false, markdownAlternate: null };
const signals = (patch: Partial<SiteSignals> = {}): PageSpec => ({ signals: { ...NONE, ...patch } });
/** Every page: the phone and postal code in the footer, an icon. */
const FOOTER: Partial<SiteSignals> = { phones: [PHONE], postalCodes: ['62701'], napInFooter: true, icon: true };

/** A local business that does everything right: five pages, NAP in the footer, reviews, credentials, map, form. */
function localSite(patch: Record<string, Partial<SiteSignals>> = {}, extra: Record<string, PageSpec> = {}): GraphSpec {
  const page = (path: string, own: Partial<SiteSignals>) => signals({ ...FOOTER, ...own, ...patch[path] });
  return {
    pages: {
      '/': page('/', { schemaTypes: ['Plumber'], reviews: true }),
      '/about': page('/about', { trust: ['licence'] }),
      '/services': page('/services', {}),
      '/blog': page('/blog', {}),
      '/contact': page('/contact', { map: true, contactForms: 1 }),
      ...extra,
    },
  };
}

function withFiles(spec: GraphSpec, files: { favicon?: Partial<SiteFile>; llmsTxt?: Partial<SiteFile> }): SiteGraph {
  const graph = buildSiteGraph(spec);
  graph.siteFiles = {
    favicon: { url: 'https://example.com/favicon.ico', status: 200, contentType: 'image/x-icon', ...files.favicon },
    llmsTxt: { url: 'https://example.com/llms.txt', status: 404, contentType: 'text/html', ...files.llmsTxt },
  };
  return graph;
}

describe('the local site fixture', () => {
  it('passes every business check', () => {
    const graph = withFiles(localSite(), { llmsTxt: { status: 200, contentType: 'text/plain', body: '# Acme Plumbing\n> Plumbers' } });
    for (const check of siteBusinessChecks) expect(check.run(graph), check.id).toEqual([]);
  });

  it('keeps every check silent on a graph without signals or site files', () => {
    const graph = buildSiteGraph({ pages: { '/': {}, '/contact': {}, '/a': {}, '/b': {}, '/c': {} } });
    for (const check of siteBusinessChecks) expect(check.run(graph), check.id).toEqual([]);
  });
});

describe('contact-page-nap-missing', () => {
  it('fires when the contact page of a business that shows NAP elsewhere shows none', () => {
    const spec = localSite({ '/contact': { phones: [], postalCodes: [] } });
    expect(fired('contact-page-nap-missing', spec)).toEqual(urlsOf('/contact'));
  });

  it('passes when the contact page shows a phone, or no page shows any NAP', () => {
    expect(fired('contact-page-nap-missing', localSite({ '/contact': { postalCodes: [] } }))).toEqual([]);
    const blog = { pages: { '/': signals(), '/contact': signals() } };
    expect(fired('contact-page-nap-missing', blog)).toEqual([]);
  });
});

describe('nap-not-site-wide', () => {
  it('fires when the phone shows on a minority of pages of a local business and never in a footer', () => {
    const notInFooter = Object.fromEntries(['/', '/about', '/services', '/blog', '/contact'].map((p) => [p, { napInFooter: false, phones: [] as string[] }]));
    const spec = localSite({ ...notInFooter, '/contact': { napInFooter: false, phones: [PHONE] } });
    expect(fired('nap-not-site-wide', spec)).toEqual(urlsOf('/'));
    expect(messages('nap-not-site-wide', spec)).toEqual(['The business phone number appears on only 1 of 5 pages and no page footer carries a phone or address']);
  });

  it('passes with NAP in a footer, or the phone on most pages', () => {
    expect(fired('nap-not-site-wide', localSite())).toEqual([]);
    const noFooter = Object.fromEntries(['/', '/about', '/services', '/blog', '/contact'].map((p) => [p, { napInFooter: false }]));
    expect(fired('nap-not-site-wide', localSite(noFooter))).toEqual([]);
  });
});

describe('nap-inconsistent', () => {
  it('fires on a page that shows another phone or postal code than the site-wide one', () => {
    const spec = localSite({ '/services': { phones: ['+12175559999'] }, '/blog': { postalCodes: ['62702'] } });
    expect(fired('nap-inconsistent', spec)).toEqual(urlsOf('/blog', '/services'));
    expect(messages('nap-inconsistent', spec)).toEqual([
      'Shows the phone number …9999 but not …0142, which 4 of 5 pages show',
      'Shows the postal code 62702 but not 62701, which 4 of 5 pages show',
    ]);
  });

  it('passes when every page shows the same number, written differently or not at all', () => {
    expect(fired('nap-inconsistent', localSite({ '/services': { phones: ['2175550142'] }, '/blog': { phones: [], postalCodes: [] } }))).toEqual([]);
  });
});

describe('contact-form-missing', () => {
  it('fires on the contact page when no page has a form', () => {
    expect(fired('contact-form-missing', localSite({ '/contact': { contactForms: 0 } }))).toEqual(urlsOf('/contact'));
  });

  it('passes with a form anywhere, or without a contact page', () => {
    expect(fired('contact-form-missing', localSite({ '/contact': { contactForms: 0 }, '/': { contactForms: 1 } }))).toEqual([]);
    expect(fired('contact-form-missing', { pages: { '/': signals(), '/about': signals() } })).toEqual([]);
  });
});

describe('map-missing', () => {
  it('fires on the contact page of a local business without any map', () => {
    expect(fired('map-missing', localSite({ '/contact': { map: false } }))).toEqual(urlsOf('/contact'));
  });

  it('passes with a map, or for a business without premises', () => {
    expect(fired('map-missing', localSite())).toEqual([]);
    const online = localSite(Object.fromEntries(['/', '/about', '/services', '/blog', '/contact'].map((p) => [p, { postalCodes: [], schemaTypes: [], map: false }])));
    expect(fired('map-missing', online)).toEqual([]);
  });
});

describe('reviews-missing', () => {
  it('fires once for a local business that shows no reviews', () => {
    expect(fired('reviews-missing', localSite({ '/': { reviews: false } }))).toEqual(urlsOf('/'));
  });

  it('passes with reviews on one page', () => {
    expect(fired('reviews-missing', localSite())).toEqual([]);
  });
});

describe('trust-signals-missing', () => {
  it('fires once for a local business that names no credential', () => {
    expect(messages('trust-signals-missing', localSite({ '/about': { trust: [] } }))).toEqual([
      'None of 5 crawled pages mentions a licence, insurance, certification, award or years in business',
    ]);
  });

  it('passes with one credential named', () => {
    expect(fired('trust-signals-missing', localSite())).toEqual([]);
  });
});

describe('schema-type-coverage-outlier', () => {
  const posts = (without: string[]) =>
    Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`/blog/post-${n}`, signals({ schemaTypes: without.includes(`/blog/post-${n}`) ? [] : ['BlogPosting'] })]));

  it('fires on the page of a section that lacks the type its siblings carry', () => {
    const spec = { pages: { '/': signals(), ...posts(['/blog/post-3']) } };
    expect(fired('schema-type-coverage-outlier', spec)).toEqual(urlsOf('/blog/post-3'));
    expect(messages('schema-type-coverage-outlier', spec)).toEqual(['Lacks BlogPosting markup (on 4 of 5 pages under /blog/)']);
  });

  it('passes when all carry it, when fewer than 80 % do, and in small sections', () => {
    expect(fired('schema-type-coverage-outlier', { pages: { '/': signals(), ...posts([]) } })).toEqual([]);
    expect(fired('schema-type-coverage-outlier', { pages: { '/': signals(), ...posts(['/blog/post-1', '/blog/post-2']) } })).toEqual([]);
    const four = Object.fromEntries(Object.entries(posts(['/blog/post-1'])).slice(0, 4));
    expect(fired('schema-type-coverage-outlier', { pages: { '/': signals(), ...four } })).toEqual([]);
  });
});

describe('favicon-missing', () => {
  const noIcon = localSite(Object.fromEntries(['/', '/about', '/services', '/blog', '/contact'].map((p) => [p, { icon: false }])));

  it('fires when /favicon.ico errors or is an HTML page and no page declares an icon', () => {
    expect(fired('favicon-missing', withFiles(noIcon, { favicon: { status: 404, contentType: 'text/html' } }))).toEqual(['https://example.com/favicon.ico']);
    expect(messages('favicon-missing', withFiles(noIcon, { favicon: { status: 200, contentType: 'text/html; charset=utf-8' } }))).toEqual([
      '/favicon.ico returns an HTML page (text/html; charset=utf-8) and none of 5 crawled pages declares an icon with <link rel="icon">',
    ]);
  });

  it('passes with a served /favicon.ico, a declared icon, or when the file could not be asked for', () => {
    expect(fired('favicon-missing', withFiles(noIcon, {}))).toEqual([]);
    expect(fired('favicon-missing', withFiles(localSite(), { favicon: { status: 404 } }))).toEqual([]);
    expect(fired('favicon-missing', withFiles(noIcon, { favicon: { status: 0, blockedByRobots: true } }))).toEqual([]);
    expect(fired('favicon-missing', withFiles(noIcon, { favicon: { status: 0, error: 'ECONNRESET' } }))).toEqual([]);
  });
});

describe('llms-txt-invalid', () => {
  it('fires on an llms.txt served as HTML or without its title heading', () => {
    expect(messages('llms-txt-invalid', withFiles(localSite(), { llmsTxt: { status: 200, contentType: 'text/html', body: '<!doctype html><p>Home</p>' } }))).toEqual([
      '/llms.txt exists, but it is served as HTML (text/html)',
    ]);
    expect(messages('llms-txt-invalid', withFiles(localSite(), { llmsTxt: { status: 200, contentType: 'text/plain', body: 'Acme Plumbing\nWe fix pipes.' } }))).toEqual([
      '/llms.txt exists, but it does not start with a "# " title heading',
    ]);
  });

  it('passes on a Markdown llms.txt (BOM and leading blank lines allowed) and on a missing one', () => {
    expect(fired('llms-txt-invalid', withFiles(localSite(), { llmsTxt: { status: 200, contentType: 'text/markdown', body: '\uFEFF\n# Acme\n> Plumbers' } }))).toEqual([]);
    expect(fired('llms-txt-invalid', withFiles(localSite(), {}))).toEqual([]);
  });
});

describe('llms-txt-missing', () => {
  it('fires when /llms.txt is 404 and no page links a Markdown alternate', () => {
    expect(fired('llms-txt-missing', withFiles(localSite(), {}))).toEqual(['https://example.com/llms.txt']);
  });

  it('passes with a Markdown alternate, an llms.txt, or a file robots.txt keeps us from', () => {
    expect(fired('llms-txt-missing', withFiles(localSite({ '/': { markdownAlternate: 'https://example.com/index.md' } }), {}))).toEqual([]);
    expect(fired('llms-txt-missing', withFiles(localSite(), { llmsTxt: { status: 200, body: '# Acme' } }))).toEqual([]);
    expect(fired('llms-txt-missing', withFiles(localSite(), { llmsTxt: { status: 0, blockedByRobots: true } }))).toEqual([]);
  });
});
