// One HTML document → the PageFacts it determines: parse, one walk feeding a collector per concern,
// then each collector's slice of facts.
//
// Parser choice: cheerio with the htmlparser2 backend (`xml: { xmlMode: false }`). In cheerio 1.2
// that flag flips `_useHtmlParser2` on while keeping HTML semantics (lower-cased tags, void
// elements, raw-text <script>/<style>/<title>); it is ~2× faster than the default parse5 backend
// on a 2 MB page. htmlparser2 doesn't build the spec tree: the walk re-creates the head/body split
// (see extract-dom-walk.ts) and the caller strips a leading BOM so it can't turn into body text.
import * as cheerio from 'cheerio';
import type { Document } from 'domhandler';
import type { PageFacts } from '@/lib/crawler/page-facts';
import { createAuthorshipCollector } from '@/lib/analysis/extract-authorship';
import { walkDocument } from '@/lib/analysis/extract-dom-walk';
import { createFormCollector } from '@/lib/analysis/extract-forms';
import { createHeadLinkCollector } from '@/lib/analysis/extract-head-links';
import { createHeadMetaCollector } from '@/lib/analysis/extract-head-meta';
import { createHeadingCollector } from '@/lib/analysis/extract-headings';
import type { HeaderFacts } from '@/lib/analysis/extract-http-headers';
import { createIdCollector } from '@/lib/analysis/extract-ids';
import { createImageCollector } from '@/lib/analysis/extract-images';
import { createLinkCollector } from '@/lib/analysis/extract-links';
import { createPageContext } from '@/lib/analysis/extract-page-context';
import { createResourceCollector } from '@/lib/analysis/extract-resources';
import { findSecrets } from '@/lib/analysis/extract-secrets';
import { mergeFacts } from '@/lib/analysis/merge-facts';
import { createSiteSignalCollector, deriveSiteSignals } from '@/lib/analysis/extract-site-signals';
import { createStructuredDataCollector } from '@/lib/analysis/extract-structured-data';
import { createStyleCollector } from '@/lib/analysis/extract-styles';
import { createTextCollector } from '@/lib/analysis/extract-text';

/** Everything in PageFacts that the HTML decides (the rest comes from the HTTP response). */
export type DocFacts = Omit<
  PageFacts,
  | 'url' | 'finalUrl' | 'status' | 'headers' | 'redirects' | 'redirectError' | 'contentType' | 'charset' | 'hasBom'
  | 'isHtml' | 'canonicalFromHeader' | 'htmlBytes' | 'transferBytes' | 'truncated' | 'timings' | 'textRatio' | 'rendering'
>;
export type DocumentResult = {
  facts: DocFacts;
  /** UTF-8 size of the visible text, for the text-to-HTML ratio. */
  textBytes: number;
  /** An element has a framework mount-point id (#root, #__next…): a hint that the page renders client-side. */
  hasAppRoot: boolean;
};

/** Parses HTML as every extractor expects it (see the parser note above). */
export function parseHtml(html: string): cheerio.CheerioAPI {
  return cheerio.load(html, { xml: { xmlMode: false, withStartIndices: true } });
}

export function rootOf($: cheerio.CheerioAPI): Document {
  return $.root()[0] as Document;
}

export function extractDocument(html: string, pageUrl: string, header: HeaderFacts): DocumentResult {
  const $ = parseHtml(html);
  const { page, baseHref, mixedContent } = createPageContext(html, $, pageUrl);
  const ignoredHeadElements: string[] = [];

  const headMeta = createHeadMetaCollector(page, header.robotsSources, ignoredHeadElements);
  const headLinks = createHeadLinkCollector(page, header.hreflang, ignoredHeadElements);
  const headings = createHeadingCollector();
  const text = createTextCollector();
  const links = createLinkCollector(page);
  const images = createImageCollector(page);
  const resources = createResourceCollector(page);
  const styles = createStyleCollector();
  const structuredData = createStructuredDataCollector(page);
  const forms = createFormCollector(page);
  const ids = createIdCollector();
  const authorship = createAuthorshipCollector();
  const signals = createSiteSignalCollector(page);

  const walk = walkDocument(rootOf($), [
    headMeta, headLinks, headings, text, links, images, resources, styles, structuredData, forms, ids, authorship, signals,
  ]);

  const head = headMeta.finish();
  const { textBytes, ...textFacts } = text.finish(head);
  const { hasAppRoot, ...idFacts } = ids.finish();
  const facts: DocFacts = mergeFacts(
    head,
    headLinks.finish(),
    headings.finish(),
    textFacts,
    links.finish(),
    images.finish(),
    resources.finish(),
    styles.finish(),
    structuredData.finish(),
    forms.finish(),
    idFacts,
    authorship.finish(),
    walk,
    { mixedContent: mixedContent(), baseHref, ignoredHeadElements, secrets: findSecrets(html) },
  );
  const signalParts = signals.finish();
  facts.iframeSrcs = signalParts.iframeSrcs;
  facts.siteSignals = deriveSiteSignals(facts, signalParts);
  return { facts, textBytes, hasAppRoot };
}
