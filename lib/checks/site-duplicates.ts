// Site-wide duplicate detection. Only indexable 200 HTML pages take part: noindex pages,
// redirects and pages canonicalised to another URL have already told search engines which
// version counts, so they are not duplicates. Paginated pages sharing a title still are.

import { SITE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, SiteCheck, SiteGraph, SitePage } from '@/lib/checks/types';
import { capList, groupBy, isIndexable, listUrls, siteLevelUrl, truncate } from '@/lib/checks/site-graph-query';

function normalizeText(value: string | null): string | null {
  const collapsed = value?.replace(/\s+/g, ' ').trim();
  return collapsed ? collapsed.toLowerCase() : null;
}

/** One finding per page in each group of ≥2 indexable pages sharing a value. */
function findDuplicates(
  graph: SiteGraph,
  valueOf: (page: SitePage) => string | null,
  describe: (value: string, pages: SitePage[]) => string,
): Issue[] {
  const indexable = [...graph.pages.values()].filter(isIndexable);
  const groups = groupBy(indexable, (page) => normalizeText(valueOf(page)));
  const issues: Issue[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const value = valueOf(group[0]!)!.replace(/\s+/g, ' ').trim();
    // Built once per group: a site-wide duplicate can span thousands of pages.
    const message = describe(value, group);
    const details = { value, urls: capList(group.map((page) => page.url)), count: group.length };
    for (const page of group) issues.push({ url: page.url, message, details });
  }
  return issues;
}

export const siteDuplicateChecks = [
  {
    id: 'duplicate-title',
    scope: 'site',
    category: 'on-page',
    severity: 'medium',
    title: 'Title shared by several pages',
    why: 'When indexable pages share a <title>, search engines cannot tell from the results which page answers which query, and they may pick one to show and rewrite or drop the others.',
    fix: 'Give every indexable page a unique title that describes its own content. If the pages really are the same content, redirect or canonicalise the extras to one URL.',
    run: (graph) =>
      findDuplicates(
        graph,
        (page) => page.title,
        (value, pages) =>
          `Title "${truncate(value, 80)}" is shared by ${pages.length} pages: ${listUrls(graph, pages.map((p) => p.url))}`,
      ),
  },
  {
    id: 'duplicate-meta-description',
    scope: 'site',
    category: 'on-page',
    severity: 'medium',
    title: 'Meta description shared by several pages',
    why: 'A description copied across pages gives searchers no reason to pick one result over another, and Google usually replaces it with a snippet of its own.',
    fix: 'Write a distinct meta description for each indexable page, summarising what that page offers.',
    run: (graph) =>
      findDuplicates(
        graph,
        (page) => page.metaDescription,
        (value, pages) =>
          `Meta description "${truncate(value, 80)}" is shared by ${pages.length} pages: ${listUrls(graph, pages.map((p) => p.url))}`,
      ),
  },
  {
    id: 'duplicate-h1',
    scope: 'site',
    category: 'on-page',
    severity: 'low',
    title: 'H1 shared by several pages',
    why: 'The H1 tells readers and search engines what a page is about; identical H1s on different pages blur which page is the best match for a topic.',
    fix: 'Give each page an H1 that names its specific topic, product or location.',
    run: (graph) =>
      findDuplicates(
        graph,
        (page) => page.h1,
        (value, pages) =>
          `H1 "${truncate(value, 80)}" is shared by ${pages.length} pages: ${listUrls(graph, pages.map((p) => p.url))}`,
      ),
  },
  {
    id: 'duplicate-content',
    scope: 'site',
    category: 'content',
    severity: 'high',
    title: 'Identical content on several URLs',
    why: 'Pages with exactly the same text compete with each other; search engines index one, split link signals between the copies and may show the wrong URL.',
    fix: 'Keep one URL for the content: 301-redirect the copies to it, or add rel="canonical" pointing at it. If the pages should differ, write unique content for each.',
    run: (graph) =>
      findDuplicates(
        graph,
        // Empty pages share a hash for an unrelated reason (client rendering), reported elsewhere.
        (page) => (page.wordCount > 0 ? page.textHash : null),
        (_value, pages) =>
          `Body text is identical on ${pages.length} pages: ${listUrls(graph, pages.map((p) => p.url))}`,
      ),
  },
  {
    id: 'thin-content-share',
    scope: 'site',
    category: 'content',
    severity: 'medium',
    title: 'Large share of thin pages',
    why: 'When a big part of a site is pages with little text, search engines can judge the whole site as low value (Google’s helpful-content signals are site-wide).',
    fix: 'Expand the thin pages with useful content, merge near-empty pages into stronger ones, or noindex pages that exist only for navigation.',
    run: (graph) => {
      const indexable = [...graph.pages.values()].filter(isIndexable);
      if (indexable.length < SITE_THRESHOLDS.minPagesForThinShare) return [];
      const thin = indexable.filter((page) => page.wordCount < SITE_THRESHOLDS.thinContentWords);
      const share = thin.length / indexable.length;
      if (share <= SITE_THRESHOLDS.maxThinContentShare) return [];
      const urls = thin.map((page) => page.url);
      return [
        {
          url: siteLevelUrl(graph),
          message: `${thin.length} of ${indexable.length} indexable pages (${Math.round(share * 100)}%) have fewer than ${SITE_THRESHOLDS.thinContentWords} words: ${listUrls(graph, urls)}`,
          details: { thinPages: capList(urls), thinCount: urls.length, indexablePages: indexable.length, share },
        },
      ];
    },
  },
] satisfies SiteCheck[];
