// hreflang checks across pages: reciprocity, target health and cluster-level consistency.
// Syntax of single annotations (invalid codes, relative hrefs, self-reference) is page-scope.

import type { Issue, SiteCheck, SiteGraph, SitePage } from '@/lib/checks/types';
import {
  capList,
  canonicalElsewhere,
  describeStatus,
  displayUrl,
  findPage,
  isBlockedUrl,
  isHtml,
  isIndexable,
  isOk,
  isRedirect,
  listUrls,
  normalizeUrl,
  sameUrl,
} from '@/lib/checks/site-graph-query';

type Annotation = { lang: string; url: string };

/** OK HTML pages that carry hreflang annotations. */
function hreflangPages(graph: SiteGraph): SitePage[] {
  return [...graph.pages.values()].filter((page) => isOk(page) && isHtml(page) && page.hreflang.length > 0);
}

/** Pages whose annotations search engines use: hreflang on noindex or canonicalised-away pages is ignored. */
function indexableHreflangPages(graph: SiteGraph): SitePage[] {
  return hreflangPages(graph).filter(isIndexable);
}

/** One finding per page listing its annotations that match `problem` (which returns a reason or null). */
function findBadTargets(
  graph: SiteGraph,
  problem: (entry: Annotation, target: SitePage | undefined) => string | null,
  describe: (list: string) => string,
): Issue[] {
  return indexableHreflangPages(graph).flatMap((page): Issue[] => {
    const bad = page.hreflang.flatMap((entry) => {
      const reason = problem(entry, findPage(graph, entry.url));
      return reason === null ? [] : [{ lang: entry.lang, url: entry.url, reason }];
    });
    if (bad.length === 0) return [];
    const list = bad.map((b) => `"${b.lang}" → ${displayUrl(graph, b.url)} (${b.reason})`).join(', ');
    return [{ url: page.url, message: describe(list), details: { targets: bad } }];
  });
}

function primaryLanguage(code: string): string | null {
  const lang = code.trim().toLowerCase();
  return lang === 'x-default' || lang === '' ? null : (lang.split(/[-_]/)[0] ?? null);
}

export const siteInternationalChecks = [
  {
    id: 'hreflang-missing-return-link',
    scope: 'site',
    category: 'international',
    severity: 'high',
    title: 'hreflang without return link',
    why: 'hreflang annotations must be reciprocal: if page A lists page B as an alternate, B must list A too, otherwise Google ignores the pair.',
    fix: 'Add the missing hreflang entries on the alternate pages so every page in the set lists every other page (and itself).',
    run: (graph) =>
      indexableHreflangPages(graph).flatMap((page): Issue[] => {
        const missing = page.hreflang.filter((entry) => {
          if (sameUrl(entry.url, page.url)) return false;
          const target = findPage(graph, entry.url);
          if (!target || !isIndexable(target)) return false;
          return !target.hreflang.some((back) => sameUrl(back.url, page.url));
        });
        if (missing.length === 0) return [];
        const list = missing.map((entry) => `"${entry.lang}" → ${displayUrl(graph, entry.url)}`).join(', ');
        return [
          {
            url: page.url,
            message: `${missing.length === 1 ? 'Alternate does' : 'Alternates do'} not link back to this page with hreflang: ${list}`,
            details: { missing },
          },
        ];
      }),
  },
  {
    id: 'hreflang-to-non-200',
    scope: 'site',
    category: 'international',
    severity: 'high',
    title: 'hreflang points to redirects or errors',
    why: 'hreflang alternates must be final, live URLs; annotations pointing at redirects or 4xx/5xx URLs are ignored.',
    fix: 'Point each hreflang entry at the final 200 URL of the alternate page, or remove entries for pages that no longer exist.',
    run: (graph) =>
      findBadTargets(
        graph,
        (_entry, target) => (target && !target.blockedByRobots && (isRedirect(target) || !isOk(target)) ? describeStatus(graph, target) : null),
        (list) => `hreflang alternates that do not return 200: ${list}`,
      ),
  },
  {
    id: 'hreflang-to-non-indexable',
    scope: 'site',
    category: 'international',
    severity: 'high',
    title: 'hreflang points to noindex or blocked pages',
    why: 'An alternate that is noindex or blocked by robots.txt cannot be shown in search, so the hreflang set is broken for that language.',
    fix: 'Make the alternate indexable, or remove it from the hreflang set on every page.',
    run: (graph) =>
      findBadTargets(
        graph,
        (entry, target) =>
          isBlockedUrl(graph, entry.url) ? 'blocked by robots.txt' : target && isOk(target) && target.noindex ? 'noindex' : null,
        (list) => `hreflang alternates that cannot be indexed: ${list}`,
      ),
  },
  {
    id: 'hreflang-to-non-canonical',
    scope: 'site',
    category: 'international',
    severity: 'high',
    title: 'hreflang points to non-canonical URLs',
    why: 'hreflang should reference canonical URLs only; pointing at a URL that canonicalises elsewhere gives search engines conflicting instructions and the annotation may be dropped.',
    fix: 'Use the canonical URL of each alternate in the hreflang entries.',
    run: (graph) =>
      findBadTargets(
        graph,
        (_entry, target) => {
          const canonical = target && isOk(target) && !target.noindex ? canonicalElsewhere(target) : null;
          return canonical ? `canonical is ${displayUrl(graph, canonical)}` : null;
        },
        (list) => `hreflang alternates that are not canonical: ${list}`,
      ),
  },
  {
    id: 'hreflang-inconsistent-language',
    scope: 'site',
    category: 'international',
    severity: 'medium',
    title: 'URL annotated with conflicting hreflang languages',
    why: 'When pages disagree about which language a URL is in (e.g. one says "de", another "fr"), search engines cannot trust the set and may show the wrong version.',
    fix: 'Use the same language code for each URL in every page’s hreflang set (generate the set from one source).',
    run: (graph) => {
      const byTarget = new Map<string, { url: string; langs: Map<string, string[]> }>();
      for (const page of hreflangPages(graph)) {
        for (const entry of page.hreflang) {
          const primary = primaryLanguage(entry.lang);
          if (!primary) continue;
          const key = normalizeUrl(entry.url);
          const record = byTarget.get(key) ?? { url: findPage(graph, entry.url)?.url ?? entry.url, langs: new Map() };
          byTarget.set(key, record);
          const label = entry.lang.trim();
          const existing = [...record.langs.keys()].find((l) => primaryLanguage(l) === primary && l.toLowerCase() === label.toLowerCase());
          const sources = record.langs.get(existing ?? label) ?? [];
          if (!sources.includes(page.url)) sources.push(page.url);
          record.langs.set(existing ?? label, sources);
        }
      }
      return [...byTarget.values()].flatMap(({ url, langs }): Issue[] => {
        const primaries = new Set([...langs.keys()].map(primaryLanguage));
        if (primaries.size < 2) return [];
        const parts = [...langs].map(([lang, sources]) => `"${lang}" by ${listUrls(graph, sources)}`);
        return [
          {
            url,
            message: `Annotated with conflicting hreflang languages: ${parts.join('; ')}`,
            details: { languages: Object.fromEntries(langs) },
          },
        ];
      });
    },
  },
  {
    id: 'hreflang-cluster-missing-x-default',
    scope: 'site',
    category: 'international',
    severity: 'low',
    title: 'hreflang set without x-default',
    why: 'x-default tells search engines which version to show users whose language matches none of the alternates (often a language picker or the main version).',
    fix: 'Add <link rel="alternate" hreflang="x-default" href="…"> to every page in the set, pointing at the fallback version.',
    run: (graph) => {
      const parent = new Map<string, string>();
      const find = (key: string): string => {
        let root = key;
        while (parent.get(root) !== root) root = parent.get(root) ?? root;
        parent.set(key, root);
        return root;
      };
      const add = (key: string): void => {
        if (!parent.has(key)) parent.set(key, key);
      };
      const sources = hreflangPages(graph);
      for (const page of sources) {
        const from = normalizeUrl(page.url);
        add(from);
        for (const entry of page.hreflang) {
          const to = normalizeUrl(entry.url);
          add(to);
          parent.set(find(to), find(from));
        }
      }
      const clusters = new Map<string, { members: Set<string>; pages: SitePage[]; hasDefault: boolean }>();
      for (const key of parent.keys()) {
        const root = find(key);
        const cluster = clusters.get(root) ?? { members: new Set(), pages: [], hasDefault: false };
        cluster.members.add(key);
        clusters.set(root, cluster);
      }
      for (const page of sources) {
        const cluster = clusters.get(find(normalizeUrl(page.url)))!;
        cluster.pages.push(page);
        if (page.hreflang.some((entry) => entry.lang.trim().toLowerCase() === 'x-default')) cluster.hasDefault = true;
      }
      return [...clusters.values()]
        .filter((cluster) => cluster.members.size >= 2 && !cluster.hasDefault)
        .map((cluster) => {
          const members = [...cluster.members].map((key) => findPage(graph, key)?.url ?? key);
          return {
            url: cluster.pages[0]!.url,
            message: `hreflang set of ${members.length} URLs has no x-default: ${listUrls(graph, members)}`,
            details: { members: capList(members) },
          };
        });
    },
  },
] satisfies SiteCheck[];
