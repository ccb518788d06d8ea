// International: <html lang> and hreflang (Lighthouse hreflang rules — valid codes, absolute
// hrefs, head placement, Link header — plus self-reference, x-default and duplicates).
import type { HreflangFact, PageFacts } from '@/lib/crawler/page-facts';
import { validateLanguageTag } from '@/lib/analysis/language-codes';
import { guessLanguage, STOP_WORDS } from '@/lib/analysis/text-utils';
import { formatList, isAnalyzable, isIndexable, parseUrl, proseOf, sameUrl } from '@/lib/checks/page-check-helpers';
import { PAGE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, PageCheck } from '@/lib/checks/types';

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', de: 'German', fr: 'French', es: 'Spanish', it: 'Italian', pt: 'Portuguese', nl: 'Dutch' };

function primary(tag: string): string {
  return (tag.trim().toLowerCase().split(/[-_]/)[0] ?? '').replace(/^iw$/, 'he').replace(/^in$/, 'id');
}

function describeHreflang(h: HreflangFact): string {
  return `hreflang="${h.lang}"${h.source === 'header' ? ' (Link header)' : ''}`;
}

/** hreflang applies to the indexable version: the page itself or its canonical. */
function selfUrls(page: PageFacts): string[] {
  return [page.finalUrl, ...page.canonicals, ...page.canonicalFromHeader];
}

function isAlternateOfSelf(h: HreflangFact, page: PageFacts): boolean {
  return !!h.url && selfUrls(page).some((u) => sameUrl(u, h.url as string));
}

export const internationalChecks = [
  {
    id: 'html-lang-missing',
    scope: 'page',
    category: 'international',
    severity: 'medium',
    title: 'Missing <html lang>',
    why: 'The lang attribute tells browsers, screen readers and search engines which language the page is in (translation prompts, pronunciation, language targeting).',
    fix: 'Add the page language to the html element, e.g. <html lang="en-US">.',
    run: (page): Issue[] => (isAnalyzable(page) && !(page.lang ?? '').trim() ? [{ message: page.lang === null ? 'The <html> element has no lang attribute' : 'The <html lang> attribute is empty' }] : []),
  },
  {
    id: 'html-lang-invalid',
    scope: 'page',
    category: 'international',
    severity: 'medium',
    title: 'Invalid <html lang> value',
    why: 'An invalid language code (e.g. "english", "en_US", "en-UK") is ignored by browsers and assistive technology.',
    fix: 'Use a BCP 47 code: ISO 639-1 language plus optional ISO 3166-1 region, e.g. "en", "en-GB", "pt-BR".',
    run: (page): Issue[] => {
      const lang = page.lang;
      if (!isAnalyzable(page) || !lang || !lang.trim()) return [];
      const problem = validateLanguageTag(lang.trim());
      return problem ? [{ message: `<html lang="${lang}">: ${problem}` }] : [];
    },
  },
  {
    id: 'html-lang-content-mismatch',
    scope: 'page',
    category: 'international',
    severity: 'low',
    title: '<html lang> doesn’t match the content language',
    why: 'A wrong lang (often a theme default like "en-US" on a German site) confuses translation prompts, screen readers and language targeting.',
    fix: 'Set <html lang> to the language the page is actually written in.',
    run: (page): Issue[] => {
      if (!isIndexable(page) || !page.lang) return [];
      const declared = primary(page.lang);
      // We can only judge languages we have stop words for (a "ja" page full of English code isn't English).
      if (!(declared in STOP_WORDS)) return [];
      const guess = guessLanguage(proseOf(page), PAGE_THRESHOLDS.langGuessMinWords);
      if (!guess || guess.share < PAGE_THRESHOLDS.langMismatchMinShare || declared === guess.lang) return [];
      return [{ message: `<html lang="${page.lang}"> but the text reads as ${LANGUAGE_NAMES[guess.lang] ?? guess.lang} (${Math.round(guess.share * 100)}% ${guess.lang} stop words)` }];
    },
  },
  {
    id: 'hreflang-invalid-code',
    scope: 'page',
    category: 'international',
    severity: 'high',
    title: 'Invalid hreflang language/region code',
    why: 'Google ignores hreflang annotations with unknown codes (e.g. "en-UK", "us", "en_GB"), so the language versions aren’t linked (Lighthouse hreflang).',
    fix: 'Use ISO 639-1 language codes with optional ISO 3166-1 alpha-2 regions ("en-GB", "es-MX") or "x-default".',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      return page.hreflang.flatMap((h) => {
        const problem = validateLanguageTag(h.lang, { allowXDefault: true });
        return problem ? [{ message: `${describeHreflang(h)}: ${problem}`, details: { href: h.href } }] : [];
      });
    },
  },
  {
    id: 'hreflang-relative-url',
    scope: 'page',
    category: 'international',
    severity: 'high',
    title: 'hreflang URL is relative',
    why: 'hreflang hrefs must be fully-qualified URLs; relative ones are a Lighthouse failure and easily resolve to the wrong host.',
    fix: 'Use absolute URLs including https:// and the host.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      return page.hreflang
        .filter((h) => h.href.trim() !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(h.href.trim()))
        .map((h) => ({ message: `${describeHreflang(h)} uses the relative URL "${h.href}"` }));
    },
  },
  {
    id: 'hreflang-invalid-url',
    scope: 'page',
    category: 'international',
    severity: 'high',
    title: 'hreflang URL is missing or invalid',
    why: 'An alternate without a valid http(s) URL can’t be followed, so that language version isn’t connected.',
    fix: 'Set href to the full URL of the alternate page.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      return page.hreflang
        .filter((h) => h.href.trim() === '' || (/^[a-z][a-z0-9+.-]*:/i.test(h.href.trim()) && !/^https?:$/.test(parseUrl(h.href.trim())?.protocol ?? '')))
        .map((h) => ({ message: h.href.trim() === '' ? `${describeHreflang(h)} has no href` : `${describeHreflang(h)} has an invalid URL "${h.href}"` }));
    },
  },
  {
    id: 'hreflang-in-body',
    scope: 'page',
    category: 'international',
    severity: 'medium',
    title: 'hreflang links outside <head>',
    why: 'hreflang <link> elements are only read in <head>; in <body> they are ignored.',
    fix: 'Move them into <head> (before any body element), or use the Link header / sitemap.',
    run: (page): Issue[] => {
      const body = page.hreflangInBody ?? [];
      return isAnalyzable(page) && body.length ? [{ message: `${body.length} hreflang link${body.length > 1 ? 's are' : ' is'} outside <head> and ignored: ${formatList(body.map((h) => `${h.lang} → ${h.href}`))}` }] : [];
    },
  },
  {
    id: 'hreflang-missing-self',
    scope: 'page',
    category: 'international',
    severity: 'medium',
    title: 'hreflang set doesn’t include this page',
    why: 'Each language version must list itself as well as the others; without the self-reference Google may ignore the set.',
    fix: 'Add a hreflang link for this page’s own language pointing to its own (canonical) URL.',
    run: (page): Issue[] => {
      const entries = page.hreflang.filter((h) => h.url);
      if (!isAnalyzable(page) || entries.length === 0 || entries.some((h) => isAlternateOfSelf(h, page))) return [];
      return [{ message: `None of the ${entries.length} hreflang URLs (${formatList(entries.map((h) => h.lang))}) points to this page (${page.finalUrl})` }];
    },
  },
  {
    id: 'hreflang-missing-x-default',
    scope: 'page',
    category: 'international',
    severity: 'low',
    title: 'hreflang set has no x-default',
    why: 'x-default tells Google which version to show users whose language isn’t in the set.',
    fix: 'Add <link rel="alternate" hreflang="x-default" href="…"> pointing to your default or language-selector page.',
    run: (page): Issue[] => {
      const langs = page.hreflang.map((h) => h.lang.trim().toLowerCase());
      return isAnalyzable(page) && langs.length > 0 && !langs.includes('x-default') ? [{ message: `hreflang set (${formatList(langs)}) has no x-default` }] : [];
    },
  },
  {
    id: 'hreflang-duplicate-lang',
    scope: 'page',
    category: 'international',
    severity: 'medium',
    title: 'Same hreflang code points to different URLs',
    why: 'Two URLs for one language/region are contradictory; Google may ignore both.',
    fix: 'Keep one URL per hreflang value.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const byLang = new Map<string, string[]>();
      for (const h of page.hreflang) {
        if (!h.url) continue;
        const key = h.lang.trim().toLowerCase();
        const list = byLang.get(key) ?? [];
        if (!list.some((u) => sameUrl(u, h.url as string))) list.push(h.url);
        byLang.set(key, list);
      }
      return [...byLang].filter(([, urls]) => urls.length > 1).map(([lang, urls]) => ({ message: `hreflang="${lang}" points to ${urls.length} different URLs: ${formatList(urls)}` }));
    },
  },
  {
    id: 'hreflang-conflicting-urls',
    scope: 'page',
    category: 'international',
    severity: 'medium',
    title: 'One URL is declared for several languages',
    why: 'A single URL can’t be both the German and the French version; this usually means a copy-paste error in the hreflang set.',
    fix: 'Point each language to its own translated URL (regional variants of one language may share a URL).',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const byUrl = new Map<string, Set<string>>();
      for (const h of page.hreflang) {
        if (!h.url || h.lang.trim().toLowerCase() === 'x-default') continue;
        const key = [...byUrl.keys()].find((u) => sameUrl(u, h.url as string)) ?? h.url;
        byUrl.set(key, (byUrl.get(key) ?? new Set()).add(primary(h.lang)));
      }
      return [...byUrl].filter(([, langs]) => langs.size > 1).map(([url, langs]) => ({ message: `${url} is declared as ${formatList([...langs])}` }));
    },
  },
  {
    id: 'hreflang-self-lang-mismatch',
    scope: 'page',
    category: 'international',
    severity: 'low',
    title: 'hreflang for this page disagrees with <html lang>',
    why: 'If the hreflang entry for this page says "de" but <html lang> says "en", one of them is wrong and users may get the wrong version.',
    fix: 'Make the page’s own hreflang value and <html lang> name the same language.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page) || !page.lang) return [];
      const own = page.hreflang.filter((h) => h.lang.trim().toLowerCase() !== 'x-default' && isAlternateOfSelf(h, page));
      if (own.length === 0 || own.some((h) => primary(h.lang) === primary(page.lang ?? ''))) return [];
      return [{ message: `This page is ${formatList(own.map((h) => `hreflang=${h.lang}`))} but <html lang="${page.lang}">` }];
    },
  },
] satisfies PageCheck[];
