// Structured data: presence, JSON-LD validity, @context, misspelled types, deprecated vocabularies,
// ISO dates, and Google rich-result required/recommended properties per type.
import type { PageFacts } from '@/lib/crawler/page-facts';
import { isAnalyzable, isIndexable, plural } from '@/lib/checks/page-check-helpers';
import { ARTICLE_TYPES, collectSchemaNodes, hasProp, hasType, readString, type SchemaNode } from '@/lib/checks/schema-nodes';
import type { Issue, PageCheck } from '@/lib/checks/types';

/** schema.org types we know exist; used only to spot near-miss spellings, never to reject unknown types. */
const KNOWN_TYPES = [
  'Thing', 'CreativeWork', 'Organization', 'Corporation', 'NGO', 'EducationalOrganization', 'GovernmentOrganization', 'NewsMediaOrganization',
  'OnlineStore', 'OnlineBusiness', 'LocalBusiness', 'Person', 'Product', 'ProductGroup', 'ProductModel', 'Offer', 'AggregateOffer', 'Demand',
  'Article', 'NewsArticle', 'BlogPosting', 'Blog', 'TechArticle', 'ScholarlyArticle', 'Report', 'LiveBlogPosting', 'SocialMediaPosting',
  'WebPage', 'WebSite', 'WebPageElement', 'AboutPage', 'ContactPage', 'CollectionPage', 'ProfilePage', 'SearchResultsPage', 'ItemPage',
  'CheckoutPage', 'FAQPage', 'QAPage', 'MedicalWebPage', 'RealEstateListing', 'BreadcrumbList', 'ItemList', 'ListItem', 'Question', 'Answer',
  'Event', 'BusinessEvent', 'MusicEvent', 'SportsEvent', 'EducationEvent', 'Festival', 'TheaterEvent', 'Place', 'PostalAddress',
  'GeoCoordinates', 'GeoShape', 'Recipe', 'HowTo', 'HowToStep', 'HowToSection', 'HowToSupply', 'HowToTool', 'NutritionInformation',
  'Review', 'Rating', 'AggregateRating', 'EmployerAggregateRating', 'ClaimReview', 'CriticReview', 'VideoObject', 'ImageObject',
  'AudioObject', 'MediaObject', 'Clip', 'JobPosting', 'Occupation', 'MonetaryAmount', 'MonetaryAmountDistribution', 'PriceSpecification',
  'UnitPriceSpecification', 'CompoundPriceSpecification', 'QuantitativeValue', 'PropertyValue', 'SoftwareApplication', 'MobileApplication',
  'WebApplication', 'VideoGame', 'Service', 'FinancialService', 'ProfessionalService', 'Brand', 'SearchAction', 'EntryPoint', 'ContactPoint',
  'OpeningHoursSpecification', 'DayOfWeek', 'Restaurant', 'Store', 'Course', 'CourseInstance', 'Book', 'Movie', 'MusicRecording',
  'MusicAlbum', 'MusicGroup', 'Dataset', 'DataDownload', 'SiteNavigationElement', 'WPHeader', 'WPFooter', 'WPSideBar', 'Country', 'City',
  'State', 'AdministrativeArea', 'Duration', 'Audience', 'SpeakableSpecification', 'ReadAction', 'Action', 'BuyAction', 'OrderAction',
  'ViewAction', 'Dentist', 'Physician', 'MedicalClinic', 'Hospital', 'Hotel', 'Hostel', 'Motel', 'LodgingBusiness', 'Attorney',
  'LegalService', 'RealEstateAgent', 'AutoRepair', 'AutoDealer', 'Plumber', 'Electrician', 'RoofingContractor', 'HVACBusiness',
  'GeneralContractor', 'HousePainter', 'Locksmith', 'MovingCompany', 'HomeAndConstructionBusiness', 'AutomotiveBusiness',
  'FoodEstablishment', 'CafeOrCoffeeShop', 'Bakery', 'BarOrPub', 'HealthAndBeautyBusiness', 'BeautySalon', 'HairSalon', 'DaySpa',
  'MedicalBusiness', 'Pharmacy', 'Optician', 'SportsActivityLocation', 'ExerciseGym', 'Library', 'School', 'CollegeOrUniversity',
  'TouristAttraction', 'Museum', 'Park', 'Accommodation', 'Apartment', 'House', 'Vehicle', 'Car', 'Game', 'Map', 'Menu', 'MenuItem',
  'MenuSection', 'Trip', 'Flight', 'Reservation', 'Invoice', 'Order', 'ParcelDelivery', 'Legislation', 'DefinedTerm', 'DefinedTermSet',
  'ComicStory', 'Podcast', 'PodcastEpisode', 'PodcastSeries', 'TVSeries', 'TVEpisode', 'CreativeWorkSeries', 'Quiz', 'Guide',
  'EmailMessage', 'Comment', 'DiscussionForumPosting', 'Certification', 'MerchantReturnPolicy', 'OfferShippingDetails', 'ShippingDeliveryTime',
  'DefinedRegion', 'MemberProgram', 'MemberProgramTier', 'PeopleAudience', 'SizeSpecification', 'ItemAvailability', 'OfferItemCondition',
];
const KNOWN_LOWER = new Map(KNOWN_TYPES.map((t) => [t.toLowerCase(), t]));
const KNOWN_SET = new Set(KNOWN_TYPES);
const MISSPELLINGS: Record<string, string> = { organisation: 'Organization', localbuisness: 'LocalBusiness', localbussiness: 'LocalBusiness', faq: 'FAQPage', breadcrumb: 'BreadcrumbList', breadcrumbs: 'BreadcrumbList', aggregaterating: 'AggregateRating', blogpost: 'BlogPosting' };

const LOCAL_BUSINESS_TYPES = ['LocalBusiness', 'Restaurant', 'Store', 'Dentist', 'Physician', 'MedicalClinic', 'Hotel', 'Motel', 'Hostel', 'LodgingBusiness', 'Attorney', 'LegalService', 'RealEstateAgent', 'AutoRepair', 'AutoDealer', 'Plumber', 'Electrician', 'RoofingContractor', 'HVACBusiness', 'GeneralContractor', 'HousePainter', 'Locksmith', 'MovingCompany', 'HomeAndConstructionBusiness', 'AutomotiveBusiness', 'FoodEstablishment', 'CafeOrCoffeeShop', 'Bakery', 'BarOrPub', 'HealthAndBeautyBusiness', 'BeautySalon', 'HairSalon', 'DaySpa', 'MedicalBusiness', 'Pharmacy', 'Optician', 'ExerciseGym', 'ProfessionalService', 'FinancialService'];
const ORGANIZATION_TYPES = ['Organization', 'Corporation', 'NGO', 'EducationalOrganization', 'GovernmentOrganization', 'NewsMediaOrganization', 'OnlineStore', 'OnlineBusiness'];
/** Types that name who runs a site; any node with a logo or address also counts (LocalBusiness has hundreds of subtypes). */
const SITE_ENTITY_TYPES = [...ORGANIZATION_TYPES, ...LOCAL_BUSINESS_TYPES, 'WebSite', 'Person', 'MedicalOrganization', 'SportsOrganization', 'PerformingGroup', 'MusicGroup', 'Airline', 'Hospital', 'School', 'CollegeOrUniversity', 'ResearchOrganization', 'Project'];
const EVENT_TYPES = ['Event', 'BusinessEvent', 'MusicEvent', 'SportsEvent', 'EducationEvent', 'Festival', 'TheaterEvent', 'ComedyEvent', 'DanceEvent', 'ExhibitionEvent', 'FoodEvent', 'LiteraryEvent', 'SaleEvent', 'ScreeningEvent', 'SocialEvent', 'ChildrensEvent', 'CourseInstance'];
const DATE_PROPS = ['datePublished', 'dateModified', 'dateCreated', 'uploadDate', 'startDate', 'endDate', 'datePosted', 'validThrough', 'validFrom', 'priceValidUntil', 'expires', 'birthDate', 'foundingDate'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$|^\d{4}(?:-\d{2})?$/;

function levenshtein(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number;
      prev[j] = Math.min((prev[j] as number) + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length] as number;
}

/** "Did you mean" for a type that is almost a schema.org type; null when it's fine or unknown. */
export function suggestSchemaType(type: string): string | null {
  if (KNOWN_SET.has(type)) return null;
  const lower = type.toLowerCase();
  const exactCase = KNOWN_LOWER.get(lower);
  if (exactCase) return exactCase; // wrong capitalisation: schema.org types are case-sensitive
  if (MISSPELLINGS[lower]) return MISSPELLINGS[lower] ?? null;
  if (lower.endsWith('s') && KNOWN_LOWER.has(lower.slice(0, -1))) return KNOWN_LOWER.get(lower.slice(0, -1)) ?? null;
  // Only long names: short real types sit one letter apart (Hotel/Hostel).
  if (type.length >= 10) {
    for (const known of KNOWN_TYPES) if (known.length >= 10 && levenshtein(lower, known.toLowerCase()) === 1) return known;
  }
  return null;
}

function label(n: SchemaNode): string {
  return n.types.join('/');
}

function missingProps(node: Record<string, unknown>, props: readonly string[]): string[] {
  return props.filter((p) => !hasProp(node, p));
}

function asNodes(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is Record<string, unknown> => !!v && typeof v === 'object');
}

type Requirement = { types: readonly string[]; check: (n: SchemaNode) => string[] };

/** Builds a per-type check: one issue per node listing what's missing. */
function makeTypeCheck(id: string, severity: 'medium' | 'low', title: string, why: string, fix: string, req: Requirement): PageCheck {
  return {
    id,
    scope: 'page',
    category: 'structured-data',
    severity,
    title,
    why,
    fix,
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const issues: Issue[] = [];
      for (const n of collectSchemaNodes(page)) {
        // {"@id": "#org"} is a reference to a node described elsewhere.
        if (!hasType(n, req.types) || Object.keys(n.node).every((k) => k === '@id' || k === '@type')) continue;
        const missing = req.check(n);
        if (missing.length) {
          const name = readString(n.node['name'] ?? n.node['headline'] ?? n.node['title']);
          issues.push({ message: `${label(n)}${name ? ` "${name.slice(0, 60)}"` : ''} is missing ${missing.join(', ')}`, details: { type: n.types, missing } });
        }
      }
      return issues;
    },
  };
}

function collectDateProblems(page: PageFacts): string[] {
  const out: string[] = [];
  for (const n of collectSchemaNodes(page)) {
    for (const prop of DATE_PROPS) {
      for (const v of Array.isArray(n.node[prop]) ? (n.node[prop] as unknown[]) : [n.node[prop]]) {
        if (typeof v === 'string' && v.trim() !== '' && !ISO_DATE.test(v.trim())) out.push(`${prop} "${v}" on ${label(n)}`);
      }
    }
  }
  return out;
}

/** Every string in a JSON value, space-separated (a loop, not recursion: the data is a stranger's). */
/** The site root (after redirects): "/" with no query. */
function isHomepage(page: PageFacts): boolean {
  try {
    const url = new URL(page.finalUrl || page.url);
    return url.pathname === '/' && url.search === '';
  } catch {
    return false;
  }
}

function readContext(value: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') stack.push(...Object.values(v as Record<string, unknown>));
  }
  return out.join(' ');
}

const typeChecks: PageCheck[] = [
  makeTypeCheck('schema-product-incomplete', 'medium', 'Product markup is missing required properties',
    'Google needs a name plus offers, review or aggregateRating to show product rich results (price, stars, availability).',
    'Add name and at least one of offers (with price and priceCurrency), review or aggregateRating.',
    {
      types: ['Product', 'ProductGroup'],
      check: (n) => {
        const missing = missingProps(n.node, ['name']);
        if (!['offers', 'review', 'aggregateRating'].some((p) => hasProp(n.node, p))) missing.push('one of offers/review/aggregateRating');
        for (const offer of asNodes(n.node['offers'])) {
          const types = typesOfNode(offer);
          if (types.includes('AggregateOffer')) {
            if (!hasProp(offer, 'lowPrice')) missing.push('offers.lowPrice');
          } else if (!hasProp(offer, 'price') && !hasProp(offer, 'priceSpecification')) missing.push('offers.price');
        }
        return missing;
      },
    }),
  makeTypeCheck('schema-article-incomplete', 'low', 'Article markup lacks recommended properties',
    'Google uses headline, image, datePublished and author to show article results and top-stories cards.',
    'Add headline, image, datePublished and author (with name) to the Article markup.',
    { types: ARTICLE_TYPES, check: (n) => missingProps(n.node, ['image', 'datePublished', 'author']).concat(hasProp(n.node, 'headline') || hasProp(n.node, 'name') ? [] : ['headline']) }),
  makeTypeCheck('schema-faq-incomplete', 'medium', 'FAQPage markup is incomplete',
    'Every FAQ entry needs a Question with name and an acceptedAnswer with text, or the markup is invalid.',
    'Give each mainEntity Question a name and an acceptedAnswer { "@type": "Answer", "text": … }.',
    {
      types: ['FAQPage'],
      check: (n) => {
        const questions = asNodes(n.node['mainEntity']);
        if (questions.length === 0) return ['mainEntity (questions)'];
        const bad = questions.filter((q) => !hasProp(q, 'name') || !asNodes(q['acceptedAnswer']).some((a) => hasProp(a, 'text')));
        return bad.length ? [`name/acceptedAnswer.text on ${plural(bad.length, 'question')}`] : [];
      },
    }),
  makeTypeCheck('schema-breadcrumb-incomplete', 'medium', 'BreadcrumbList markup is incomplete',
    'Breadcrumb rich results need ordered ListItems with position, name and item (the URL; optional only for the last crumb).',
    'Give each ListItem a position (1, 2, …), name and item URL.',
    {
      types: ['BreadcrumbList'],
      check: (n) => {
        const items = asNodes(n.node['itemListElement']);
        if (items.length === 0) return ['itemListElement'];
        const problems: string[] = [];
        items.forEach((it, i) => {
          const itemNode = asNodes(it['item'])[0];
          const hasName = hasProp(it, 'name') || (itemNode ? hasProp(itemNode, 'name') : false);
          const missing = [!hasProp(it, 'position') && 'position', !hasName && 'name', i < items.length - 1 && !hasProp(it, 'item') && 'item'].filter(Boolean);
          if (missing.length) problems.push(`${missing.join('/')} on item ${i + 1}`);
        });
        return problems;
      },
    }),
  makeTypeCheck('schema-event-incomplete', 'medium', 'Event markup is missing required properties',
    'Event rich results require name, startDate and location.',
    'Add name, startDate (ISO 8601 with time zone) and location (Place with address, or VirtualLocation).',
    { types: EVENT_TYPES, check: (n) => missingProps(n.node, ['name', 'startDate', 'location']) }),
  makeTypeCheck('schema-recipe-incomplete', 'medium', 'Recipe markup is missing required properties',
    'Recipe rich results require name and image.',
    'Add name and image (plus recommended recipeIngredient, recipeInstructions, totalTime).',
    { types: ['Recipe'], check: (n) => missingProps(n.node, ['name', 'image']) }),
  makeTypeCheck('schema-job-posting-incomplete', 'medium', 'JobPosting markup is missing required properties',
    'Google for Jobs requires title, description, datePosted, hiringOrganization and a jobLocation (or remote-job properties).',
    'Add the missing properties; for remote jobs use jobLocationType "TELECOMMUTE" with applicantLocationRequirements.',
    {
      types: ['JobPosting'],
      check: (n) => {
        const missing = missingProps(n.node, ['title', 'description', 'datePosted', 'hiringOrganization']);
        const remote = /telecommute/i.test(readString(n.node['jobLocationType']) ?? '') && hasProp(n.node, 'applicantLocationRequirements');
        if (!hasProp(n.node, 'jobLocation') && !remote) missing.push('jobLocation');
        return missing;
      },
    }),
  makeTypeCheck('schema-video-incomplete', 'medium', 'VideoObject markup is missing required properties',
    'Video results require name, thumbnailUrl and uploadDate.',
    'Add name, thumbnailUrl and uploadDate (plus description, duration, contentUrl or embedUrl).',
    { types: ['VideoObject'], check: (n) => missingProps(n.node, ['name', 'thumbnailUrl', 'uploadDate']) }),
  makeTypeCheck('schema-review-incomplete', 'medium', 'Review markup is missing required properties',
    'Review snippets need an author and a reviewRating with ratingValue; a standalone review also needs itemReviewed.',
    'Add author (Person/Organization with name), reviewRating.ratingValue and, for standalone reviews, itemReviewed.',
    {
      types: ['Review', 'CriticReview'],
      check: (n) => {
        const missing = missingProps(n.node, ['author']);
        if (!asNodes(n.node['reviewRating']).some((r) => hasProp(r, 'ratingValue'))) missing.push('reviewRating.ratingValue');
        if (!n.nested && !hasProp(n.node, 'itemReviewed')) missing.push('itemReviewed');
        return missing;
      },
    }),
  makeTypeCheck('schema-aggregate-rating-incomplete', 'medium', 'AggregateRating markup is incomplete',
    'Star ratings require ratingValue and ratingCount or reviewCount; a standalone rating also needs itemReviewed.',
    'Add ratingValue and ratingCount (or reviewCount); nest the rating inside the item it rates.',
    {
      types: ['AggregateRating'],
      check: (n) => {
        const missing = missingProps(n.node, ['ratingValue']);
        if (!hasProp(n.node, 'ratingCount') && !hasProp(n.node, 'reviewCount')) missing.push('ratingCount or reviewCount');
        if (!n.nested && !hasProp(n.node, 'itemReviewed')) missing.push('itemReviewed');
        return missing;
      },
    }),
  makeTypeCheck('schema-local-business-incomplete', 'medium', 'LocalBusiness markup is missing required properties',
    'Local business rich results and the knowledge panel need at least the business name and postal address.',
    'Add name and address (PostalAddress with streetAddress, addressLocality, postalCode, addressCountry).',
    { types: LOCAL_BUSINESS_TYPES, check: (n) => missingProps(n.node, ['name', 'address']) }),
  makeTypeCheck('schema-organization-incomplete', 'low', 'Organization markup lacks name, url or logo',
    'Google uses the Organization name, url and logo for the knowledge panel and the logo in results.',
    'Add name, url and logo (an image at least 112×112 px) to the Organization markup.',
    { types: ORGANIZATION_TYPES, check: (n) => (n.nested ? missingProps(n.node, ['name']) : missingProps(n.node, ['name', 'url', 'logo'])) }),
];

function typesOfNode(node: Record<string, unknown>): string[] {
  const t = node['@type'];
  return typeof t === 'string' ? [t] : Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
}

/** Longest question text compared; longer names are cut (bounds the work on hostile markup). */
const MAX_QUESTION_CHARS = 300;
const MAX_QUESTIONS = 100;

/** Lower-case letters and digits separated by single spaces, so markup and punctuation don't matter. */
function normalizeForMatch(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** FAQPage question names that do not occur in the page's visible text. */
function findInvisibleFaqQuestions(page: PageFacts): string[] {
  const questions: string[] = [];
  for (const n of collectSchemaNodes(page)) {
    if (!hasType(n, ['FAQPage'])) continue;
    for (const q of asNodes(n.node['mainEntity'])) {
      const name = readString(q['name']);
      if (name) questions.push(name.slice(0, MAX_QUESTION_CHARS));
      if (questions.length >= MAX_QUESTIONS) break;
    }
  }
  if (questions.length === 0) return [];
  const visible = ` ${normalizeForMatch(page.text)} `;
  return questions.filter((q) => {
    // Tags inside the name (Google allows some HTML) are not visible text; drop them before matching.
    const needle = normalizeForMatch(q.replace(/<[^<>]{0,200}>/g, ' '));
    return needle.length >= 3 && !visible.includes(` ${needle} `);
  });
}

export const structuredDataChecks = [
  {
    id: 'structured-data-missing',
    scope: 'page',
    category: 'structured-data',
    severity: 'low',
    title: 'No structured data',
    why: 'Structured data (schema.org JSON-LD) makes the page eligible for rich results and helps search and AI systems understand the entities on it.',
    fix: 'Add JSON-LD for what the page is about (Organization/LocalBusiness on the homepage, Product, Article, BreadcrumbList…).',
    run: (page): Issue[] => (isIndexable(page) && page.structuredData.length === 0 ? [{ message: 'The page has no JSON-LD, microdata or RDFa' }] : []),
  },
  {
    id: 'jsonld-invalid',
    scope: 'page',
    category: 'structured-data',
    severity: 'high',
    title: 'Invalid JSON-LD',
    why: 'A JSON syntax error makes search engines discard the whole block, so none of its markup counts.',
    fix: 'Fix the JSON (trailing commas, unescaped quotes, missing brackets) and validate it with the Rich Results Test.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const blocks = page.structuredData.filter((s) => s.format === 'json-ld');
      return blocks
        .map((s, i) => ({ s, i }))
        .filter(({ s }) => s.error !== undefined)
        .map(({ s, i }) => ({ message: `JSON-LD block ${i + 1} of ${blocks.length} is not valid JSON: ${s.error}`, details: { sample: (s.raw ?? '').slice(0, 200) } }));
    },
  },
  {
    id: 'jsonld-context-missing',
    scope: 'page',
    category: 'structured-data',
    severity: 'medium',
    title: 'JSON-LD without a schema.org @context',
    why: 'Without "@context": "https://schema.org" the types are not schema.org types and Google ignores them.',
    fix: 'Add "@context": "https://schema.org" to each top-level JSON-LD object.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const issues: Issue[] = [];
      page.structuredData.forEach((s) => {
        if (s.format !== 'json-ld' || s.data === null || typeof s.data !== 'object') return;
        for (const top of asNodes(s.data)) {
          if (!top['@type'] && !top['@graph']) continue;
          const ctx = readContext(top['@context']);
          const types = typesOfNode(top).join('/') || '@graph';
          if (!ctx) issues.push({ message: `JSON-LD ${types} has no @context` });
          else if (!/schema\.org/i.test(ctx)) issues.push({ message: `JSON-LD ${types} has @context "${ctx.slice(0, 60)}" instead of https://schema.org` });
        }
      });
      return issues;
    },
  },
  {
    id: 'schema-type-misspelled',
    scope: 'page',
    category: 'structured-data',
    severity: 'medium',
    title: 'Misspelled schema.org type',
    why: 'schema.org types are case-sensitive and exact: "Organisation" or "Website" aren’t recognised, so the markup is ignored.',
    fix: 'Use the exact schema.org type name.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const seen = new Set<string>();
      const issues: Issue[] = [];
      for (const n of collectSchemaNodes(page)) {
        for (const type of n.types) {
          const suggestion = suggestSchemaType(type);
          if (suggestion && !seen.has(type)) {
            seen.add(type);
            issues.push({ message: `@type "${type}" is not a schema.org type (did you mean "${suggestion}"?)` });
          }
        }
      }
      return issues;
    },
  },
  {
    id: 'schema-deprecated-vocabulary',
    scope: 'page',
    category: 'structured-data',
    severity: 'medium',
    title: 'Uses the retired data-vocabulary.org vocabulary',
    why: 'Google stopped supporting data-vocabulary.org markup in 2020; it no longer produces rich results.',
    fix: 'Replace it with the equivalent schema.org types (e.g. BreadcrumbList).',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const uses = page.structuredData.some((s) => /data-vocabulary\.org/i.test(readContext(s.data)) || /data-vocabulary\.org/i.test(s.raw ?? ''));
      return uses ? [{ message: 'Structured data uses http://data-vocabulary.org/ (unsupported since 2020)' }] : [];
    },
  },
  {
    id: 'schema-faq-not-visible',
    scope: 'page',
    category: 'structured-data',
    severity: 'medium',
    title: 'FAQ markup describes questions not shown on the page',
    why: 'Google’s structured data guidelines require marked-up content to be visible to users; FAQ questions that exist only in the markup break that rule, so the page loses rich-result eligibility and can draw a manual action for spammy markup.',
    fix: 'Show every question (and its answer) from the FAQPage markup in the page itself — collapsed accordions are fine — or remove the questions that are not on the page from the markup.',
    run: (page): Issue[] => {
      // Raw HTML of a client-rendered page, or a cut-off download, does not hold all the visible text.
      if (!isAnalyzable(page) || page.truncated) return [];
      if (page.rendering?.mode === 'raw' && page.rendering.looksClientRendered) return [];
      const missing = findInvisibleFaqQuestions(page);
      if (missing.length === 0) return [];
      const shown = missing.slice(0, 3).map((q) => `"${q.length > 80 ? `${q.slice(0, 79)}…` : q}"`).join(', ');
      const rest = missing.length > 3 ? ` and ${missing.length - 3} more` : '';
      return [{ message: `${plural(missing.length, 'FAQ question')} in the markup ${missing.length === 1 ? 'is' : 'are'} not in the page text: ${shown}${rest}`, details: { questions: missing.slice(0, 20) } }];
    },
  },
  {
    id: 'structured-data-on-noindex',
    scope: 'page',
    category: 'structured-data',
    severity: 'info',
    title: 'Structured data on a noindex page',
    why: 'Markup on a page excluded from the index can’t produce rich results; it may be intentional template markup.',
    fix: 'Nothing to do if the markup is site-wide; otherwise remove noindex from pages meant to earn rich results.',
    run: (page): Issue[] => (isAnalyzable(page) && page.robots.noindex && page.structuredData.length > 0 ? [{ message: `The page is noindex but carries ${plural(page.structuredData.length, 'structured data block')}` }] : []),
  },
  {
    id: 'schema-date-invalid',
    scope: 'page',
    category: 'structured-data',
    severity: 'low',
    title: 'Dates in structured data are not ISO 8601',
    why: 'Google only understands ISO 8601 dates (2024-05-01 or 2024-05-01T09:00:00+02:00); other formats are ignored or misread.',
    fix: 'Write dates as YYYY-MM-DD or full ISO 8601 date-times with a time zone.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const problems = collectDateProblems(page);
      return problems.length ? [{ message: `${plural(problems.length, 'date is', 'dates are')} not ISO 8601: ${problems.slice(0, 5).join('; ')}` }] : [];
    },
  },
  {
    id: 'homepage-entity-schema-missing',
    scope: 'page',
    category: 'structured-data',
    severity: 'low',
    title: 'Homepage markup doesn’t say who runs the site',
    why: 'Organization (or LocalBusiness, Person) and WebSite markup on the homepage is where Google reads the site name, logo, contact details and social profiles for its knowledge panel and search results.',
    fix: 'Add a JSON-LD Organization (or the matching LocalBusiness subtype) with name, url, logo and sameAs, and a WebSite node with the site name, to the homepage.',
    run: (page): Issue[] => {
      // A homepage without any markup is reported by structured-data-missing.
      if (!isIndexable(page) || page.structuredData.length === 0 || !isHomepage(page)) return [];
      const nodes = collectSchemaNodes(page);
      if (nodes.some((n) => hasType(n, SITE_ENTITY_TYPES) || hasProp(n.node, 'logo') || hasProp(n.node, 'address'))) return [];
      const types = [...new Set(nodes.filter((n) => !n.nested).flatMap((n) => n.types))];
      return [{ message: `The homepage has structured data${types.length ? ` (${types.slice(0, 5).join(', ')})` : ''} but no Organization, LocalBusiness, Person or WebSite` }];
    },
  },
  ...typeChecks,
] satisfies PageCheck[];
