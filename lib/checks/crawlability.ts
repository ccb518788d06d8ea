// Crawlability & indexability: robots directives (meta, bot-specific meta, X-Robots-Tag — with
// Lighthouse is-crawlable's rigour), head metadata that Google never reads, and content that only
// exists after JavaScript.
import type { MetaRobots, PageFacts } from '@/lib/crawler/page-facts';
import { splitDirectives } from '@/lib/analysis/robots-directives';
import { truncateForMessage } from '@/lib/analysis/text-utils';
import { capDetails, formatList, isAnalyzable, plural, sameUrl } from '@/lib/checks/page-check-helpers';
import { PAGE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, PageCheck } from '@/lib/checks/types';

type RobotsSource = MetaRobots['sources'][number];

function describeSource(s: RobotsSource): string {
  switch (s.source) {
    case 'meta-robots':
      return `<meta name="robots" content="${s.value}">`;
    case 'meta-googlebot':
      return `<meta name="googlebot" content="${s.value}">`;
    case 'meta-bot':
      return `<meta name="${s.bot ?? 'bot'}" content="${s.value}">`;
    case 'x-robots-tag':
      return `X-Robots-Tag: ${s.bot ? `${s.bot}: ` : ''}${s.value}`;
  }
}

function blocksIndexing(value: string): boolean {
  const d = splitDirectives(value);
  return d.includes('noindex') || d.includes('none');
}

/** Applies to Google: generic directives and ones scoped to googlebot. */
function appliesToGoogle(s: RobotsSource): boolean {
  return s.source !== 'meta-bot' && (s.bot === undefined || s.bot === 'googlebot');
}

/** Is the 2xx response something a search engine could index at all? */
function isIndexableResponse(page: PageFacts): boolean {
  return page.status >= 200 && page.status < 300;
}

function parseUnavailableAfter(directive: string): Date | null {
  const m = /^unavailable_after:\s*(.+)$/.exec(directive);
  if (!m?.[1]) return null;
  const time = Date.parse(m[1]);
  return Number.isNaN(time) ? null : new Date(time);
}

const RENDERED_ONLY_CAP = PAGE_THRESHOLDS.maxItemsInMessage;

/** Blocked requests that change what a renderer sees; pings, beacons and prefetches do not. */
const RENDER_RESOURCE_TYPES = new Set(['stylesheet', 'script', 'xhr', 'fetch', 'document', 'font']);
const TYPE_ORDER = ['stylesheet', 'script', 'font', 'xhr', 'fetch', 'document'];
const typeRank = (type: string) => TYPE_ORDER.indexOf(type);

function describeResourceType(type: string): string {
  if (type === 'xhr' || type === 'fetch') return 'data request';
  if (type === 'document') return 'frame or page';
  return type;
}

export const crawlabilityChecks = [
  {
    id: 'noindex-meta',
    scope: 'page',
    category: 'crawlability',
    severity: 'high',
    title: 'Page is blocked from indexing by a robots meta tag',
    why: 'A noindex (or "none") robots meta tag tells Google to drop the page from search results, so it cannot rank for anything.',
    fix: 'If the page should rank, remove "noindex"/"none" from <meta name="robots"> and <meta name="googlebot">. Keep it only on pages you deliberately hide (thank-you pages, internal search).',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      return page.robots.sources
        .filter((s) => (s.source === 'meta-robots' || s.source === 'meta-googlebot') && blocksIndexing(s.value))
        .map((s) => ({ message: `${describeSource(s)} blocks this page from Google’s index`, details: { source: s.source, value: s.value } }));
    },
  },
  {
    id: 'noindex-header',
    scope: 'page',
    category: 'crawlability',
    severity: 'high',
    title: 'Page is blocked from indexing by the X-Robots-Tag header',
    why: 'An X-Robots-Tag: noindex (or none) HTTP header removes the URL from search results; it is easy to miss because it is invisible in the HTML.',
    fix: 'Remove noindex/none from the X-Robots-Tag header in your server, CDN or framework config for URLs that should rank.',
    run: (page): Issue[] => {
      if (!isIndexableResponse(page)) return [];
      return page.robots.sources
        .filter((s) => s.source === 'x-robots-tag' && appliesToGoogle(s) && blocksIndexing(s.value))
        .map((s) => ({ message: `${describeSource(s)} header blocks this URL from Google’s index`, details: { value: s.value, bot: s.bot ?? null } }));
    },
  },
  {
    id: 'noindex-other-search-engines',
    scope: 'page',
    category: 'crawlability',
    severity: 'medium',
    title: 'Page is blocked from indexing for another search engine',
    why: 'Bot-specific directives (bingbot, DuckDuckBot, Yandex…) hide the page from that engine’s results — and Bing’s index also feeds other search and AI products.',
    fix: 'Remove the bot-specific noindex/none unless you really want the page hidden from that search engine.',
    run: (page): Issue[] => {
      if (!isIndexableResponse(page)) return [];
      return page.robots.sources
        .filter((s) => !appliesToGoogle(s) && blocksIndexing(s.value))
        .map((s) => ({ message: `${describeSource(s)} blocks ${s.bot ?? 'that bot'} from indexing this page`, details: { bot: s.bot ?? null, value: s.value } }));
    },
  },
  {
    id: 'unavailable-after-past',
    scope: 'page',
    category: 'crawlability',
    severity: 'medium',
    title: 'unavailable_after date is in the past',
    why: 'Google stops showing a page in results after its unavailable_after date; a stale date silently de-indexes evergreen content.',
    fix: 'Remove the unavailable_after directive or move the date into the future.',
    run: (page): Issue[] => {
      if (!isIndexableResponse(page)) return [];
      const now = Date.now();
      const issues: Issue[] = [];
      for (const d of page.robots.directives) {
        const date = parseUnavailableAfter(d);
        if (date && date.getTime() < now) {
          issues.push({ message: `"${d}" is in the past (${date.toISOString().slice(0, 10)}) — Google drops the page from results after that date`, details: { directive: d } });
        }
      }
      return issues;
    },
  },
  {
    id: 'nofollow-page',
    scope: 'page',
    category: 'crawlability',
    severity: 'medium',
    title: 'Robots directive tells search engines not to follow any link',
    why: 'A page-level nofollow stops link equity flowing from this page and can keep linked pages from being discovered.',
    fix: 'Remove "nofollow" from the robots meta tag / X-Robots-Tag; use rel="nofollow" on individual links instead if needed.',
    run: (page): Issue[] => {
      // On a noindex page the noindex finding already says the important part.
      if (!isAnalyzable(page) || page.robots.noindex || !page.robots.nofollow) return [];
      const sources = page.robots.sources.filter((s) => appliesToGoogle(s) && splitDirectives(s.value).some((d) => d === 'nofollow' || d === 'none'));
      return [{ message: `${sources.map(describeSource).join(' and ')} stops Google from following the page’s ${plural(page.links.length, 'link')}` }];
    },
  },
  {
    id: 'nosnippet',
    scope: 'page',
    category: 'crawlability',
    severity: 'low',
    title: 'Snippets are disabled (nosnippet / max-snippet:0)',
    why: 'Without a text snippet the result shows only a title, which usually lowers click-through; it also keeps the page out of featured snippets and AI overviews.',
    fix: 'Remove nosnippet / max-snippet:0 unless you have a legal reason; use data-nosnippet on specific elements instead.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const hit = page.robots.directives.find((d) => d === 'nosnippet' || /^max-snippet:\s*0$/.test(d));
      return hit ? [{ message: `Robots directive "${hit}" hides this page’s snippet in Google results` }] : [];
    },
  },
  {
    id: 'noimageindex',
    scope: 'page',
    category: 'crawlability',
    severity: 'low',
    title: 'Images on the page are excluded from image search (noimageindex)',
    why: 'noimageindex keeps the page’s images out of Google Images, losing image-search traffic.',
    fix: 'Remove "noimageindex" unless the images must not appear in image search.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page) || !page.robots.directives.includes('noimageindex')) return [];
      return [{ message: `Robots directive "noimageindex" excludes the page’s ${plural(page.images.length, 'image')} from Google Images` }];
    },
  },
  {
    id: 'noai-directive',
    scope: 'page',
    category: 'crawlability',
    severity: 'info',
    title: 'Page asks AI tools not to use it (noai / noimageai)',
    why: 'noai and noimageai are unofficial robots values: Google and Bing ignore them (they neither block indexing nor AI answers), while some AI crawlers and dataset builders honour them. Worth knowing they are there, and that they do not do what a robots.txt rule does.',
    fix: 'Keep them if you want to opt out of AI training where honoured. To control AI search crawlers reliably, use robots.txt rules for their user agents (GPTBot, Google-Extended, ClaudeBot…); remove the values if they were copied in by a theme or plugin.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const found: string[] = [];
      const values = new Set<string>();
      for (const src of page.robots.sources) {
        const hits = splitDirectives(src.value).filter((d) => d === 'noai' || d === 'noimageai');
        if (hits.length === 0) continue;
        found.push(describeSource(src));
        for (const hit of hits) values.add(hit);
      }
      if (found.length === 0) return [];
      return [{ message: `${[...values].map((v) => `"${v}"`).join(' and ')} in ${found.slice(0, RENDERED_ONLY_CAP).join(', ')}`, details: { directives: [...values], sources: capDetails(found) } }];
    },
  },
  {
    id: 'robots-directives-conflict',
    scope: 'page',
    category: 'crawlability',
    severity: 'medium',
    title: 'Conflicting robots directives',
    why: 'When directives contradict (index vs noindex, follow vs nofollow), Google applies the most restrictive one — often not what the author intended.',
    fix: 'Keep one consistent set of directives across <meta name="robots">, <meta name="googlebot"> and X-Robots-Tag.',
    run: (page): Issue[] => {
      if (!isIndexableResponse(page)) return [];
      const google = page.robots.sources.filter(appliesToGoogle);
      const find = (pred: (d: string) => boolean) => {
        for (const src of google) {
          const d = splitDirectives(src.value).find(pred);
          if (d) return { src, d };
        }
        return null;
      };
      const issues: Issue[] = [];
      const pairs: [(d: string) => boolean, (d: string) => boolean, string][] = [
        [(d) => d === 'index' || d === 'all', (d) => d === 'noindex' || d === 'none', 'noindex'],
        [(d) => d === 'follow' || d === 'all', (d) => d === 'nofollow' || d === 'none', 'nofollow'],
      ];
      for (const [allow, block, winner] of pairs) {
        const a = find(allow);
        const b = find(block);
        if (a && b) {
          issues.push({ message: `"${a.d}" in ${describeSource(a.src)} conflicts with "${b.d}" in ${describeSource(b.src)} — Google applies the stricter "${winner}"` });
        }
      }
      return issues;
    },
  },
  {
    id: 'robots-meta-in-body',
    scope: 'page',
    category: 'crawlability',
    severity: 'medium',
    title: 'Robots meta tag is outside <head>',
    why: 'Search engines only read robots meta tags in <head>; one in <body> is ignored, so the directive you rely on may not apply.',
    fix: 'Move the <meta name="robots"> tag into <head>, before any <img>, <div> or other body element.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      return (page.robotsInBody ?? []).map((value) => ({
        message: `<meta name="robots" content="${value}"> is outside <head>${page.headBrokenBy ? ` (the head was closed early by ${page.headBrokenBy})` : ''} and is ignored`,
      }));
    },
  },
  {
    id: 'head-closed-early',
    scope: 'page',
    category: 'crawlability',
    severity: 'high',
    title: 'Invalid element closes <head> early, hiding metadata',
    why: 'An element that isn’t allowed in <head> (like <img>, <div> or stray text) ends the head; Google stops reading head metadata there, so canonical, robots, hreflang or description tags after it are ignored.',
    fix: 'Move the offending element into <body> (or remove it) so all metadata tags stay inside <head>.',
    run: (page): Issue[] => {
      const ignored = page.ignoredHeadElements ?? [];
      if (!isAnalyzable(page) || ignored.length === 0 || !page.headBrokenBy) return [];
      return [
        {
          message: `${page.headBrokenBy} inside <head> ends the head early; Google ignores the ${plural(ignored.length, 'tag')} after it: ${ignored.slice(0, RENDERED_ONLY_CAP).join(', ')}${ignored.length > RENDERED_ONLY_CAP ? ' …' : ''}`,
          details: { brokenBy: page.headBrokenBy, ignored: capDetails(ignored) },
        },
      ];
    },
  },
  {
    id: 'client-rendered-content',
    scope: 'page',
    category: 'crawlability',
    severity: 'high',
    title: 'Content only exists after JavaScript runs',
    why: 'Crawlers that don’t run JavaScript (most AI and social bots) see an empty page, and Google indexes it only after a delayed render pass.',
    fix: 'Server-render or pre-render the main content (SSR/SSG), so the initial HTML already contains the text, headings and links.',
    run: (page): Issue[] => {
      const r = page.rendering;
      if (!r || !isAnalyzable(page)) return [];
      if (r.mode === 'rendered') {
        const gain = page.wordCount - r.rawWordCount;
        const share = page.wordCount > 0 ? r.rawWordCount / page.wordCount : 1;
        if (gain >= PAGE_THRESHOLDS.jsContentMinGainWords && share < PAGE_THRESHOLDS.jsContentMaxRawShare) {
          return [{ message: `The raw HTML has ${plural(r.rawWordCount, 'word')}; after JavaScript the page has ${page.wordCount} (${Math.round(share * 100)}% present without JS)`, details: { rawWords: r.rawWordCount, renderedWords: page.wordCount } }];
        }
        return [];
      }
      if (!r.looksClientRendered) return [];
      return [{ message: `The HTML response has only ${plural(r.rawWordCount, 'word')} of text and relies on scripts to build the page` }];
    },
  },
  {
    id: 'title-only-after-js',
    scope: 'page',
    category: 'crawlability',
    severity: 'medium',
    title: 'Title only exists after JavaScript',
    why: 'Non-rendering crawlers and link previews read the raw HTML, where the page has no title.',
    fix: 'Output the <title> in the server HTML.',
    run: (page): Issue[] => {
      const r = page.rendering;
      if (!r || r.mode !== 'rendered' || !isAnalyzable(page) || (r.rawTitle ?? '') !== '' || !page.title) return [];
      return [{ message: `The raw HTML has no title; JavaScript sets it to "${page.title}"` }];
    },
  },
  {
    id: 'title-changed-by-js',
    scope: 'page',
    category: 'crawlability',
    severity: 'low',
    title: 'JavaScript changes the title',
    why: 'Google may use either version; social previews and non-rendering bots use the raw one, so results become inconsistent.',
    fix: 'Serve the final title in the HTML response.',
    run: (page): Issue[] => {
      const r = page.rendering;
      if (!r || r.mode !== 'rendered' || !isAnalyzable(page) || !r.rawTitle || !page.title || r.rawTitle === page.title) return [];
      return [{ message: `Raw HTML title "${r.rawTitle}" becomes "${page.title}" after JavaScript` }];
    },
  },
  {
    id: 'h1-only-after-js',
    scope: 'page',
    category: 'crawlability',
    severity: 'medium',
    title: 'H1 only exists after JavaScript',
    why: 'The main heading is missing from the HTML that non-rendering crawlers and Google’s first pass see.',
    fix: 'Render the <h1> on the server.',
    run: (page): Issue[] => {
      const r = page.rendering;
      if (!r || r.mode !== 'rendered' || !isAnalyzable(page) || r.rawH1s.some((h) => h !== '')) return [];
      const h1 = page.h1s.find((h) => h !== '');
      return h1 ? [{ message: `The raw HTML has no <h1>; JavaScript adds "${h1}"` }] : [];
    },
  },
  {
    id: 'noindex-only-in-raw-html',
    scope: 'page',
    category: 'crawlability',
    severity: 'high',
    title: 'noindex in the raw HTML is removed by JavaScript',
    why: 'Google reads the raw HTML first; when it sees noindex it skips rendering, so JavaScript never gets the chance to remove it — the page stays out of the index.',
    fix: 'Remove noindex from the server HTML instead of removing it client-side.',
    run: (page): Issue[] => {
      const r = page.rendering;
      if (!r || r.mode !== 'rendered' || !isAnalyzable(page)) return [];
      const rawNoindex = r.rawRobots.includes('noindex') || r.rawRobots.includes('none');
      return rawNoindex && !page.robots.noindex ? [{ message: `The raw HTML says "${r.rawRobots.join(', ')}" but the rendered page doesn’t — Google will not index it` }] : [];
    },
  },
  {
    id: 'noindex-added-by-js',
    scope: 'page',
    category: 'crawlability',
    severity: 'high',
    title: 'JavaScript adds noindex',
    why: 'Google honours a noindex that appears after rendering, so a script (tag manager, consent tool, SPA router) can de-index the page.',
    fix: 'Find the script that injects the robots meta tag and stop it on pages that should rank.',
    run: (page): Issue[] => {
      const r = page.rendering;
      if (!r || r.mode !== 'rendered' || !isAnalyzable(page)) return [];
      const rawNoindex = r.rawRobots.includes('noindex') || r.rawRobots.includes('none');
      return !rawNoindex && page.robots.noindex ? [{ message: `The raw HTML is indexable but after JavaScript the robots directives are "${page.robots.directives.join(', ')}"` }] : [];
    },
  },
  {
    id: 'canonical-changed-by-js',
    scope: 'page',
    category: 'crawlability',
    severity: 'medium',
    title: 'JavaScript changes the canonical URL',
    why: 'Conflicting canonicals between the raw and rendered HTML make Google pick one itself, often the wrong one.',
    fix: 'Output the final canonical in the server HTML and don’t touch it client-side.',
    run: (page): Issue[] => {
      const r = page.rendering;
      if (!r || r.mode !== 'rendered' || !isAnalyzable(page)) return [];
      const raw = [...new Set(r.rawCanonicals)];
      const now = [...new Set(page.canonicals)];
      const same = raw.length === now.length && raw.every((u, i) => now[i] !== undefined && sameUrl(u, now[i] as string));
      if (same) return [];
      return [{ message: `Canonical in the raw HTML is ${raw.length ? formatList(raw) : 'missing'}; after JavaScript it is ${now.length ? formatList(now) : 'missing'}` }];
    },
  },
  {
    id: 'meta-description-changed-by-js',
    scope: 'page',
    category: 'crawlability',
    severity: 'low',
    title: 'JavaScript changes the meta description',
    why: 'Search engines may use either version for the snippet; the one in the raw HTML is the one every crawler sees.',
    fix: 'Output the final meta description in the server HTML and don’t rewrite it client-side.',
    run: (page): Issue[] => {
      const r = page.rendering;
      if (!r || r.mode !== 'rendered' || r.rawMetaDescription === undefined || !isAnalyzable(page)) return [];
      const before = (r.rawMetaDescription ?? '').trim();
      const after = (page.metaDescription ?? '').trim();
      if (before === after) return [];
      return [{ message: `Meta description in the raw HTML is ${before ? `"${truncateForMessage(before)}"` : 'missing'}; after JavaScript it is ${after ? `"${truncateForMessage(after)}"` : 'missing'}` }];
    },
  },
  {
    id: 'rendered-only-links',
    scope: 'page',
    category: 'crawlability',
    severity: 'medium',
    title: 'Internal links only exist after JavaScript',
    why: 'Links missing from the raw HTML are discovered late (after rendering) or never by crawlers that don’t run JavaScript.',
    fix: 'Render navigation and content links as plain <a href> elements in the server HTML.',
    run: (page): Issue[] => {
      const urls = [...new Set(page.links.filter((l) => l.renderedOnly && l.internal && l.url).map((l) => l.url as string))];
      if (urls.length === 0 || !isAnalyzable(page)) return [];
      return [{ message: `${plural(urls.length, 'internal link only appears', 'internal links only appear')} after JavaScript: ${formatList(urls)}`, details: { urls: capDetails(urls) } }];
    },
  },
  {
    id: 'resources-blocked-by-robots',
    scope: 'page',
    category: 'crawlability',
    severity: 'medium',
    title: 'robots.txt blocks resources the page needs to render',
    why: 'Google renders pages like a browser but never fetches what robots.txt disallows: without blocked CSS and JavaScript it may see an unstyled, empty or non-mobile-friendly page, and content loaded by blocked requests or frames is missing from what it indexes.',
    fix: 'Allow these URLs for Googlebot in robots.txt (for example "Allow: /assets/", or drop rules such as "Disallow: /*.js$"). For another site’s files, host them yourself or ask its owner. Then re-test the page.',
    run: (page): Issue[] => {
      const blocked = (page.rendering?.blockedResources ?? []).filter((r) => RENDER_RESOURCE_TYPES.has(r.type));
      if (blocked.length === 0 || !isAnalyzable(page)) return [];
      // CSS and JS first: they decide what Google's renderer sees at all.
      const ordered = [...blocked].sort((a, b) => typeRank(a.type) - typeRank(b.type));
      const counts = [...new Set(ordered.map((r) => describeResourceType(r.type)))].map((kind) =>
        plural(ordered.filter((r) => describeResourceType(r.type) === kind).length, kind),
      );
      return [
        {
          message: `robots.txt blocks ${plural(blocked.length, 'resource')} the page requests while rendering (${counts.join(', ')}): ${formatList(ordered.map((r) => r.url))}`,
          details: { resources: capDetails(ordered) },
        },
      ];
    },
  },
] satisfies PageCheck[];
