// Site-wide duplicate detection. Only indexable 200 HTML pages take part: noindex pages,
// redirects and pages canonicalised to another URL have already told search engines which
// version counts, so they are not duplicates. Paginated pages sharing a title still are.

import { SITE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, SiteCheck, SiteGraph, SitePage } from '@/lib/checks/types';
import { capList, groupBy, isIndexable, listUrls, siteLevelUrl } from '@/lib/checks/site-graph-query';
import { truncate } from '@/lib/analysis/text-utils';
import { estimateSimilarity, findCandidatePairs } from '@/lib/analysis/text-minhash';

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

type NearDuplicate = { url: string; similarity: number };

/**
 * Indexable pages whose MinHash signatures say their text is at least nearDuplicateMinSimilarity
 * alike, keyed by page URL. Pairs with the same text hash are left to duplicate-content.
 */
function findNearDuplicates(graph: SiteGraph): Map<string, NearDuplicate[]> {
  const pages = [...graph.pages.values()].filter(
    (page) => isIndexable(page) && page.wordCount >= SITE_THRESHOLDS.nearDuplicateMinWords && page.textMinhash,
  );
  const signatures = pages.map((page) => page.textMinhash ?? []);
  const result = new Map<string, NearDuplicate[]>();
  const add = (from: SitePage, to: SitePage, similarity: number) => {
    const list = result.get(from.url);
    if (list) list.push({ url: to.url, similarity });
    else result.set(from.url, [{ url: to.url, similarity }]);
  };
  for (const [i, j] of findCandidatePairs(signatures)) {
    const a = pages[i]!;
    const b = pages[j]!;
    if (a.textHash !== null && a.textHash === b.textHash) continue;
    const similarity = estimateSimilarity(signatures[i]!, signatures[j]!);
    if (similarity < SITE_THRESHOLDS.nearDuplicateMinSimilarity) continue;
    add(a, b, similarity);
    add(b, a, similarity);
  }
  for (const list of result.values()) list.sort((x, y) => y.similarity - x.similarity || x.url.localeCompare(y.url));
  return result;
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
    id: 'near-duplicate-content',
    scope: 'site',
    category: 'content',
    severity: 'medium',
    title: 'Nearly identical content on several URLs',
    why: 'Pages whose text is almost the same (a template with a different city or product name) compete for the same queries; search engines fold them together, index one and may treat the rest as doorway pages.',
    fix: 'Merge near-duplicate pages into one and redirect the others, canonicalise variants to the main version, or rewrite each page so it offers something the others do not.',
    run: (graph) => {
      const issues: Issue[] = [];
      for (const [url, matches] of findNearDuplicates(graph)) {
        const percent = Math.round(matches[0]!.similarity * 100);
        issues.push({
          url,
          message:
            matches.length === 1
              ? `Text is ${percent}% similar to ${listUrls(graph, [matches[0]!.url])}`
              : `Text is up to ${percent}% similar to ${matches.length} pages: ${listUrls(graph, matches.map((match) => match.url))}`,
          details: {
            similar: capList(matches.map((match) => ({ url: match.url, similarity: Math.round(match.similarity * 100) / 100 }))),
            count: matches.length,
          },
        });
      }
      return issues;
    },
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
