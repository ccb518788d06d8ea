// What a page says about the business behind the site (phone, postal code, reviews, credentials,
// map, contact form, markup types), in the compact SiteSignals the site checks compare across pages.
// Page text is hostile: every regex here is linear (no nested quantifiers) and reads a capped slice.
import type { Element } from 'domhandler';
import type { PageFacts, SiteSignals } from '@/lib/crawler/page-facts';
import type { Collector } from '@/lib/analysis/extract-dom-walk';
import type { PageContext } from '@/lib/analysis/extract-page-context';
import { resolveUrl } from '@/lib/analysis/extract-urls';

/** Characters of text the signal regexes read: contact details sit near the top or in the footer. */
export const SIGNAL_TEXT_MAX_CHARS = 100_000;
const FOOTER_TEXT_MAX_CHARS = 5_000;
const MAX_ITEMS = 5;
const MAX_TYPES = 20;
const MAX_IFRAMES = 20;
// JSON-LD is walked for postalCode / hasMap / review keys; a bound keeps a hostile graph cheap.
const MAX_JSON_NODES = 2_000;

// International numbers (+CC, country codes never start with 0) and North American ones
// (area code and exchange start with 2–9); no digits or letters directly around them.
const PHONE = /(?<![\w+])(?:\+[1-9]\d{0,2}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}|\([2-9]\d{2}\)\s?[2-9]\d{2}[\s.-]\d{4}|[2-9]\d{2}[.-][2-9]\d{2}[.-]\d{4})(?![\w])/g;

/** Phone-number-looking strings with a plausible digit count (8–15, E.164), as written, at most `max`. */
export function findPhoneNumbers(text: string, max = MAX_ITEMS): string[] {
  const found: string[] = [];
  for (const m of text.slice(0, SIGNAL_TEXT_MAX_CHARS).matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, '').length;
    if (digits >= 8 && digits <= 15) found.push(m[0].trim());
    if (found.length >= max) break;
  }
  return found;
}

/** A phone number as digits only: "+1 (217) 555-0142" → "12175550142". */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' '),
);
// "Springfield, IL 62701" (a state abbreviation right before the ZIP) and UK postcodes ("SW1A 1AA").
const US_ZIP = /\b([A-Z]{2}) {1,2}(\d{5})(?:-\d{4})?\b/g;
// The inward code's letters never include C, I, K, M, O or V; the area must be a real one ("MP3 4GB" is not).
const UK_AREAS = new Set(
  ('AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY ' +
    'L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE').split(' '),
);
const UK_POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?) (\d[ABD-HJLNP-UW-Z]{2})\b/g;

/** Postal codes written the way an address block writes them, normalised ("62701", "SW1A1AA"). */
export function findPostalCodes(text: string, max = MAX_ITEMS): string[] {
  const slice = text.slice(0, SIGNAL_TEXT_MAX_CHARS);
  const found = new Set<string>();
  for (const m of slice.matchAll(US_ZIP)) {
    if (found.size >= max) break;
    if (US_STATES.has(m[1]!)) found.add(m[2]!);
  }
  for (const m of slice.matchAll(UK_POSTCODE)) {
    if (found.size >= max) break;
    if (UK_AREAS.has(/^[A-Z]+/.exec(m[1]!)![0])) found.add(`${m[1]}${m[2]}`);
  }
  return [...found];
}

const TRUST_PATTERNS: readonly [label: string, pattern: RegExp][] = [
  ['award', /\baward(?:s|ed|-winning)?\b|\bwinner of\b/i],
  ['certification', /\bcertified\b|\bcertification\b|\bISO \d{4,5}\b/i],
  ['licence', /\blicen[cs]ed\b|\blicen[cs]e (?:no|number|#)/i],
  ['insurance', /\b(?:fully )?insured\b|\bbonded\b/i],
  ['accreditation', /\baccredited\b|\baccreditation\b|\bBBB\b/i],
  ['years in business', /\b(?:since|established|est\.?|founded in) (?:19|20)\d{2}\b|\b\d{1,3}\+? years (?:of experience|in business|of service)\b/i],
];

/** Credentials the text names (labels of TRUST_PATTERNS). */
export function findTrustMentions(text: string): string[] {
  const slice = text.slice(0, SIGNAL_TEXT_MAX_CHARS);
  return TRUST_PATTERNS.filter(([, pattern]) => pattern.test(slice)).map(([label]) => label);
}

const REVIEW_TYPES = new Set(['Review', 'AggregateRating', 'EmployerAggregateRating', 'Rating']);
const REVIEW_HEADING = /testimonial|\breviews?\b|what (?:our )?(?:clients|customers|patients) say|kundenstimmen|bewertungen|avis (?:de nos )?clients|opiniones|recensioni|referenties/i;
const MAP_URL = /^https?:\/\/(?:(?:www\.|maps\.)?google\.[a-z.]{2,6}\/maps\b|maps\.google\.[a-z.]{2,6}\/|maps\.app\.goo\.gl\/|goo\.gl\/maps\b|(?:www\.)?openstreetmap\.org\/|(?:www\.)?bing\.com\/maps\b|maps\.apple\.com\/|api\.mapbox\.com\/|(?:www\.)?google\.com\/maps\/embed\b)/i;

/** Whether a URL points at a map service (an embed or a directions link). */
export function isMapUrl(url: string): boolean {
  return MAP_URL.test(url.slice(0, 300));
}

type JsonFacts = { postalCodes: string[]; hasMap: boolean; reviews: boolean };

/** postalCode values, hasMap and review/aggregateRating keys anywhere in the JSON-LD, within MAX_JSON_NODES. */
function readJsonLd(blocks: readonly unknown[]): JsonFacts {
  const out: JsonFacts = { postalCodes: [], hasMap: false, reviews: false };
  const stack: unknown[] = [...blocks];
  let visited = 0;
  while (stack.length > 0 && visited < MAX_JSON_NODES) {
    const node = stack.pop();
    visited++;
    if (Array.isArray(node)) {
      stack.push(...node.slice(0, 100));
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, value] of Object.entries(node).slice(0, 100)) {
      if (key === 'postalCode' && typeof value === 'string' && out.postalCodes.length < MAX_ITEMS) {
        const code = value.replace(/\s/g, '').toUpperCase().slice(0, 12);
        if (code && !out.postalCodes.includes(code)) out.postalCodes.push(code);
      } else if (key === 'hasMap' && value) out.hasMap = true;
      else if ((key === 'review' || key === 'aggregateRating') && value) out.reviews = true;
      if (typeof value === 'object' && value !== null) stack.push(value);
    }
  }
  return out;
}

type FormTally = { textarea: boolean; textInputs: number; search: boolean; password: boolean };

const TEXT_INPUTS = new Set(['', 'text', 'email', 'tel']);
const SEARCH_NAMES = new Set(['q', 's', 'query', 'search', 'keyword', 'keywords']);

/** What the walk itself has to find: iframe sources, forms by kind, the markdown alternate, footer text. */
export type SiteSignalParts = {
  iframeSrcs: string[];
  contactForms: number;
  markdownAlternate: string | null;
  footerText: string;
};

export function createSiteSignalCollector(page: PageContext): Collector<SiteSignalParts> {
  const iframeSrcs: string[] = [];
  const forms = new Map<Element, FormTally>();
  let markdownAlternate: string | null = null;
  let footerText = '';
  return {
    tags: ['iframe', 'form', 'input', 'textarea', 'link'],
    element(el, at) {
      const a = el.attribs;
      switch (el.name) {
        case 'iframe': {
          const src = a['src']?.trim();
          const url = src ? resolveUrl(src, page.baseUrl) : null;
          if (url && iframeSrcs.length < MAX_IFRAMES) iframeSrcs.push(url);
          break;
        }
        case 'form': {
          const action = (a['action'] ?? '').toLowerCase();
          forms.set(el, { textarea: false, textInputs: 0, search: a['role'] === 'search' || /search/.test(action), password: false });
          break;
        }
        case 'input': {
          const form = at.form && forms.get(at.form);
          if (!form) break;
          const type = (a['type'] ?? '').trim().toLowerCase();
          if (type === 'password') form.password = true;
          else if (type === 'search' || SEARCH_NAMES.has((a['name'] ?? '').toLowerCase())) form.search = true;
          else if (TEXT_INPUTS.has(type)) form.textInputs++;
          break;
        }
        case 'textarea': {
          const form = at.form && forms.get(at.form);
          if (form) form.textarea = true;
          break;
        }
        case 'link': {
          const rels = (a['rel'] ?? '').toLowerCase().split(/\s+/);
          const type = (a['type'] ?? '').trim().toLowerCase();
          const href = a['href']?.trim();
          if (markdownAlternate === null && href && rels.includes('alternate') && (type === 'text/markdown' || type === 'text/x-markdown')) {
            markdownAlternate = resolveUrl(href, page.baseUrl);
          }
          break;
        }
        default:
          break;
      }
    },
    text(data, at) {
      if (at.landmark === 'footer' && !at.hidden && footerText.length < FOOTER_TEXT_MAX_CHARS) footerText += ` ${data}`;
    },
    finish() {
      // A message box, or a form asking for several details (name, email, phone); a lone email field is a newsletter.
      const contactForms = [...forms.values()].filter((f) => !f.search && !f.password && (f.textarea || f.textInputs >= 3)).length;
      return { iframeSrcs, contactForms, markdownAlternate, footerText: footerText.slice(0, FOOTER_TEXT_MAX_CHARS) };
    },
  };
}

type SignalInputs = Pick<PageFacts, 'structuredData' | 'text' | 'links' | 'headings' | 'favicon'> & Pick<PageFacts, 'proseText'>;

/** The page's SiteSignals from its facts and what the collector found. */
export function deriveSiteSignals(facts: SignalInputs, parts: SiteSignalParts): SiteSignals {
  const text = facts.proseText ?? facts.text;
  const types = new Set<string>();
  for (const item of facts.structuredData) {
    for (const type of item.types) if (types.size < MAX_TYPES && type) types.add(type.slice(0, 60));
  }
  const json = readJsonLd(facts.structuredData.filter((item) => item.format === 'json-ld' && item.data !== null).map((item) => item.data));

  const telLinks = facts.links.filter((l) => (l.href ?? '').trim().toLowerCase().startsWith('tel:'));
  const phones = new Set<string>();
  for (const phone of [...findPhoneNumbers(text), ...telLinks.map((l) => (l.href ?? '').trim().slice(4, 40))]) {
    const digits = phoneDigits(phone);
    if (digits.length >= 8 && digits.length <= 15 && phones.size < MAX_ITEMS) phones.add(digits);
  }
  const postalCodes = new Set(findPostalCodes(text));
  for (const code of json.postalCodes) if (postalCodes.size < MAX_ITEMS) postalCodes.add(code);

  const footerNap =
    findPhoneNumbers(parts.footerText, 1).length > 0 || findPostalCodes(parts.footerText, 1).length > 0 || telLinks.some((l) => l.position === 'footer');

  return {
    schemaTypes: [...types],
    phones: [...phones],
    postalCodes: [...postalCodes],
    napInFooter: footerNap,
    reviews: json.reviews || [...types].some((t) => REVIEW_TYPES.has(t)) || facts.headings.some((h) => h.level <= 4 && REVIEW_HEADING.test(h.text.slice(0, 200))),
    trust: findTrustMentions(text),
    map: json.hasMap || parts.iframeSrcs.some(isMapUrl) || facts.links.some((l) => l.url !== null && isMapUrl(l.url)),
    contactForms: parts.contactForms,
    icon: facts.favicon !== null,
    markdownAlternate: parts.markdownAlternate,
  };
}
