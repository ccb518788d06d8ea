// Links on the page: crawlable anchors and descriptive link text (Lighthouse crawlable-anchors and
// link-text, extended), nofollow use, insecure/local/malformed hrefs and broken in-page anchors.
import type { LinkFact } from '@/lib/crawler/page-facts';
import { capDetails, formatList, isAnalyzable, isIndexable, parseUrl, plural, sameUrl } from '@/lib/checks/page-check-helpers';
import { PAGE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, PageCheck } from '@/lib/checks/types';

/**
 * Non-descriptive anchor texts by language: Lighthouse's lists (en, ja, es, pt, ko, sv, de, ta, fa)
 * plus fr, it, nl, pl and ru, which Lighthouse lacks.
 */
export const GENERIC_LINK_TEXTS: Record<string, ReadonlySet<string>> = {
  en: new Set(['click here', 'click this', 'go', 'here', 'information', 'learn more', 'more', 'more info', 'more information', 'right here', 'read more', 'see more', 'start', 'this', 'link', 'this link', 'continue', 'continue reading', 'details', 'find out more', 'view more']),
  ja: new Set(['ここをクリック', 'こちらをクリック', 'リンク', '続きを読む', '続く', '全文表示']),
  es: new Set(['click aquí', 'click aqui', 'clicka aquí', 'clicka aqui', 'pincha aquí', 'pincha aqui', 'aquí', 'aqui', 'más', 'mas', 'más información', 'más informacion', 'mas información', 'mas informacion', 'este', 'enlace', 'este enlace', 'empezar', 'leer más', 'leer mas', 'haz clic aquí', 'ver más', 'ver mas']),
  pt: new Set(['clique aqui', 'ir', 'mais informação', 'mais informações', 'mais', 'veja mais', 'leia mais', 'saiba mais', 'aqui']),
  ko: new Set(['여기', '여기를 클릭', '클릭', '링크', '자세히', '자세히 보기', '계속', '이동', '전체 보기']),
  sv: new Set(['här', 'klicka här', 'läs mer', 'mer', 'mer info', 'mer information']),
  de: new Set(['klicke hier', 'hier klicken', 'hier', 'mehr', 'siehe', 'dies', 'das', 'weiterlesen', 'mehr erfahren', 'mehr infos', 'mehr informationen', 'klicken sie hier', 'weiter', 'link']),
  ta: new Set(['அடுத்த பக்கம்', 'மறுபக்கம்', 'முந்தைய பக்கம்', 'முன்பக்கம்', 'மேலும் அறிக', 'மேலும் தகவலுக்கு', 'மேலும் தரவுகளுக்கு', 'தயவுசெய்து இங்கே அழுத்தவும்', 'இங்கே கிளிக் செய்யவும்']),
  fa: new Set(['اطلاعات بیشتر', 'اطلاعات', 'این', 'اینجا بزنید', 'اینجا کلیک کنید', 'اینجا', 'برو', 'بیشتر بخوانید', 'بیشتر بدانید', 'بیشتر', 'شروع']),
  fr: new Set(['cliquez ici', 'cliquer ici', 'ici', 'en savoir plus', 'plus', 'lire la suite', "plus d'infos", "plus d'informations", 'voir plus', 'suite', 'lien', 'ce lien', 'la suite']),
  it: new Set(['clicca qui', 'qui', 'di più', 'leggi di più', 'scopri di più', 'altro', 'leggi tutto', 'maggiori informazioni', 'continua', 'questo link', 'leggi']),
  nl: new Set(['klik hier', 'hier', 'meer', 'lees meer', 'meer info', 'meer informatie', 'bekijk meer', 'deze link', 'verder lezen']),
  pl: new Set(['kliknij tutaj', 'tutaj', 'więcej', 'czytaj więcej', 'dowiedz się więcej', 'tu', 'link', 'ten link', 'kliknij']),
  ru: new Set(['нажмите здесь', 'здесь', 'тут', 'подробнее', 'читать далее', 'далее', 'ещё', 'еще', 'узнать больше', 'ссылка', 'больше', 'читать']),
};

/**
 * An anchor text that is an http(s) URL. Most texts are not, and a failed URL parse throws (~12 µs an
 * anchor): the scheme is tested first. The parser ignores tabs and newlines anywhere, so such texts
 * always go to it.
 */
function isFullUrl(text: string): boolean {
  if (!/^https?:/i.test(text) && !/[\t\n\r]/.test(text)) return false;
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

const MAX_GENERIC_TEXT_CHARS = 100;

/** Generic-text verdict for one anchor text, using the page language's list when we have one. */
export function isGenericLinkText(text: string, pageLang: string | null): boolean {
  const trimmed = text.trim();
  if (!trimmed) return false;
  if (isFullUrl(trimmed)) return true;
  // The longest generic text is a few words; a longer one cannot match. The cap also bounds the
  // regex below, which retries from every position of a run of punctuation (quadratic in length).
  if (trimmed.length > MAX_GENERIC_TEXT_CHARS) return false;
  // "Read more »", "Learn more →": decorations don't make the text descriptive.
  const term = trimmed.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/\s+/g, ' ');
  const lang = (pageLang ?? '').toLowerCase().split('-')[0] ?? '';
  const list = GENERIC_LINK_TEXTS[lang];
  if (list) return list.has(term);
  return Object.values(GENERIC_LINK_TEXTS).some((l) => l.has(term));
}

function compactHref(l: LinkFact): string {
  return (l.href ?? '').replace(/\s/g, '');
}

function describeLink(l: LinkFact): string {
  const text = l.text ? ` "${l.text.slice(0, 40)}"` : '';
  return l.href === null ? `<a> without href${text}` : `<a href="${l.href.slice(0, 80)}">${text}`;
}

/** Why an anchor can't be followed by a crawler, or null when it can (Lighthouse crawlable-anchors, stricter). */
function findUncrawlableReason(l: LinkFact, baseUrl: string): string | null {
  if ((l.role ?? '').trim()) return null; // role=button etc.: a widget, not a link
  const href = compactHref(l);
  if (href.toLowerCase().startsWith('mailto:') || href.toLowerCase().startsWith('tel:')) return null;
  if (l.href === null) {
    if (l.id || (l.name ?? '').trim()) return null; // <a id/name>: a fragment target
    if (['page', 'location'].includes((l.ariaCurrent ?? '').trim())) return null; // current-page placeholder
    return l.hasOnclick ? 'has an onclick handler but no href' : 'has no href';
  }
  if (/^javascript:/i.test(href)) return 'uses a javascript: URL';
  if (/^file:/i.test(href)) return 'points to a local file: URL';
  if ((href === '' || href === '#') && l.hasOnclick) return 'only works through its onclick handler';
  try {
    new URL(href, baseUrl);
  } catch {
    return 'has an unparseable href';
  }
  return null;
}

const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\]|10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2})$|\.(?:local|localhost|test|internal|invalid|lan|corp)$/i;
// Staging subdomains need a further label so "dev.to" or "stage-door.com" don't match.
const STAGING_HOST = /^(?:staging|stage|stg|preview|uat|qa|dev)\.[a-z0-9-]+\.[a-z0-9.-]+$|[.-](?:staging|stage)\.[a-z0-9-]+\.[a-z]/i;
// Hosting platforms also serve real sites, so only their preview deployments of *this* site count.
const PLATFORM_HOST = /\.(?:vercel\.app|netlify\.app|herokuapp\.com|pages\.dev|onrender\.com|fly\.dev|ngrok(?:-free)?\.(?:io|app))$/i;

/** "acme" for www.acme.co.uk / shop.acme.com: the label users would recognise. */
function siteLabel(host: string): string {
  const labels = host.replace(/^www\./, '').split('.');
  const secondLevel = labels.length > 2 && /^(?:co|com|org|net|gov|ac|edu)$/.test(labels[labels.length - 2] ?? '');
  return labels[labels.length - (secondLevel ? 3 : 2)] ?? labels[0] ?? '';
}

function isPreviewOfSite(host: string, pageHost: string): boolean {
  if (!PLATFORM_HOST.test(host)) return false;
  const first = host.split('.')[0] ?? '';
  const label = siteLabel(pageHost);
  return /-git-|^deploy-preview-\d+--/.test(first) || (label.length >= 3 && first.includes(label));
}

function hostOf(url: string): string | null {
  return parseUrl(url)?.hostname ?? null;
}

export const linkChecks = [
  {
    id: 'crawlable-anchors',
    scope: 'page',
    category: 'links',
    severity: 'medium',
    title: 'Links that search engines can’t follow',
    why: 'Google only follows <a> elements with a resolvable href; javascript: URLs, onclick-only links and anchors without href hide pages from crawlers (Lighthouse crawlable-anchors).',
    fix: 'Use <a href="/real-url"> for navigation; keep JavaScript behaviour as an enhancement, and use <button> for actions that aren’t links.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const bad = page.links
        .map((l) => ({ l, reason: findUncrawlableReason(l, page.baseHref ?? page.finalUrl) }))
        .filter((x): x is { l: LinkFact; reason: string } => x.reason !== null);
      if (bad.length === 0) return [];
      const shown = bad.slice(0, PAGE_THRESHOLDS.maxItemsInMessage).map((x) => `${describeLink(x.l)} ${x.reason}`);
      return [{ message: `${plural(bad.length, 'link')} can’t be crawled: ${shown.join('; ')}${bad.length > shown.length ? ` and ${bad.length - shown.length} more` : ''}`, details: { links: capDetails(bad.map((x) => ({ href: x.l.href, text: x.l.text, reason: x.reason }))) } }];
    },
  },
  {
    id: 'link-text-generic',
    scope: 'page',
    category: 'links',
    severity: 'low',
    title: 'Links with non-descriptive text',
    why: 'Anchor text like "click here" or "read more" tells search engines and screen-reader users nothing about the target (Lighthouse link-text).',
    fix: 'Describe the destination in the link text, e.g. "see our roof repair prices" instead of "click here".',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const bad = page.links.filter((l) => {
        if (!l.href || !l.url || l.rel.includes('nofollow')) return false;
        if (sameUrl(l.url, page.finalUrl)) return false; // in-page anchors
        return isGenericLinkText(l.text, page.lang);
      });
      if (bad.length === 0) return [];
      const distinct = [...new Set(bad.map((l) => `"${l.text}" → ${l.href}`))];
      const shown = distinct.slice(0, PAGE_THRESHOLDS.maxItemsInMessage);
      return [{ message: `${plural(bad.length, 'link has', 'links have')} generic text: ${shown.join(', ')}${distinct.length > shown.length ? ` and ${distinct.length - shown.length} more` : ''}`, details: { links: capDetails(bad.map((l) => ({ href: l.href, text: l.text }))) } }];
    },
  },
  {
    id: 'link-text-empty',
    scope: 'page',
    category: 'links',
    severity: 'medium',
    title: 'Links without any text',
    why: 'A link with no text, no image alt and no aria-label passes no anchor-text signal and is announced as just "link" by screen readers.',
    fix: 'Add visible text, an alt attribute on the linked image, or an aria-label.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const bad = page.links.filter((l) => l.url !== null && l.text === '');
      if (bad.length === 0) return [];
      return [{ message: `${plural(bad.length, 'link has', 'links have')} no text, alt or aria-label: ${formatList(bad.map((l) => l.href ?? ''))}`, details: { hrefs: capDetails(bad.map((l) => l.href)) } }];
    },
  },
  {
    id: 'too-many-links',
    scope: 'page',
    category: 'links',
    severity: 'low',
    title: 'Too many links on the page',
    why: 'Each link gets a smaller share of the page’s authority, and users can’t find the important ones.',
    fix: 'Trim mega-menus and footers to the pages that matter; link the rest from category pages.',
    run: (page): Issue[] => {
      // In-page #fragment links (tables of contents, line numbers) don't split link equity.
      const n = page.links.filter((l) => l.url !== null && !sameUrl(l.url, page.finalUrl)).length;
      return isIndexable(page) && n > PAGE_THRESHOLDS.maxLinks ? [{ message: `The page has ${n} links (max ${PAGE_THRESHOLDS.maxLinks})` }] : [];
    },
  },
  {
    id: 'dead-end-page',
    scope: 'page',
    category: 'links',
    severity: 'low',
    title: 'Page has no outgoing links',
    why: 'A dead end stops crawlers and visitors: nothing on the page leads anywhere else.',
    fix: 'Link to related pages, the parent category and the homepage.',
    run: (page): Issue[] => (isIndexable(page) && !page.links.some((l) => l.url !== null && !sameUrl(l.url, page.finalUrl)) ? [{ message: 'The page has no links to other pages' }] : []),
  },
  {
    id: 'internal-nofollow',
    scope: 'page',
    category: 'links',
    severity: 'medium',
    title: 'Internal links marked nofollow',
    why: 'rel="nofollow" on your own links wastes link equity and can keep important pages from being crawled.',
    fix: 'Remove rel="nofollow" from internal links; use noindex on the target if it shouldn’t rank.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const urls = [...new Set(page.links.filter((l) => l.internal && l.url && l.rel.includes('nofollow')).map((l) => l.url as string))];
      return urls.length ? [{ message: `${plural(urls.length, 'internal link uses', 'internal links use')} rel="nofollow": ${formatList(urls)}`, details: { urls: capDetails(urls) } }] : [];
    },
  },
  {
    id: 'external-links-followed',
    scope: 'page',
    category: 'links',
    severity: 'info',
    title: 'External links pass link equity',
    why: 'Editorial links are fine followed, but paid, affiliate and user-generated links must be marked rel="sponsored" or "ugc" to comply with Google’s guidelines.',
    fix: 'Review external links; add rel="sponsored" to paid/affiliate links and rel="ugc" to user content.',
    run: (page): Issue[] => {
      if (!isIndexable(page)) return [];
      const hosts = [...new Set(page.links.filter((l) => !l.internal && l.url && !l.rel.some((r) => r === 'nofollow' || r === 'sponsored' || r === 'ugc')).map((l) => hostOf(l.url as string) ?? ''))].filter(Boolean);
      return hosts.length ? [{ message: `Followed links to ${plural(hosts.length, 'external site')}: ${formatList(hosts)}` }] : [];
    },
  },
  {
    id: 'internal-http-links',
    scope: 'page',
    category: 'links',
    severity: 'medium',
    title: 'Internal links use http://',
    why: 'Linking to the http:// version of your own HTTPS site forces a redirect on every click and crawl and may be flagged as insecure.',
    fix: 'Change internal links to https:// (or root-relative /paths).',
    run: (page): Issue[] => {
      if (!isAnalyzable(page) || !page.finalUrl.startsWith('https:')) return [];
      const urls = [...new Set(page.links.filter((l) => l.internal && l.url?.startsWith('http:')).map((l) => l.url as string))];
      return urls.length ? [{ message: `${plural(urls.length, 'internal link uses', 'internal links use')} http://: ${formatList(urls)}`, details: { urls: capDetails(urls) } }] : [];
    },
  },
  {
    id: 'external-http-links',
    scope: 'page',
    category: 'links',
    severity: 'low',
    title: 'External links use http://',
    why: 'Sending visitors to insecure pages triggers browser warnings; most sites now support HTTPS.',
    fix: 'Switch the links to https:// where the target supports it.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page) || !page.finalUrl.startsWith('https:')) return [];
      const urls = [...new Set(page.links.filter((l) => !l.internal && l.url?.startsWith('http:')).map((l) => l.url as string))];
      return urls.length ? [{ message: `${plural(urls.length, 'external link uses', 'external links use')} http://: ${formatList(urls)}`, details: { urls: capDetails(urls) } }] : [];
    },
  },
  {
    id: 'local-or-staging-links',
    scope: 'page',
    category: 'links',
    severity: 'medium',
    title: 'Links to localhost, private or staging hosts',
    why: 'Links to development or preview environments are broken for visitors and can get staging copies crawled as duplicates.',
    fix: 'Replace the links with production URLs (search the CMS database for the staging hostname).',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const pageHost = hostOf(page.finalUrl) ?? '';
      const bad = new Set<string>();
      for (const l of page.links) {
        const href = compactHref(l);
        if (/^file:/i.test(href)) {
          bad.add(href);
          continue;
        }
        const host = l.url ? hostOf(l.url) : null;
        if (!host || host === pageHost) continue;
        if (LOCAL_HOST.test(host) || STAGING_HOST.test(host) || isPreviewOfSite(host, pageHost)) bad.add(l.url as string);
      }
      return bad.size ? [{ message: `${plural(bad.size, 'link points', 'links point')} to local or staging hosts: ${formatList([...bad])}` }] : [];
    },
  },
  {
    id: 'malformed-hrefs',
    scope: 'page',
    category: 'links',
    severity: 'low',
    title: 'Malformed link URLs',
    why: 'Typos like "http//", "https:/" or a missing scheme ("www.example.com") turn links into broken relative URLs on your own site.',
    fix: 'Correct the href (full https:// URL for external links).',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const bad: string[] = [];
      for (const l of page.links) {
        const raw = (l.href ?? '').trim();
        if (!raw) continue;
        if (/^https?\/\//i.test(raw) || /^https?:\/(?!\/)/i.test(raw) || /^https?:\/\/https?:?\/\//i.test(raw) || /^(?:htps?|htp|hhttps?|http;|https;):/i.test(raw) || /^www\.[^/\s]+\.[a-z]{2,}/i.test(raw) || /^https?:\/\/\/+/i.test(raw)) {
          bad.push(raw);
        } else if (/^https?:/i.test(raw) && !parseUrl(raw)) {
          bad.push(raw);
        }
      }
      return bad.length ? [{ message: `${plural(bad.length, 'malformed href')}: ${formatList(bad)}` }] : [];
    },
  },
  {
    id: 'invalid-tel-mailto',
    scope: 'page',
    category: 'links',
    severity: 'low',
    title: 'Invalid tel: or mailto: links',
    why: 'A broken click-to-call or email link loses the lead at the moment of highest intent.',
    fix: 'Use tel:+<country code><number> (digits only) and mailto:name@domain.tld.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const bad: string[] = [];
      for (const l of page.links) {
        const raw = (l.href ?? '').trim();
        if (/^mailto:/i.test(raw)) {
          const addresses = decodeSafe(raw.slice(7).split('?')[0] ?? '').split(',').map((a) => a.trim());
          // mailto:?subject=… (address chosen by the user) is valid
          if (addresses.join('') !== '' && !addresses.every((a) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a))) bad.push(raw);
        } else if (/^tel:/i.test(raw)) {
          const num = decodeSafe(raw.slice(4));
          const digits = num.replace(/\D/g, '');
          if (/[a-z]/i.test(num.replace(/;?(?:ext|phone-context|isub)=.*$/i, '')) || digits.length < 3 || digits.length > 15) bad.push(raw);
        }
      }
      return bad.length ? [{ message: `${plural(bad.length, 'invalid link')}: ${formatList(bad)}` }] : [];
    },
  },
  {
    id: 'pagination-links-invalid',
    scope: 'page',
    category: 'links',
    severity: 'low',
    title: 'Invalid rel=prev/next pagination links',
    why: 'rel="prev"/"next" that point to the page itself, another site or an invalid URL mislead crawlers through the series (Bing still uses them).',
    fix: 'Point rel="prev"/"next" to the previous/next page of the same series with absolute URLs.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const issues: Issue[] = [];
      for (const [rel, url] of [['prev', page.prevNext.prev], ['next', page.prevNext.next]] as const) {
        if (!url) continue;
        const parsed = parseUrl(url);
        if (!parsed || !/^https?:$/.test(parsed.protocol)) issues.push({ message: `rel="${rel}" href "${url}" is not a valid URL` });
        else if (sameUrl(url, page.finalUrl)) issues.push({ message: `rel="${rel}" points to the page itself (${url})` });
        else if (hostOf(url) !== hostOf(page.finalUrl)) issues.push({ message: `rel="${rel}" points to another host: ${url}` });
      }
      return issues;
    },
  },
  {
    id: 'broken-fragment-links',
    scope: 'page',
    category: 'links',
    severity: 'low',
    title: 'In-page links to missing anchors',
    why: 'A #fragment link whose target id doesn’t exist does nothing when clicked (jump links, tables of contents).',
    fix: 'Add the matching id to the target heading/section, or fix the href.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const targets = new Set(page.fragmentTargets ?? []);
      const missing = new Set<string>();
      for (const l of page.links) {
        const raw = (l.href ?? '').trim();
        if (!raw.startsWith('#') || raw.length < 2 || raw.startsWith('#!') || raw.startsWith('#/')) continue;
        const id = decodeSafe(raw.slice(1));
        // "#top" scrolls to the top per the HTML spec even without an element.
        // Browsers try the raw fragment first, then its percent-decoded form.
        if (id.toLowerCase() === 'top' || targets.has(raw.slice(1)) || targets.has(id)) continue;
        missing.add(raw);
      }
      return missing.size ? [{ message: `${plural(missing.size, 'in-page link points', 'in-page links point')} to ids that don’t exist: ${formatList([...missing])}` }] : [];
    },
  },
] satisfies PageCheck[];

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
