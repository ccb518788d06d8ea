import { z } from 'zod';
import type { KeywordAnalysis } from '@/lib/analysis/keyword';
import type { GraphPageInput } from '@/lib/checks/build-site-graph';
import type { SitemapFile } from '@/lib/checks/types';
import { auditSettingsSchema, type AuditSettings } from '@/lib/crawler/crawl-options';
import type { FrontierEntry } from '@/lib/crawler/crawl-types';
import type { LinkFact } from '@/lib/crawler/page-facts';
import { AUDIT_PHASES } from '@/lib/progress/events';

// The JSON columns of Audit, Page and Finding: one schema and one reader each, so nothing reads
// them through a cast. Rows written before a field existed still read (fields are optional there).

/** Audit.options of a PROFESSIONAL audit. A row that does not match fails loudly: the worker must not guess settings. */
export function readAuditSettings(json: unknown): AuditSettings {
  return auditSettingsSchema.parse(json ?? {});
}

const sitemapFileSchema = z.object({
  url: z.string(),
  status: z.number(),
  source: z.enum(['robots', 'guess', 'index', 'given']),
  urlCount: z.number().optional(),
  bytes: z.number().optional(),
  error: z.string().optional(),
  lastmod: z
    .object({ missing: z.number(), invalid: z.number(), future: z.number(), valid: z.number(), allSame: z.boolean(), samples: z.array(z.string()) })
    .optional(),
}) satisfies z.ZodType<SitemapFile>;

const auditStateSchema = z.object({
  phase: z.enum(AUDIT_PHASES).optional(),
  limit: z.number().optional(),
  /** Sitemap URLs already read: a resumed crawl does not read them again. */
  sitemapUrls: z.array(z.string()).optional(),
  /** The sitemap files as the site checks read them (toSitemapFiles), kept for the same reason. */
  sitemapFiles: z.array(sitemapFileSchema).optional(),
});
export type AuditState = z.infer<typeof auditStateSchema>;

/** Audit.state; an unreadable state reads as empty (it only holds what a resume can recompute). */
export function readAuditState(json: unknown): AuditState {
  const parsed = auditStateSchema.safeParse(json ?? {});
  return parsed.success ? parsed.data : {};
}

const categoryScoresSchema = z.record(z.string(), z.number());

/** Audit.categoryScores: category → 0..100; empty before the audit is scored. */
export function readCategoryScores(json: unknown): Record<string, number> {
  const parsed = categoryScoresSchema.safeParse(json ?? {});
  return parsed.success ? parsed.data : {};
}

// Links are by far the most numerous objects: checked for shape cheaply rather than field by field.
const linkSchema = z.custom<LinkFact>((v) => typeof v === 'object' && v !== null && 'internal' in v && 'position' in v);
const frontierEntrySchema = z.object({ url: z.string(), depth: z.number().nullable(), via: z.string().optional(), attempt: z.number().optional() }) satisfies z.ZodType<FrontierEntry>;
const hopSchema = z.object({ url: z.string(), status: z.number(), location: z.string() });

const graphPageSchema = z.object({
  url: z.string(),
  depth: z.number().nullable(),
  fetchError: z.object({ code: z.string(), message: z.string(), reason: z.string().optional() }).optional(),
  blockedByRobots: z.boolean().optional(),
  redirectTo: z.string().optional(),
  response: z
    .object({ status: z.number(), contentType: z.string(), redirects: z.array(hopSchema), redirectError: z.enum(['loop', 'too-many']).optional() })
    .optional(),
  facts: z
    .object({
      title: z.string().nullable(),
      metaDescription: z.string().nullable(),
      h1s: z.array(z.string()),
      textHash: z.string(),
      textMinhash: z.array(z.number()).nullable().optional(),
      wordCount: z.number(),
      canonicals: z.array(z.string()),
      canonicalFromHeader: z.array(z.string()),
      robots: z.object({
        directives: z.array(z.string()),
        noindex: z.boolean(),
        nofollow: z.boolean(),
        sources: z.array(
          z.object({ source: z.enum(['meta-robots', 'meta-googlebot', 'x-robots-tag', 'meta-bot']), value: z.string(), bot: z.string().optional() }),
        ),
      }),
      hreflang: z.array(z.object({ lang: z.string(), url: z.string().nullable(), href: z.string(), source: z.enum(['html', 'header']) })),
      links: z.array(linkSchema),
      imageUrls: z.array(z.string()).optional(),
      stylesheetUrls: z.array(z.string()).optional(),
      scriptUrls: z.array(z.string()).optional(),
      htmlBytes: z.number().optional(),
      siteSignals: z
        .object({
          schemaTypes: z.array(z.string()),
          phones: z.array(z.string()),
          postalCodes: z.array(z.string()),
          napInFooter: z.boolean(),
          reviews: z.boolean(),
          trust: z.array(z.string()),
          map: z.boolean(),
          contactForms: z.number(),
          icon: z.boolean(),
          markdownAlternate: z.string().nullable(),
        })
        .optional(),
    })
    .optional(),
}) satisfies z.ZodType<GraphPageInput>;

const text = z.string();
const maybeText = z.string().nullable();

/**
 * Page.facts.detail: every fact of a crawled HTML page the explorer shows that the graph facts do
 * not already hold, bounded (lib/audits/page-detail-facts.ts keeps it under PAGE_DETAIL_MAX_BYTES):
 * never the visible text or the HTML.
 */
const pageDetailFactsSchema = z.object({
  head: z.object({
    titles: z.number(),
    metaDescriptions: z.number(),
    metaKeywords: maybeText,
    lang: maybeText,
    charset: text,
    declaredCharset: maybeText,
    doctype: maybeText,
    viewport: maybeText,
    metaRefresh: maybeText,
    favicon: maybeText,
    ampHtml: maybeText,
    prev: maybeText,
    next: maybeText,
    baseHref: maybeText,
  }),
  content: z.object({
    paragraphs: z.number(),
    textRatio: z.number(),
    /** Headings per level, h1..h6. */
    headingCounts: z.array(z.number()),
    /** The first headings in document order. */
    headings: z.array(z.object({ level: z.number(), text })),
  }),
  links: z.object({ total: z.number(), internal: z.number(), external: z.number(), nofollow: z.number(), renderedOnly: z.number(), withoutUrl: z.number() }),
  images: z.object({ total: z.number(), missingAlt: z.number(), emptyAlt: z.number(), withoutDimensions: z.number(), lazy: z.number() }),
  structuredData: z.object({ blocks: z.number(), types: z.array(text), formats: z.array(text), errors: z.number() }),
  social: z.object({ openGraph: z.record(z.string(), text), twitter: z.record(z.string(), text) }),
  response: z.object({
    headers: z.record(z.string(), text),
    headerCount: z.number(),
    htmlBytes: z.number(),
    transferBytes: z.number(),
    truncated: z.boolean(),
    ttfbMs: z.number(),
    totalMs: z.number(),
  }),
  resources: z.object({
    scripts: z.number(),
    stylesheets: z.number(),
    iframes: z.number(),
    forms: z.number(),
    mixedContent: z.number(),
    domNodes: z.number(),
    inlineScriptBytes: z.number(),
    inlineStyleBytes: z.number(),
  }),
  /** Facts taken from the rendered DOM (a browser ran the page's JavaScript). */
  rendered: z.boolean(),
  renderError: z.string().optional(),
  /** What the raw HTML said, when the page was rendered (PageFacts.rendering). */
  rendering: z
    .object({
      mode: z.enum(['raw', 'rendered']),
      looksClientRendered: z.boolean(),
      rawTitle: maybeText,
      rawH1s: z.array(text),
      rawWordCount: z.number(),
      rawCanonicals: z.array(text),
      rawMetaDescription: maybeText.optional(),
      rawRobots: z.array(text),
      renderedOnlyLinks: z.number(),
      blockedResources: z.number(),
      /** Lab metrics from our render (PageFacts.rendering.labMetrics). */
      lab: z.object({ lcpMs: z.number().nullable(), cls: z.number(), tbtMs: z.number() }).optional(),
      /** Phone-viewport measurements after the render (PageFacts.rendering.mobileLayout). */
      mobile: z.object({ viewportWidth: z.number(), smallTargets: z.number(), overlayCoverage: z.number().nullable() }).optional(),
    })
    .optional(),
});
export type PageDetailFacts = z.infer<typeof pageDetailFactsSchema>;

/** Page.facts of a crawled page: what rebuilds the site graph and the crawl frontier from PostgreSQL, and the explorer's detail. */
const crawlPageFactsSchema = z.object({
  graph: graphPageSchema,
  discovered: z.array(frontierEntrySchema),
  // A detail that no longer reads (written by another version) is dropped, never the page: the
  // graph and frontier must still rebuild from it.
  detail: pageDetailFactsSchema.optional().catch(undefined),
});
export type CrawlPageFacts = z.infer<typeof crawlPageFactsSchema>;

/** Page.facts of an instant (SINGLE) or bulk analysis: the keyword report and how the page was read. */
const analysisPageFactsSchema = z.object({
  keyword: z.custom<KeywordAnalysis>((v) => typeof v === 'object' && v !== null).nullable().optional(),
  rendered: z.boolean().optional(),
  renderError: z.string().nullable().optional(),
});
export type AnalysisPageFacts = z.infer<typeof analysisPageFactsSchema>;

/** The crawl facts of a page row, or null for rows of another kind (or written before facts were kept). */
export function readCrawlPageFacts(json: unknown): CrawlPageFacts | null {
  const parsed = crawlPageFactsSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * Page.facts->'graph' alone (the site checks' input): the end of every audit reads it for all pages,
 * where parsing each page's detail too would only cost time.
 */
export function readGraphPageFacts(json: unknown): GraphPageInput | null {
  const parsed = graphPageSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** The analysis facts of an instant or bulk analysis page row; empty when absent. */
export function readAnalysisPageFacts(json: unknown): AnalysisPageFacts {
  const parsed = analysisPageFactsSchema.safeParse(json ?? {});
  return parsed.success ? parsed.data : {};
}

const findingDetailsSchema = z.record(z.string(), z.unknown());

/** Finding.details: free-form evidence a check attached (counts, the offending values). */
export function readFindingDetails(json: unknown): Record<string, unknown> | undefined {
  const parsed = findingDetailsSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
