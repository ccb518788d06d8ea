// Local SEO and E-E-A-T heuristics: click-to-call, authorship, NAP in LocalBusiness markup,
// localised titles, trust/legal links and citations. Conservative by design: each check only fires
// when the page itself shows the context (a phone number, an article, LocalBusiness markup).
import type { PageFacts } from '@/lib/crawler/page-facts';
import { findPhoneNumbers } from '@/lib/analysis/extract-site-signals';
import { normalizeText } from '@/lib/analysis/text-utils';
import { isAnalyzable, isIndexable, parseUrl, plural, proseOf } from '@/lib/checks/page-check-helpers';
import { ARTICLE_TYPES, collectSchemaNodes, hasProp, hasType, isArticlePage, readString, type SchemaNode } from '@/lib/checks/schema-nodes';
import { PAGE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, PageCheck } from '@/lib/checks/types';

/** First phone-number-looking string with a plausible digit count (8–15, E.164). */
export function findPhoneNumber(text: string): string | null {
  return findPhoneNumbers(text, 1)[0] ?? null;
}

const CONTACT = /contact|kontakt|contacto|contatti|contato|impressum|get-in-touch|reach-us/i;
const CONTACT_TEXT = /\b(?:contact|get in touch|kontakt|contacto|contatti|nous contacter|contactez)/i;
const PRIVACY = /privacy|datenschutz|privacidad|confidentialit|privacit|gdpr|dsgvo|cookie-policy/i;
export const LOCAL_BUSINESS = ['LocalBusiness', 'Restaurant', 'Store', 'Dentist', 'Physician', 'MedicalClinic', 'Hotel', 'Attorney', 'LegalService', 'RealEstateAgent', 'AutoRepair', 'AutoDealer', 'Plumber', 'Electrician', 'RoofingContractor', 'HVACBusiness', 'GeneralContractor', 'HousePainter', 'Locksmith', 'MovingCompany', 'HomeAndConstructionBusiness', 'FoodEstablishment', 'CafeOrCoffeeShop', 'Bakery', 'BarOrPub', 'BeautySalon', 'HairSalon', 'DaySpa', 'MedicalBusiness', 'Pharmacy', 'ExerciseGym', 'ProfessionalService'];
const ORGANIZATIONS = ['Organization', 'Corporation', 'NGO', 'OnlineStore', 'OnlineBusiness', ...LOCAL_BUSINESS];

function localBusinessNodes(page: PageFacts): SchemaNode[] {
  return collectSchemaNodes(page).filter((n) => !n.nested && hasType(n, LOCAL_BUSINESS));
}

function hrefOf(page: PageFacts, pattern: RegExp, textPattern?: RegExp): boolean {
  return page.links.some((l) => (l.url && pattern.test(parseUrl(l.url)?.pathname ?? '')) || (textPattern ?? pattern).test(l.text));
}

export const localEeatChecks = [
  {
    id: 'phone-not-clickable',
    scope: 'page',
    category: 'local-eeat',
    severity: 'medium',
    title: 'Phone number is not click-to-call',
    why: 'Most local searches happen on phones; a number that isn’t a tel: link costs calls.',
    fix: 'Wrap the number in <a href="tel:+12175550142">…</a> (international format, digits only).',
    run: (page): Issue[] => {
      if (!isIndexable(page) || page.links.some((l) => (l.href ?? '').trim().toLowerCase().startsWith('tel:'))) return [];
      const phone = findPhoneNumber(proseOf(page));
      return phone ? [{ message: `The page shows the phone number "${phone}" but has no tel: link` }] : [];
    },
  },
  {
    id: 'author-missing',
    scope: 'page',
    category: 'local-eeat',
    severity: 'low',
    title: 'Article has no author',
    why: 'Named, credible authors are a core E-E-A-T signal; Google recommends author in Article markup and a visible byline.',
    fix: 'Show a byline linking to an author page and add "author": {"@type": "Person", "name": …, "url": …} to the Article markup.',
    run: (page): Issue[] => {
      if (!isIndexable(page)) return [];
      const nodes = collectSchemaNodes(page);
      if (!isArticlePage(page, nodes)) return [];
      const schemaAuthor = nodes.some((n) => hasType(n, ARTICLE_TYPES) && hasProp(n.node, 'author'));
      if (schemaAuthor || page.metaAuthor || (page.authorSignals ?? []).length > 0 || page.openGraph['article:author']) return [];
      return [{ message: 'Article page has no author in markup, meta tags or a byline' }];
    },
  },
  {
    id: 'local-business-nap-incomplete',
    scope: 'page',
    category: 'local-eeat',
    severity: 'low',
    title: 'LocalBusiness markup lacks phone or opening hours',
    why: 'Consistent name, address, phone and hours in markup help Google match the site to its Business Profile and show hours in results.',
    fix: 'Add telephone and openingHoursSpecification to the LocalBusiness markup, matching the Business Profile exactly.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      return localBusinessNodes(page).flatMap((n) => {
        const missing = [!hasProp(n.node, 'telephone') && 'telephone', !hasProp(n.node, 'openingHoursSpecification') && !hasProp(n.node, 'openingHours') && 'opening hours'].filter((x): x is string => !!x);
        const name = readString(n.node['name']);
        return missing.length ? [{ message: `${n.types.join('/')}${name ? ` "${name}"` : ''} markup has no ${missing.join(' or ')}` }] : [];
      });
    },
  },
  {
    id: 'local-city-missing-from-title',
    scope: 'page',
    category: 'local-eeat',
    severity: 'low',
    title: 'Homepage title and H1 don’t name the business’s city',
    why: 'For local businesses the city in the homepage title/H1 is one of the strongest local relevance signals.',
    fix: 'Mention the primary city in the homepage title and H1 (e.g. "Roof Repair in Springfield, IL | Acme").',
    run: (page): Issue[] => {
      if (!isIndexable(page) || (parseUrl(page.finalUrl)?.pathname ?? '/') !== '/') return [];
      for (const n of localBusinessNodes(page)) {
        const address = Array.isArray(n.node['address']) ? n.node['address'][0] : n.node['address'];
        const city = address && typeof address === 'object' ? readString((address as Record<string, unknown>)['addressLocality']) : null;
        if (!city) continue;
        const hay = normalizeText(`${page.title ?? ''} ${page.h1s.join(' ')}`);
        if (!hay.includes(normalizeText(city))) return [{ message: `The business is in ${city} but neither the title nor the H1 mentions it` }];
      }
      return [];
    },
  },
  {
    id: 'contact-link-missing',
    scope: 'page',
    category: 'local-eeat',
    severity: 'info',
    title: 'No link to a contact page',
    why: 'An easy-to-find contact page is a basic trust signal for users and quality raters.',
    fix: 'Link to the contact page from the header or footer of every page.',
    run: (page): Issue[] => {
      if (!isIndexable(page) || CONTACT.test(parseUrl(page.finalUrl)?.pathname ?? '')) return [];
      return hrefOf(page, CONTACT, CONTACT_TEXT) || page.links.some((l) => /^(?:mailto|tel):/i.test((l.href ?? '').trim())) ? [] : [{ message: `None of the page’s ${plural(page.links.length, 'link')} leads to a contact page` }];
    },
  },
  {
    id: 'privacy-link-missing',
    scope: 'page',
    category: 'local-eeat',
    severity: 'low',
    title: 'Form without a privacy policy link',
    why: 'Collecting personal data without linking the privacy policy hurts trust and can breach GDPR/CCPA.',
    fix: 'Link to the privacy policy near the form and in the footer.',
    run: (page): Issue[] => {
      const posts = page.forms.filter((f) => f.method === 'post');
      if (!isAnalyzable(page) || posts.length === 0 || hrefOf(page, PRIVACY)) return [];
      return [{ message: `The page has ${plural(posts.length, 'form that submits', 'forms that submit')} data but no link to a privacy policy` }];
    },
  },
  {
    id: 'no-outbound-citations',
    scope: 'page',
    category: 'local-eeat',
    severity: 'info',
    title: 'Long article cites no external sources',
    why: 'Linking to authoritative sources supports claims and signals expertise (E-E-A-T).',
    fix: 'Cite and link to primary sources, studies or official documentation where you make factual claims.',
    run: (page): Issue[] => {
      if (!isIndexable(page) || page.wordCount < PAGE_THRESHOLDS.citationMinWords || !isArticlePage(page)) return [];
      const external = page.links.filter((l) => !l.internal && l.url && l.position === 'content');
      return external.length === 0 ? [{ message: `${page.wordCount}-word article has no external links in its content` }] : [];
    },
  },
  {
    id: 'organization-sameas-missing',
    scope: 'page',
    category: 'local-eeat',
    severity: 'info',
    title: 'Organization markup has no sameAs profiles',
    why: 'sameAs links to official profiles (Google Business Profile, LinkedIn, Facebook, Wikipedia) help search engines confirm the entity.',
    fix: 'Add "sameAs": [profile URLs] to the Organization/LocalBusiness markup.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const orgs = collectSchemaNodes(page).filter((n) => !n.nested && hasType(n, ORGANIZATIONS) && !Object.keys(n.node).every((k) => k === '@id' || k === '@type'));
      const bad = orgs.filter((n) => !hasProp(n.node, 'sameAs'));
      return bad.length ? bad.map((n) => ({ message: `${n.types.join('/')}${readString(n.node['name']) ? ` "${readString(n.node['name'])}"` : ''} has no sameAs links` })) : [];
    },
  },
] satisfies PageCheck[];
