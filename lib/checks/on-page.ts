// On-page metadata: title (Lighthouse document-title), meta description (Lighthouse
// meta-description), headings, meta keywords and favicon.
import { isCjkToken, normalizeText, tokenizeNormalized, isStopWord } from '@/lib/analysis/text-utils';
import { formatList, isAnalyzable, isIndexable, plural } from '@/lib/checks/page-check-helpers';
import { PAGE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, PageCheck } from '@/lib/checks/types';

// Arial glyph advance widths (units per 1000 em). Google renders desktop titles in Arial 20 px.
const ARIAL_WIDTHS: Record<string, number> = {
  ' ': 278, '!': 278, '"': 355, '#': 556, $: 556, '%': 889, '&': 667, "'": 191, '(': 333, ')': 333, '*': 389, '+': 584,
  ',': 278, '-': 333, '.': 278, '/': 278, ':': 278, ';': 278, '<': 584, '=': 584, '>': 584, '?': 556, '@': 1015, '[': 278,
  '\\': 278, ']': 278, '^': 469, _: 556, '`': 333, '{': 334, '|': 260, '}': 334, '~': 584, '–': 556, '—': 1000, '’': 222,
  '‘': 222, '“': 333, '”': 333, '•': 350, '…': 1000, '·': 278, '»': 556, '«': 556,
  a: 556, b: 556, c: 500, d: 556, e: 556, f: 278, g: 556, h: 556, i: 222, j: 222, k: 500, l: 222, m: 833, n: 556, o: 556,
  p: 556, q: 556, r: 333, s: 500, t: 278, u: 556, v: 500, w: 722, x: 500, y: 500, z: 500,
  A: 667, B: 667, C: 722, D: 722, E: 667, F: 611, G: 778, H: 722, I: 278, J: 500, K: 667, L: 556, M: 833, N: 722, O: 778,
  P: 667, Q: 778, R: 722, S: 667, T: 611, U: 722, V: 667, W: 944, X: 667, Y: 667, Z: 611,
};

/** Estimated rendered width of a title in Google's desktop SERP (Arial 20 px). */
export function measureTitlePixels(title: string): number {
  let units = 0;
  for (const ch of title) {
    const w = ARIAL_WIDTHS[ch];
    if (w !== undefined) units += w;
    else if (/\d/.test(ch)) units += 556;
    else if (isCjkToken(ch) || /[\u3000-\u303f\uff00-\uffef\uac00-\ud7af]/.test(ch)) units += 1000;
    else units += 556;
  }
  return Math.round((units * 20) / 1000);
}

// Titles that CMSs and frameworks ship by default.
const PLACEHOLDER_TITLES = /^(?:untitled(?: document| page)?|home|homepage|index|document|new page|page(?: \d+)?|welcome|my (?:site|blog|wordpress (?:site|blog))|test|default|react app|vite \+ \w+(?: \+ ts)?|create next app|next\.js|nuxt|svelte ?kit app|angular app|title|page title|just another wordpress site)$/i;

function charCount(text: string): number {
  return [...text].length;
}

export const onPageChecks = [
  {
    id: 'title-missing',
    scope: 'page',
    category: 'on-page',
    severity: 'high',
    title: 'Missing or empty <title>',
    why: 'The title is the main headline of the search result and a strong relevance signal; without one Google invents it (Lighthouse document-title).',
    fix: 'Add a unique, descriptive <title> (about 30–60 characters) inside <head>.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      if (page.title === null) return [{ message: 'The page has no <title> element' }];
      if (page.title.trim() === '') return [{ message: 'The <title> element is empty' }];
      return [];
    },
  },
  {
    id: 'title-too-short',
    scope: 'page',
    category: 'on-page',
    severity: 'low',
    title: 'Title is too short',
    why: 'A very short title wastes the most visible part of the search result and rarely describes the page well enough to rank or earn the click.',
    fix: `Expand the title to ${PAGE_THRESHOLDS.titleMinChars}–${PAGE_THRESHOLDS.titleMaxChars} characters: main topic first, then a differentiator or the brand.`,
    run: (page): Issue[] => {
      const title = page.title?.trim();
      if (!isIndexable(page) || !title) return [];
      const n = charCount(title);
      return n < PAGE_THRESHOLDS.titleMinChars ? [{ message: `Title is ${plural(n, 'character')} (min ${PAGE_THRESHOLDS.titleMinChars}): "${title}"` }] : [];
    },
  },
  {
    id: 'title-too-long',
    scope: 'page',
    category: 'on-page',
    severity: 'low',
    title: 'Title is too long',
    why: 'Google truncates titles around 60 characters; words after the cut are invisible and Google is more likely to rewrite the title.',
    fix: `Keep the title within ${PAGE_THRESHOLDS.titleMaxChars} characters and put the important words first.`,
    run: (page): Issue[] => {
      const title = page.title?.trim();
      if (!isIndexable(page) || !title) return [];
      const n = charCount(title);
      return n > PAGE_THRESHOLDS.titleMaxChars ? [{ message: `Title is ${n} characters (max ${PAGE_THRESHOLDS.titleMaxChars}): "${title}"` }] : [];
    },
  },
  {
    id: 'title-too-wide',
    scope: 'page',
    category: 'on-page',
    severity: 'low',
    title: 'Title is too wide for the search result',
    why: 'Google truncates by pixel width (~600 px); titles with many wide letters (M, W, capitals) are cut even under 60 characters.',
    fix: 'Shorten the title or avoid ALL CAPS and wide characters.',
    run: (page): Issue[] => {
      const title = page.title?.trim();
      // Titles over the character limit are already reported by title-too-long.
      if (!isIndexable(page) || !title || charCount(title) > PAGE_THRESHOLDS.titleMaxChars) return [];
      const px = measureTitlePixels(title);
      return px > PAGE_THRESHOLDS.titleMaxPixels ? [{ message: `Title is about ${px} px wide (max ~${PAGE_THRESHOLDS.titleMaxPixels} px): "${title}"` }] : [];
    },
  },
  {
    id: 'title-multiple',
    scope: 'page',
    category: 'on-page',
    severity: 'medium',
    title: 'Multiple <title> elements',
    why: 'Browsers and Google use only the first <title>; the others are usually template bugs and may show the wrong text.',
    fix: 'Keep exactly one <title> in <head>.',
    run: (page): Issue[] =>
      isAnalyzable(page) && page.titles.length > 1 ? [{ message: `${page.titles.length} <title> elements: ${formatList(page.titles)} — only the first is used` }] : [],
  },
  {
    id: 'title-in-body',
    scope: 'page',
    category: 'on-page',
    severity: 'low',
    title: '<title> outside <head>',
    why: 'A <title> in the body is invalid HTML and may be ignored or picked up instead of the real title.',
    fix: 'Move the <title> into <head> (and remove stray ones from the body, e.g. from pasted SVG or widgets).',
    run: (page): Issue[] => (isAnalyzable(page) && page.titleInBody ? [{ message: `A <title> element sits outside <head>${page.headBrokenBy ? ` (the head was closed early by ${page.headBrokenBy})` : ''}` }] : []),
  },
  {
    id: 'title-repeated-words',
    scope: 'page',
    category: 'on-page',
    severity: 'low',
    title: 'Title repeats the same word',
    why: 'Repeating a keyword in the title looks spammy and is a common reason Google rewrites titles.',
    fix: 'Use each important word once and describe the page naturally.',
    run: (page): Issue[] => {
      if (!isIndexable(page) || !page.title) return [];
      const counts = new Map<string, number>();
      for (const w of tokenizeNormalized(page.title)) if (w.length >= 3 && !isStopWord(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
      return [...counts]
        .filter(([, n]) => n >= PAGE_THRESHOLDS.titleRepeatedWordMin)
        .map(([w, n]) => ({ message: `"${w}" appears ${n} times in the title "${page.title}"` }));
    },
  },
  {
    id: 'title-placeholder',
    scope: 'page',
    category: 'on-page',
    severity: 'medium',
    title: 'Title is a default placeholder',
    why: 'Default titles like "Home", "Untitled" or "React App" say nothing about the page and get rewritten by Google.',
    fix: 'Write a unique title that names the page’s topic (and the brand).',
    run: (page): Issue[] => {
      const title = page.title?.trim();
      if (!isAnalyzable(page) || !title) return [];
      return PLACEHOLDER_TITLES.test(title) ? [{ message: `Title "${title}" is a default placeholder` }] : [];
    },
  },
  {
    id: 'meta-description-missing',
    scope: 'page',
    category: 'on-page',
    severity: 'medium',
    title: 'Missing or empty meta description',
    why: 'Google often uses the meta description as the result snippet; without one it picks random page text (Lighthouse meta-description).',
    fix: 'Add <meta name="description" content="…"> with a unique 70–160 character summary that invites the click.',
    run: (page): Issue[] => {
      if (!isIndexable(page)) return [];
      if (page.metaDescription === null) {
        const ignored = (page.ignoredHeadElements ?? []).includes('<meta name="description">');
        return [{ message: ignored ? `The meta description sits after ${page.headBrokenBy ?? 'an element'} that closed <head>, so it is ignored` : 'The page has no <meta name="description">' }];
      }
      return page.metaDescription.trim() === '' ? [{ message: 'The meta description is empty' }] : [];
    },
  },
  {
    id: 'meta-description-too-short',
    scope: 'page',
    category: 'on-page',
    severity: 'low',
    title: 'Meta description is too short',
    why: 'A very short description gives searchers little reason to click and Google often replaces it.',
    fix: `Write ${PAGE_THRESHOLDS.metaDescriptionMinChars}–${PAGE_THRESHOLDS.metaDescriptionMaxChars} characters that summarise the page and include a reason to click.`,
    run: (page): Issue[] => {
      const d = page.metaDescription?.trim();
      if (!isIndexable(page) || !d) return [];
      const n = charCount(d);
      return n < PAGE_THRESHOLDS.metaDescriptionMinChars ? [{ message: `Meta description is ${plural(n, 'character')} (min ${PAGE_THRESHOLDS.metaDescriptionMinChars}): "${d}"` }] : [];
    },
  },
  {
    id: 'meta-description-too-long',
    scope: 'page',
    category: 'on-page',
    severity: 'low',
    title: 'Meta description is too long',
    why: 'Google truncates snippets around 155–160 characters; the end of a long description is never seen.',
    fix: `Keep it within ${PAGE_THRESHOLDS.metaDescriptionMaxChars} characters with the key message first.`,
    run: (page): Issue[] => {
      const d = page.metaDescription?.trim();
      if (!isIndexable(page) || !d) return [];
      const n = charCount(d);
      return n > PAGE_THRESHOLDS.metaDescriptionMaxChars ? [{ message: `Meta description is ${n} characters (max ${PAGE_THRESHOLDS.metaDescriptionMaxChars}): "${d.slice(0, 80)}…"` }] : [];
    },
  },
  {
    id: 'meta-description-multiple',
    scope: 'page',
    category: 'on-page',
    severity: 'medium',
    title: 'Multiple meta descriptions',
    why: 'With several description tags the snippet Google uses is unpredictable; usually a plugin and the theme both add one.',
    fix: 'Keep exactly one <meta name="description">.',
    run: (page): Issue[] =>
      isAnalyzable(page) && page.metaDescriptions.length > 1 ? [{ message: `${page.metaDescriptions.length} meta description tags: ${formatList(page.metaDescriptions)}` }] : [],
  },
  {
    id: 'meta-description-same-as-title',
    scope: 'page',
    category: 'on-page',
    severity: 'low',
    title: 'Meta description repeats the title',
    why: 'Repeating the title wastes the snippet, which should add information the title doesn’t.',
    fix: 'Write a description that expands on the title (benefits, details, call to action).',
    run: (page): Issue[] => {
      if (!isIndexable(page) || !page.title || !page.metaDescription) return [];
      return normalizeText(page.title) === normalizeText(page.metaDescription) ? [{ message: `Meta description is identical to the title: "${page.title}"` }] : [];
    },
  },
  {
    id: 'h1-missing',
    scope: 'page',
    category: 'on-page',
    severity: 'high',
    title: 'Missing or empty H1',
    why: 'The H1 tells users and search engines what the page is about; pages without one lose a clear relevance signal.',
    fix: 'Add one visible <h1> that states the page’s main topic.',
    run: (page): Issue[] => {
      if (!isIndexable(page)) return [];
      if (page.h1s.length === 0) return [{ message: 'The page has no <h1>' }];
      return page.h1s.every((h) => h === '') ? [{ message: `The page’s ${page.h1s.length === 1 ? '<h1> is' : `${page.h1s.length} <h1> elements are`} empty` }] : [];
    },
  },
  {
    id: 'h1-multiple',
    scope: 'page',
    category: 'on-page',
    severity: 'low',
    title: 'Multiple H1 headings',
    why: 'Several H1s dilute the main topic signal; usually the logo or section titles are marked up as H1 by mistake.',
    fix: 'Keep one H1 for the main topic and use H2/H3 for sections.',
    run: (page): Issue[] => {
      const h1s = page.h1s.filter((h) => h !== '');
      return isIndexable(page) && h1s.length > 1 ? [{ message: `${h1s.length} <h1> headings: ${formatList(h1s)}` }] : [];
    },
  },
  {
    id: 'h1-too-long',
    scope: 'page',
    category: 'on-page',
    severity: 'low',
    title: 'H1 is too long',
    why: 'A long H1 reads like a paragraph and blurs the page’s main topic.',
    fix: `Keep the H1 under ${PAGE_THRESHOLDS.h1MaxChars} characters; move detail into the intro paragraph.`,
    run: (page): Issue[] => {
      if (!isIndexable(page)) return [];
      return page.h1s
        .filter((h) => charCount(h) > PAGE_THRESHOLDS.h1MaxChars)
        .map((h) => ({ message: `H1 is ${charCount(h)} characters (max ${PAGE_THRESHOLDS.h1MaxChars}): "${h.slice(0, 80)}${charCount(h) > 80 ? '…' : ''}"` }));
    },
  },
  {
    id: 'h1-same-as-title',
    scope: 'page',
    category: 'on-page',
    severity: 'info',
    title: 'H1 repeats the title',
    why: 'Title and H1 do different jobs: the title wins the click in search results, the H1 greets the visitor. When they are identical the page gives up a chance to cover a second phrasing of its topic.',
    fix: 'Keep both on topic, but let the title carry the brand and the search phrase and the H1 speak to the reader (or vice versa).',
    run: (page): Issue[] => {
      if (!isIndexable(page) || !page.title) return [];
      const title = normalizeText(page.title);
      const h1 = page.h1s.find((h) => h.trim() !== '' && normalizeText(h) === title);
      return h1 ? [{ message: `H1 is identical to the title: "${h1.slice(0, 80)}${h1.length > 80 ? '…' : ''}"` }] : [];
    },
  },
  {
    id: 'heading-hierarchy-skip',
    scope: 'page',
    category: 'on-page',
    severity: 'low',
    title: 'Heading levels are skipped',
    why: 'Jumping from H2 to H4 breaks the document outline that screen readers and search engines use to understand structure.',
    fix: 'Nest headings one level at a time (H1 → H2 → H3); style them with CSS instead of picking a level for its size.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const skips: string[] = [];
      let prev: number | null = null;
      let prevText = '';
      for (const h of page.headings) {
        if (prev !== null && h.level > prev + 1) skips.push(`<h${h.level}> "${h.text.slice(0, 50)}" follows <h${prev}> "${prevText.slice(0, 50)}"`);
        prev = h.level;
        prevText = h.text;
      }
      if (skips.length === 0) return [];
      return [{ message: `${plural(skips.length, 'heading skips', 'headings skip')} a level: ${skips.slice(0, PAGE_THRESHOLDS.maxItemsInMessage).join('; ')}`, details: { skips: skips.slice(0, 100) } }];
    },
  },
  {
    id: 'heading-empty',
    scope: 'page',
    category: 'on-page',
    severity: 'low',
    title: 'Empty heading elements',
    why: 'Empty headings add noise to the outline for screen readers and carry no meaning for search engines.',
    fix: 'Remove empty headings or give them text (or an image with alt text).',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const hasH1 = page.h1s.some((h) => h !== '');
      // All-empty H1s are reported by h1-missing.
      const empty = page.headings.filter((h) => h.text === '' && (h.level !== 1 || hasH1));
      if (empty.length === 0) return [];
      const levels = [...new Set(empty.map((h) => `<h${h.level}>`))];
      return [{ message: `${plural(empty.length, 'heading is', 'headings are')} empty (${levels.join(', ')})` }];
    },
  },
  {
    id: 'meta-keywords-present',
    scope: 'page',
    category: 'on-page',
    severity: 'info',
    title: 'Meta keywords tag present',
    why: 'Google has ignored meta keywords since 2009 and some engines treat it as a spam signal; it also reveals your target keywords to competitors.',
    fix: 'Remove <meta name="keywords">.',
    run: (page): Issue[] =>
      isAnalyzable(page) && page.metaKeywords ? [{ message: `<meta name="keywords" content="${page.metaKeywords.slice(0, 100)}"> is obsolete` }] : [],
  },
  {
    id: 'favicon-link-missing',
    scope: 'page',
    category: 'on-page',
    severity: 'info',
    title: 'No favicon link',
    why: 'Google shows the site icon next to mobile results; without <link rel="icon"> browsers and Google fall back to /favicon.ico, which must then exist.',
    fix: 'Add <link rel="icon" href="/favicon.ico"> (at least 48×48 px) to every page.',
    run: (page): Issue[] => (isIndexable(page) && !page.favicon ? [{ message: 'No <link rel="icon">; browsers and Google fall back to /favicon.ico' }] : []),
  },
] satisfies PageCheck[];
