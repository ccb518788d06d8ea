// Social sharing: Open Graph and Twitter/X card tags that control link previews.
import type { PageFacts } from '@/lib/crawler/page-facts';
import { isIndexable, sameUrl } from '@/lib/checks/page-check-helpers';
import { PAGE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, PageCheck } from '@/lib/checks/types';

const TWITTER_CARDS = new Set(['summary', 'summary_large_image', 'app', 'player']);

function hasOpenGraph(page: PageFacts): boolean {
  return Object.keys(page.openGraph).some((k) => k.startsWith('og:'));
}

/** Individual og:* checks only run when the page uses Open Graph at all (og-tags-missing covers none). */
function missingOg(prop: string) {
  return (page: PageFacts): Issue[] => {
    if (!isIndexable(page) || !hasOpenGraph(page)) return [];
    return (page.openGraph[prop] ?? '').trim() === '' ? [{ message: `Open Graph tags are present but ${prop} is ${page.openGraph[prop] === undefined ? 'missing' : 'empty'}` }] : [];
  };
}

export const socialChecks = [
  {
    id: 'og-tags-missing',
    scope: 'page',
    category: 'social',
    severity: 'low',
    title: 'No Open Graph tags',
    why: 'Facebook, LinkedIn, Slack, WhatsApp and many AI tools build link previews from Open Graph tags; without them previews are guessed or blank.',
    fix: 'Add og:title, og:description, og:image (absolute URL, 1200×630), og:url and og:type.',
    run: (page): Issue[] => (isIndexable(page) && !hasOpenGraph(page) ? [{ message: 'The page has no og:* meta tags' }] : []),
  },
  {
    id: 'og-title-missing',
    scope: 'page',
    category: 'social',
    severity: 'low',
    title: 'og:title missing',
    why: 'Without og:title, share previews fall back to the <title> or nothing.',
    fix: 'Add <meta property="og:title" content="…">.',
    run: missingOg('og:title'),
  },
  {
    id: 'og-description-missing',
    scope: 'page',
    category: 'social',
    severity: 'low',
    title: 'og:description missing',
    why: 'Without og:description, share previews show random page text or no summary.',
    fix: 'Add <meta property="og:description" content="…">.',
    run: missingOg('og:description'),
  },
  {
    id: 'og-image-missing',
    scope: 'page',
    category: 'social',
    severity: 'low',
    title: 'og:image missing',
    why: 'Shares without an image get far less engagement; platforms may pick a random image from the page.',
    fix: 'Add <meta property="og:image" content="https://…/share.jpg"> (1200×630 px).',
    run: missingOg('og:image'),
  },
  {
    id: 'og-image-relative',
    scope: 'page',
    category: 'social',
    severity: 'low',
    title: 'og:image is not an absolute URL',
    why: 'Facebook and most scrapers don’t resolve relative og:image URLs, so the preview has no image.',
    fix: 'Use a full https:// URL for og:image.',
    run: (page): Issue[] => {
      const img = (page.openGraph['og:image'] ?? '').trim();
      return isIndexable(page) && img && !/^https?:\/\//i.test(img) ? [{ message: `og:image "${img}" is not an absolute http(s) URL` }] : [];
    },
  },
  {
    id: 'og-image-too-small',
    scope: 'page',
    category: 'social',
    severity: 'low',
    title: 'og:image is smaller than recommended',
    why: `Images under ${PAGE_THRESHOLDS.ogImageMinWidth}×${PAGE_THRESHOLDS.ogImageMinHeight} px render as small thumbnails instead of large previews.`,
    fix: `Use a ${PAGE_THRESHOLDS.ogImageMinWidth}×${PAGE_THRESHOLDS.ogImageMinHeight} px (1.91:1) share image and declare og:image:width/height.`,
    run: (page): Issue[] => {
      const w = Number(page.openGraph['og:image:width']);
      const h = Number(page.openGraph['og:image:height']);
      if (!isIndexable(page) || !page.openGraph['og:image'] || !Number.isFinite(w) || !Number.isFinite(h) || w <= 0 || h <= 0) return [];
      return w < PAGE_THRESHOLDS.ogImageMinWidth || h < PAGE_THRESHOLDS.ogImageMinHeight ? [{ message: `og:image is declared as ${w}×${h} px (recommended ${PAGE_THRESHOLDS.ogImageMinWidth}×${PAGE_THRESHOLDS.ogImageMinHeight})` }] : [];
    },
  },
  {
    id: 'og-url-mismatch',
    scope: 'page',
    category: 'social',
    severity: 'low',
    title: 'og:url differs from the canonical URL',
    why: 'Shares and like counts are attributed to og:url; if it disagrees with the canonical, engagement splits across URLs.',
    fix: 'Set og:url to the same URL as rel=canonical.',
    run: (page): Issue[] => {
      const og = (page.openGraph['og:url'] ?? '').trim();
      const canonical = page.canonicals[0] ?? page.canonicalFromHeader[0];
      if (!isIndexable(page) || !og || !canonical) return [];
      let resolved = og;
      try {
        resolved = new URL(og, page.finalUrl).href;
      } catch {
        // keep the raw value; it will mismatch and be reported
      }
      return sameUrl(resolved, canonical) ? [] : [{ message: `og:url "${og}" differs from the canonical ${canonical}` }];
    },
  },
  {
    id: 'og-type-missing',
    scope: 'page',
    category: 'social',
    severity: 'info',
    title: 'og:type missing',
    why: 'og:type (website, article, product) helps platforms format the preview; it defaults to "website".',
    fix: 'Add <meta property="og:type" content="website"> (or "article" on posts).',
    run: missingOg('og:type'),
  },
  {
    id: 'og-site-name-missing',
    scope: 'page',
    category: 'social',
    severity: 'info',
    title: 'og:site_name missing',
    why: 'og:site_name shows your brand above the preview title on several platforms.',
    fix: 'Add <meta property="og:site_name" content="Brand">.',
    run: missingOg('og:site_name'),
  },
  {
    id: 'twitter-card-missing',
    scope: 'page',
    category: 'social',
    severity: 'low',
    title: 'twitter:card missing',
    why: 'X (Twitter) needs twitter:card to choose the preview layout; without it links may show as plain URLs.',
    fix: 'Add <meta name="twitter:card" content="summary_large_image"> (X falls back to og:* for title, description and image).',
    run: (page): Issue[] => (isIndexable(page) && !(page.twitter['twitter:card'] ?? '').trim() ? [{ message: 'The page has no twitter:card meta tag' }] : []),
  },
  {
    id: 'twitter-card-invalid',
    scope: 'page',
    category: 'social',
    severity: 'low',
    title: 'Invalid twitter:card type',
    why: 'Only summary, summary_large_image, app and player are valid; anything else shows no card.',
    fix: 'Use content="summary_large_image" (or "summary").',
    run: (page): Issue[] => {
      const card = (page.twitter['twitter:card'] ?? '').trim();
      return isIndexable(page) && card && !TWITTER_CARDS.has(card.toLowerCase()) ? [{ message: `twitter:card "${card}" is not one of summary, summary_large_image, app, player` }] : [];
    },
  },
] satisfies PageCheck[];
