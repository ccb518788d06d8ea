import { describe, expect, it } from 'vitest';
import { structuredDataChecks, suggestSchemaType } from '@/lib/checks/structured-data';
import { buildHtml, buildTestPage, createCheckTester } from '@/test/test-page';

const t = createCheckTester(structuredDataChecks);
const ld = (...objects: unknown[]) => buildTestPage(buildHtml('<h1>x</h1>', objects.map((o) => `<script type="application/ld+json">${typeof o === 'string' ? o : JSON.stringify(o)}</script>`).join('')));
const ctx = 'https://schema.org';
const org = { '@context': ctx, '@type': 'Organization', name: 'Acme', url: 'https://acme.com/', logo: 'https://acme.com/logo.png' };
const good = ld(org);

describe('structured data basics', () => {
  it('structured-data-missing', () => {
    t.expectFires('structured-data-missing', buildTestPage(buildHtml('<h1>x</h1>')), 'no JSON-LD, microdata or RDFa');
    t.expectSilent('structured-data-missing', good);
  });

  it('jsonld-invalid names the block and parser error', () => {
    t.expectFires('jsonld-invalid', ld(org, '{"@type": "Product", "name": "X",}'), 'JSON-LD block 2 of 2 is not valid JSON:');
    t.expectSilent('jsonld-invalid', good);
  });

  it('jsonld-context-missing', () => {
    t.expectFires('jsonld-context-missing', ld({ '@type': 'Organization', name: 'Acme' }), 'JSON-LD Organization has no @context');
    t.expectFires('jsonld-context-missing', ld({ '@context': 'https://example.org/vocab', '@type': 'Thing' }), 'has @context "https://example.org/vocab"');
    t.expectSilent('jsonld-context-missing', ld({ '@context': [ctx, { '@language': 'en' }], '@graph': [org] }));
  });

  it('schema-type-misspelled: case, British spelling, plurals; no false hits on real types', () => {
    t.expectFires('schema-type-misspelled', ld({ '@context': ctx, '@type': 'Website', name: 'x' }), '@type "Website" is not a schema.org type (did you mean "WebSite"?)');
    t.expectFires('schema-type-misspelled', ld({ '@context': ctx, '@type': 'Organisation', name: 'x' }), 'did you mean "Organization"?');
    t.expectSilent('schema-type-misspelled', ld({ '@context': ctx, '@type': ['Hostel', 'Hotel', 'Plumber', 'SomeBrandNewType'] }));
    expect(suggestSchemaType('LocalBussiness')).toBe('LocalBusiness');
    expect(suggestSchemaType('Products')).toBe('Product');
    expect(suggestSchemaType('BreadcrumbLists')).toBe('BreadcrumbList');
    expect(suggestSchemaType('MedicalWebPages')).toBe('MedicalWebPage');
  });

  it('schema-deprecated-vocabulary (microdata)', () => {
    t.expectFires('schema-deprecated-vocabulary', buildTestPage(buildHtml('<div itemscope itemtype="http://data-vocabulary.org/Breadcrumb"><span itemprop="title">Home</span></div>')), 'data-vocabulary.org');
    t.expectSilent('schema-deprecated-vocabulary', good);
  });

  it('structured-data-on-noindex (info)', () => {
    t.expectFires('structured-data-on-noindex', buildTestPage(buildHtml('<h1>x</h1>', `<meta name="robots" content="noindex"><script type="application/ld+json">${JSON.stringify(org)}</script>`)), 'noindex but carries 1 structured data block');
    t.expectSilent('structured-data-on-noindex', good);
  });

  it('schema-date-invalid', () => {
    t.expectFires('schema-date-invalid', ld({ '@context': ctx, '@type': 'Article', headline: 'H', datePublished: 'March 3, 2024' }), 'datePublished "March 3, 2024" on Article');
    t.expectSilent('schema-date-invalid', ld({ '@context': ctx, '@type': 'Event', name: 'E', startDate: '2025-07-21T19:00-05:00', endDate: '2025-07-21' }));
  });
});

describe('rich result requirements', () => {
  it('schema-product-incomplete', () => {
    t.expectFires('schema-product-incomplete', ld({ '@context': ctx, '@type': 'Product', name: 'Shingle kit' }), 'Product "Shingle kit" is missing one of offers/review/aggregateRating');
    t.expectFires('schema-product-incomplete', ld({ '@context': ctx, '@type': 'Product', name: 'Kit', offers: { '@type': 'Offer', priceCurrency: 'USD' } }), 'missing offers.price');
    t.expectSilent('schema-product-incomplete', ld({ '@context': ctx, '@type': 'Product', name: 'Kit', offers: { '@type': 'Offer', price: '19.99', priceCurrency: 'USD' } }));
    // microdata works the same way
    t.expectSilent('schema-product-incomplete', buildTestPage(buildHtml('<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Kit</h1><div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="price" content="9"></div></div>')));
  });

  it('schema-article-incomplete', () => {
    t.expectFires('schema-article-incomplete', ld({ '@context': ctx, '@type': 'BlogPosting', headline: 'Roof tips' }), 'BlogPosting "Roof tips" is missing image, datePublished, author');
    t.expectSilent('schema-article-incomplete', ld({ '@context': ctx, '@type': 'Article', headline: 'H', image: 'https://a.com/i.jpg', datePublished: '2024-01-01', author: { '@type': 'Person', name: 'Jo' } }));
  });

  it('schema-faq-incomplete', () => {
    t.expectFires('schema-faq-incomplete', ld({ '@context': ctx, '@type': 'FAQPage', mainEntity: [{ '@type': 'Question', name: 'Q1?' }] }), 'FAQPage is missing name/acceptedAnswer.text on 1 question');
    t.expectSilent('schema-faq-incomplete', ld({ '@context': ctx, '@type': 'FAQPage', mainEntity: [{ '@type': 'Question', name: 'Q1?', acceptedAnswer: { '@type': 'Answer', text: 'A' } }] }));
  });

  it('schema-faq-not-visible: questions must appear in the page text', () => {
    const faq = (...names: string[]) => ({ '@context': ctx, '@type': 'FAQPage', mainEntity: names.map((name) => ({ '@type': 'Question', name, acceptedAnswer: { '@type': 'Answer', text: 'Yes.' } })) });
    const withBody = (body: string, ...names: string[]) => buildTestPage(buildHtml(body, `<script type="application/ld+json">${JSON.stringify(faq(...names))}</script>`));
    t.expectFires('schema-faq-not-visible', withBody('<h1>Roof repair</h1><p>We fix roofs.</p>', 'Do you offer free estimates?'), '1 FAQ question in the markup is not in the page text: "Do you offer free estimates?"');
    t.expectFires('schema-faq-not-visible', withBody('<h1>FAQ</h1><h3>Do you offer free estimates?</h3><p>Yes.</p>', 'Do you offer free estimates?', 'How long does a <b>repair</b> take?'), '"How long does a <b>repair</b> take?"');
    // case, punctuation and markup inside the name don't matter
    t.expectSilent('schema-faq-not-visible', withBody('<h1>FAQ</h1><details><summary>Do you offer FREE estimates</summary><p>Yes.</p></details><h3>How long does a repair take?</h3>', 'Do you offer free estimates?', 'How long does a <b>repair</b> take?'));
    t.expectSilent('schema-faq-not-visible', good);
  });

  it('schema-breadcrumb-incomplete: item optional for the last crumb', () => {
    t.expectFires('schema-breadcrumb-incomplete', ld({ '@context': ctx, '@type': 'BreadcrumbList', itemListElement: [{ '@type': 'ListItem', name: 'Home' }, { '@type': 'ListItem', position: 2, name: 'Here' }] }), 'missing position/item on item 1');
    t.expectSilent('schema-breadcrumb-incomplete', ld({ '@context': ctx, '@type': 'BreadcrumbList', itemListElement: [{ '@type': 'ListItem', position: 1, name: 'Home', item: 'https://a.com/' }, { '@type': 'ListItem', position: 2, name: 'Here' }] }));
  });

  it('schema-event-incomplete / schema-recipe-incomplete / schema-video-incomplete', () => {
    t.expectFires('schema-event-incomplete', ld({ '@context': ctx, '@type': 'MusicEvent', name: 'Gig' }), 'MusicEvent "Gig" is missing startDate, location');
    t.expectSilent('schema-event-incomplete', ld({ '@context': ctx, '@type': 'Event', name: 'Gig', startDate: '2025-01-01', location: { '@type': 'Place', name: 'Hall' } }));
    t.expectFires('schema-recipe-incomplete', ld({ '@context': ctx, '@type': 'Recipe', name: 'Pie' }), 'Recipe "Pie" is missing image');
    t.expectSilent('schema-recipe-incomplete', ld({ '@context': ctx, '@type': 'Recipe', name: 'Pie', image: 'https://a.com/pie.jpg' }));
    t.expectFires('schema-video-incomplete', ld({ '@context': ctx, '@type': 'VideoObject', name: 'Demo' }), 'is missing thumbnailUrl, uploadDate');
    t.expectSilent('schema-video-incomplete', ld({ '@context': ctx, '@type': 'VideoObject', name: 'Demo', thumbnailUrl: 'https://a.com/t.jpg', uploadDate: '2024-01-01' }));
  });

  it('schema-job-posting-incomplete: remote jobs need no jobLocation', () => {
    const job = { '@context': ctx, '@type': 'JobPosting', title: 'Roofer', description: 'd', datePosted: '2024-01-01', hiringOrganization: { '@type': 'Organization', name: 'Acme' } };
    t.expectFires('schema-job-posting-incomplete', ld(job), 'JobPosting "Roofer" is missing jobLocation');
    t.expectSilent('schema-job-posting-incomplete', ld({ ...job, jobLocationType: 'TELECOMMUTE', applicantLocationRequirements: { '@type': 'Country', name: 'USA' } }));
  });

  it('schema-review-incomplete / schema-aggregate-rating-incomplete: nested ones need no itemReviewed', () => {
    t.expectFires('schema-review-incomplete', ld({ '@context': ctx, '@type': 'Review', reviewRating: { '@type': 'Rating', ratingValue: 5 } }), 'Review is missing author, itemReviewed');
    t.expectSilent('schema-review-incomplete', ld({ '@context': ctx, '@type': 'Product', name: 'Kit', review: { '@type': 'Review', author: { '@type': 'Person', name: 'Al' }, reviewRating: { '@type': 'Rating', ratingValue: 5 } } }));
    t.expectFires('schema-aggregate-rating-incomplete', ld({ '@context': ctx, '@type': 'Product', name: 'Kit', aggregateRating: { '@type': 'AggregateRating', ratingValue: 4.5 } }), 'AggregateRating is missing ratingCount or reviewCount');
    t.expectSilent('schema-aggregate-rating-incomplete', ld({ '@context': ctx, '@type': 'Product', name: 'Kit', aggregateRating: { '@type': 'AggregateRating', ratingValue: 4.5, reviewCount: 12 } }));
  });

  it('schema-local-business-incomplete / schema-organization-incomplete', () => {
    t.expectFires('schema-local-business-incomplete', ld({ '@context': ctx, '@type': 'RoofingContractor', name: 'Acme' }), 'RoofingContractor "Acme" is missing address');
    t.expectSilent('schema-local-business-incomplete', ld({ '@context': ctx, '@type': 'Plumber', name: 'P', address: { '@type': 'PostalAddress', addressLocality: 'Springfield' } }));
    t.expectFires('schema-organization-incomplete', ld({ '@context': ctx, '@type': 'Organization', name: 'Acme' }), 'Organization "Acme" is missing url, logo');
    t.expectSilent('schema-organization-incomplete', ld(org, { '@context': ctx, '@type': 'Article', headline: 'h', publisher: { '@type': 'Organization', name: 'Acme' }, author: { '@id': '#org', '@type': 'Organization' } }));
  });

  it('homepage-entity-schema-missing: only on the site root, only when other markup exists', () => {
    const home = { url: 'https://example.com/' };
    const page = (html: string, opts = home) => buildTestPage(buildHtml('<h1>x</h1>', html), opts);
    const script = (o: unknown) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;
    const crumbs = script({ '@context': ctx, '@type': 'BreadcrumbList', itemListElement: [] });
    t.expectFires('homepage-entity-schema-missing', page(crumbs), 'homepage has structured data (BreadcrumbList) but no Organization, LocalBusiness, Person or WebSite');
    t.expectSilent('homepage-entity-schema-missing', page(crumbs + script(org)));
    t.expectSilent('homepage-entity-schema-missing', page(script({ '@context': ctx, '@type': 'Florist', name: 'F', address: 'Main St 1' })));
    t.expectSilent('homepage-entity-schema-missing', page(crumbs, { url: 'https://example.com/about' }));
    t.expectSilent('homepage-entity-schema-missing', page(''));
  });

  it('covers every check both ways', () => {
    t.expectFullCoverage();
  });
});
