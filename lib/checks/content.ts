// Content quality: thin pages, text ratio, readability, freshness, encoding damage and leftovers
// from development (lorem ipsum, TODOs, unrendered template tags).
import { computeFleschReadingEase, guessLanguage, isStopWord, tokenizeNormalized } from '@/lib/analysis/text-utils';
import type { PageFacts } from '@/lib/crawler/page-facts';
import { formatList, isAnalyzable, isIndexable, plural, proseOf } from '@/lib/checks/page-check-helpers';
import { collectSchemaNodes, hasProp, hasType, isArticlePage, ARTICLE_TYPES } from '@/lib/checks/schema-nodes';
import { PAGE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, PageCheck } from '@/lib/checks/types';

const MOJIBAKE = /Ã[\u0080-\u00BF]|â€[\u0080-\u00BF™œ\u009d"˜¦“”•–—]|Â[\u00A0-\u00BF]|\uFFFD/g;
const CTA_TEXT = /\b(?:contact|call|phone|get (?:a |an |your |my )?(?:quote|estimate|started|in touch|offer)|buy|shop|order|book|schedule|reserve|sign ?up|subscribe|register|request|download|try|start|join|apply|donate|add to (?:cart|basket|bag)|checkout|enquire|inquire|free trial|demo|learn more|kontakt|anfragen|kaufen|bestellen|contacto|comprar|contactez|acheter|contatt|acquista)/i;

function isEnglish(page: PageFacts): boolean {
  const lang = (page.lang ?? '').toLowerCase();
  if (lang) return lang === 'en' || lang.startsWith('en-');
  return guessLanguage(proseOf(page), PAGE_THRESHOLDS.readabilityMinWords)?.lang === 'en';
}

/** Latest year in a copyright notice near the end of the page (footers), or null. */
export function findCopyrightYear(text: string): number | null {
  const re = /(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}\s*(?:[-–—]|to)\s*)?((?:19|20)\d{2})\b/gi;
  let last: { year: number; index: number } | null = null;
  for (const m of text.matchAll(re)) last = { year: Number(m[1]), index: m.index };
  if (!last) return null;
  // A notice in the middle of a long article is probably about something else.
  if (text.length > 2000 && last.index < text.length * 0.6) return null;
  return last.year;
}

export const contentChecks = [
  {
    id: 'thin-content',
    scope: 'page',
    category: 'content',
    severity: 'medium',
    title: 'Thin content',
    why: 'Pages with very little text rarely satisfy a search query and can be treated as low-quality or soft-404s.',
    fix: `Expand the page to at least ${PAGE_THRESHOLDS.thinContentWords} words of useful, original content — or merge it into a related page.`,
    run: (page): Issue[] => {
      if (!isIndexable(page) || page.wordCount >= PAGE_THRESHOLDS.thinContentWords) return [];
      return [{ message: `Only ${plural(page.wordCount, 'word')} of visible text (min ${PAGE_THRESHOLDS.thinContentWords})`, details: { words: page.wordCount } }];
    },
  },
  {
    id: 'low-text-ratio',
    scope: 'page',
    category: 'content',
    severity: 'low',
    title: 'Low text-to-HTML ratio',
    why: 'When markup, inline scripts and styles dwarf the text, the page is slow to download and its content is hard to find for crawlers.',
    fix: 'Move inline CSS/JS into cached files, trim wrapper markup and add meaningful text.',
    run: (page): Issue[] => {
      if (!isIndexable(page) || page.wordCount >= PAGE_THRESHOLDS.textRatioExemptWords || page.textRatio >= PAGE_THRESHOLDS.minTextRatio) return [];
      return [{ message: `Visible text is ${(page.textRatio * 100).toFixed(1)}% of the ${Math.round(page.htmlBytes / 1024)} KB HTML (min ${PAGE_THRESHOLDS.minTextRatio * 100}%)` }];
    },
  },
  {
    id: 'readability-poor',
    scope: 'page',
    category: 'content',
    severity: 'low',
    title: 'Text is hard to read',
    why: 'Long sentences and long words make the page harder to read; readers bounce and the content is less likely to be quoted in answers.',
    fix: 'Use shorter sentences (under ~20 words), plain words, and break text up with headings and lists.',
    run: (page): Issue[] => {
      if (!isIndexable(page) || !isEnglish(page)) return [];
      const score = computeFleschReadingEase(proseOf(page), PAGE_THRESHOLDS.readabilityMinWords);
      if (score === null || score >= PAGE_THRESHOLDS.minFleschReadingEase) return [];
      return [{ message: `Flesch reading ease is ${Math.max(0, Math.round(score))} (min ${PAGE_THRESHOLDS.minFleschReadingEase}; "very difficult")`, details: { flesch: Math.round(score) } }];
    },
  },
  {
    id: 'stale-copyright',
    scope: 'page',
    category: 'content',
    severity: 'low',
    title: 'Outdated copyright year',
    why: 'An old copyright year makes the site look abandoned to visitors and quality raters.',
    fix: 'Update the footer year (or generate it automatically).',
    run: (page): Issue[] => {
      if (!isIndexable(page)) return [];
      const year = findCopyrightYear(page.text);
      const now = new Date().getFullYear();
      if (year === null || year >= now - PAGE_THRESHOLDS.maxCopyrightAgeYears) return [];
      return [{ message: `Copyright notice says ${year} (it is ${now})` }];
    },
  },
  {
    id: 'mojibake',
    scope: 'page',
    category: 'content',
    severity: 'medium',
    title: 'Garbled characters (encoding damage)',
    why: 'Sequences like "â€™" or "Ã©" mean UTF-8 text was decoded with the wrong charset; it looks broken to readers and to search engines.',
    fix: 'Store and serve the text as UTF-8 end to end (database, templates, Content-Type header, <meta charset>).',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const hay = `${page.title ?? ''} ${page.metaDescription ?? ''} ${proseOf(page)}`;
      const matches = [...hay.matchAll(MOJIBAKE)].map((m) => m[0]);
      // U+FFFD alone is weaker evidence: pages about encodings legitimately show a few.
      const latin = matches.filter((m) => m !== '\uFFFD').length;
      const replacement = matches.length - latin;
      if (latin < PAGE_THRESHOLDS.mojibakeMinMatches && replacement < PAGE_THRESHOLDS.mojibakeMinReplacementChars) return [];
      return [{ message: `${plural(matches.length, 'garbled sequence')} such as ${formatList([...new Set(matches)])}` }];
    },
  },
  {
    id: 'lorem-ipsum',
    scope: 'page',
    category: 'content',
    severity: 'medium',
    title: 'Placeholder "lorem ipsum" text',
    why: 'Dummy text signals an unfinished page to users and search engines.',
    fix: 'Replace the placeholder text with real content.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const hay = `${page.title ?? ''} ${page.metaDescription ?? ''} ${proseOf(page)}`;
      const m = /lorem ipsum[^.]{0,40}|dolor sit amet[^.]{0,30}/i.exec(hay);
      return m ? [{ message: `Placeholder text found: "${m[0].trim()}"` }] : [];
    },
  },
  {
    id: 'dev-notes-visible',
    scope: 'page',
    category: 'content',
    severity: 'medium',
    title: 'Developer notes visible on the page',
    why: 'Visible TODO/FIXME notes look unprofessional and can leak internal information.',
    fix: 'Remove the notes from the templates or content.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      // Uppercase marker followed by ":" — "Todo list app" or "TODO apps" must not match.
      const hits = [...proseOf(page).matchAll(/\b(?:TODO|FIXME|XXX)(?:\([^)]{0,20}\))?\s*:[^.!?]{0,40}/g)].map((m) => m[0].trim());
      return hits.length ? [{ message: `Visible developer note${hits.length > 1 ? 's' : ''}: ${formatList(hits)}` }] : [];
    },
  },
  {
    id: 'template-placeholders',
    scope: 'page',
    category: 'content',
    severity: 'medium',
    title: 'Unrendered template placeholders',
    why: 'Tokens like {{name}} or %%title%% mean a template variable wasn’t filled — visitors and Google see raw code, often in the title.',
    fix: 'Fix the template or SEO plugin settings so the variables are replaced (e.g. Yoast %%sep%% outside its own fields).',
    run: (page): Issue[] => {
      const tokens = page.templateTokens ?? [];
      return isAnalyzable(page) && tokens.length ? [{ message: `Unrendered template tokens: ${formatList(tokens)}` }] : [];
    },
  },
  {
    id: 'cta-missing',
    scope: 'page',
    category: 'content',
    severity: 'low',
    title: 'No clear call to action',
    why: 'A page that ranks but gives visitors nothing to do next (contact, buy, sign up) wastes the traffic.',
    fix: 'Add a visible button or link for the next step (e.g. "Get a free quote", "Call now", "Add to cart").',
    run: (page): Issue[] => {
      if (!isIndexable(page) || page.forms.length > 0) return [];
      if (page.links.some((l) => l.href?.trim().toLowerCase().startsWith('tel:') || l.href?.trim().toLowerCase().startsWith('mailto:'))) return [];
      const texts = [...page.links.map((l) => l.text), ...(page.buttons ?? [])];
      if (texts.some((t) => CTA_TEXT.test(t))) return [];
      return [{ message: `None of the page’s ${plural(page.links.length, 'link')} or buttons is a call to action (contact, buy, book, sign up…)` }];
    },
  },
  {
    id: 'article-date-missing',
    scope: 'page',
    category: 'content',
    severity: 'low',
    title: 'Article has no publication date',
    why: 'Dates help readers and Google judge freshness; Google recommends datePublished/dateModified on articles and may show the date in results.',
    fix: 'Show the publish/update date on the page (<time datetime="…">) and add datePublished/dateModified to the Article markup.',
    run: (page): Issue[] => {
      if (!isIndexable(page)) return [];
      const nodes = collectSchemaNodes(page);
      if (!isArticlePage(page, nodes)) return [];
      const schemaDate = nodes.some((n) => hasType(n, ARTICLE_TYPES) && (hasProp(n.node, 'datePublished') || hasProp(n.node, 'dateModified')));
      const metaDate = !!(page.openGraph['article:published_time'] || page.openGraph['article:modified_time']);
      if (schemaDate || metaDate || (page.timeElements ?? 0) > 0) return [];
      return [{ message: 'Article page has no datePublished/dateModified, article:published_time or <time> element' }];
    },
  },
  {
    id: 'hidden-text',
    scope: 'page',
    category: 'content',
    severity: 'medium',
    title: 'Large block of hidden text',
    why: `Text hidden with display:none, visibility:hidden or the hidden attribute in the HTML the server sends is fine for menus, tabs, accordions and dialogs that a click reveals, but a large hidden block that is never shown is what keyword stuffing looks like, and Google's spam policies name hidden text as a violation. Menus (<nav>, role=menu), dialogs, tab panels, <template> and <noscript> are not counted; reported from ${PAGE_THRESHOLDS.hiddenTextMinWords} hidden words, or from ${PAGE_THRESHOLDS.hiddenTextShareMinWords} when they are over ${PAGE_THRESHOLDS.hiddenTextMaxShare * 100}% of the page's words (CHECKS.md row 82).`,
    fix: 'If a click shows the text (tabs, "read more", FAQ answers), nothing needs to change — mark the widget up with roles (tabpanel, dialog) or <details>. If visitors never see it, show it as normal content or remove it.',
    run: (page): Issue[] => {
      const hidden = page.hiddenText;
      if (!hidden || !isIndexable(page)) return [];
      const share = hidden.words / (hidden.words + page.wordCount);
      const large = hidden.words >= PAGE_THRESHOLDS.hiddenTextMinWords;
      const dominant = hidden.words >= PAGE_THRESHOLDS.hiddenTextShareMinWords && share > PAGE_THRESHOLDS.hiddenTextMaxShare;
      if (!large && !dominant) return [];
      return [
        {
          message: `${plural(hidden.words, 'word')} of text are hidden (display:none, visibility:hidden or the hidden attribute), ${Math.round(share * 100)}% of the page’s words: fine if a click shows it (tabs, accordions), a problem if it stuffs keywords; it starts "${hidden.sample.slice(0, 80)}…"`,
          details: { hiddenWords: hidden.words, visibleWords: page.wordCount, share: Math.round(share * 1000) / 1000, sample: hidden.sample },
        },
      ];
    },
  },
  {
    id: 'keyword-stuffing',
    scope: 'page',
    category: 'content',
    severity: 'medium',
    title: 'Main topic word is heavily overused',
    why: 'Repeating a term far more than natural writing would is a spam signal and reads badly.',
    fix: 'Write naturally: use synonyms and related terms, and cut repeated phrases in navigation and footers.',
    run: (page): Issue[] => {
      if (!isIndexable(page)) return [];
      // snake_case identifiers in API indexes are code, not prose: drop them before counting.
      // (Split, not /\S*_\S*/g: that regex is quadratic on long runs without spaces.)
      const prose = proseOf(page).split(/\s+/).filter((token) => !token.includes('_')).join(' ');
      const words = tokenizeNormalized(prose);
      if (words.length < PAGE_THRESHOLDS.stuffingMinWords) return [];
      const counts = new Map<string, number>();
      for (const w of words) {
        if (w.length < 3 || /^\d+$/.test(w) || isStopWord(w)) continue;
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
      // Stuffing targets a ranking term, so only terms the page also puts in its title/H1 count;
      // this keeps UI labels ("Source", "Reply") repeated per item from firing.
      const topical = new Set(tokenizeNormalized(`${page.title ?? ''} ${page.h1s.join(' ')}`));
      let top: [string, number] | null = null;
      for (const entry of counts) if (topical.has(entry[0]) && (!top || entry[1] > top[1])) top = entry;
      if (!top) return [];
      const density = top[1] / words.length;
      if (density <= PAGE_THRESHOLDS.stuffingMaxDensity) return [];
      return [{ message: `"${top[0]}" is ${(density * 100).toFixed(1)}% of the page’s ${words.length} words (${top[1]} times; max ${PAGE_THRESHOLDS.stuffingMaxDensity * 100}%)`, details: { term: top[0], count: top[1], density } }];
    },
  },
] satisfies PageCheck[];
