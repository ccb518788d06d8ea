// A realistic, well-optimised page. No page check above "info" may fire on it — this is our
// guard against false positives, so keep it honest: it should look like a page a good SEO ships.
import type { PageFacts } from '@/lib/crawler/page-facts';
import { buildTestPage, type TestPageOptions } from '@/test/test-page';

export const CLEAN_PAGE_URL = 'https://www.acme-roofing.com/services/roof-repair';

export const CLEAN_PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'content-encoding': 'br',
  'cache-control': 'public, max-age=300',
  'strict-transport-security': 'max-age=31536000; includeSubDomains; preload',
  'content-security-policy': "default-src 'self'; img-src 'self' https://cdn.acme-roofing.com; frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'geolocation=(), camera=()',
  server: 'nginx',
  'set-cookie': 'session=abc123; Path=/; Secure; HttpOnly; SameSite=Lax',
};

export function buildCleanPageHtml(year = new Date().getFullYear()): string {
  const jsonLd = {
    '@context': 'https://schema.org',
    '@graph': [
      {
        '@type': 'Organization',
        '@id': 'https://www.acme-roofing.com/#org',
        name: 'Acme Roofing',
        url: 'https://www.acme-roofing.com/',
        logo: 'https://www.acme-roofing.com/images/logo.png',
        telephone: '+1-217-555-0142',
        sameAs: ['https://www.facebook.com/acmeroofing', 'https://www.linkedin.com/company/acme-roofing'],
      },
      {
        '@type': 'BreadcrumbList',
        itemListElement: [
          { '@type': 'ListItem', position: 1, name: 'Home', item: 'https://www.acme-roofing.com/' },
          { '@type': 'ListItem', position: 2, name: 'Services', item: 'https://www.acme-roofing.com/services' },
          { '@type': 'ListItem', position: 3, name: 'Roof Repair' },
        ],
      },
    ],
  };
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Roof Repair in Springfield, IL | Acme Roofing</title>
  <meta name="description" content="Leaking or storm-damaged roof? Acme Roofing repairs shingle, metal and flat roofs across Springfield with same-week visits and a 10-year warranty.">
  <link rel="canonical" href="${CLEAN_PAGE_URL}">
  <link rel="icon" href="/favicon.ico" sizes="any">
  <link rel="stylesheet" href="/css/site.css">
  <meta property="og:type" content="website">
  <meta property="og:site_name" content="Acme Roofing">
  <meta property="og:title" content="Roof Repair in Springfield, IL">
  <meta property="og:description" content="Same-week roof repairs with a 10-year warranty.">
  <meta property="og:url" content="${CLEAN_PAGE_URL}">
  <meta property="og:image" content="https://cdn.acme-roofing.com/og/roof-repair.jpg">
  <meta property="og:image:width" content="1200">
  <meta property="og:image:height" content="630">
  <meta name="twitter:card" content="summary_large_image">
  <script type="application/ld+json">${JSON.stringify(jsonLd)}</script>
  <script src="/js/site.js" defer></script>
</head>
<body>
  <header>
    <a href="/"><img src="https://cdn.acme-roofing.com/images/logo.svg" alt="Acme Roofing home" width="160" height="40"></a>
    <nav>
      <a href="/services">Roofing services</a>
      <a href="/services/roof-replacement">Roof replacement</a>
      <a href="/about">About Acme Roofing</a>
      <a href="/contact">Contact us</a>
      <a href="tel:+12175550142">Call (217) 555-0142</a>
    </nav>
  </header>
  <main>
    <nav aria-label="Breadcrumb"><a href="/">Home</a> › <a href="/services">Services</a> › Roof Repair</nav>
    <h1>Roof Repair in Springfield</h1>
    <img src="https://cdn.acme-roofing.com/images/crew-on-roof.webp" alt="Acme crew replacing damaged shingles on a house" width="1200" height="675"
      srcset="https://cdn.acme-roofing.com/images/crew-on-roof-600.webp 600w, https://cdn.acme-roofing.com/images/crew-on-roof.webp 1200w" sizes="100vw" fetchpriority="high">
    <p>A small leak can turn into a big repair bill. Water gets under the shingles, soaks the deck and then finds its way into your attic, walls and ceiling. We find the source of the leak, fix it properly and show you photos of the work before we leave.</p>
    <p>Our crews have repaired homes in Springfield and the surrounding towns since 2006. We work on asphalt shingles, metal panels, cedar shakes and flat roofs on garages and porches. Every repair comes with a written ten-year warranty on labor.</p>
    <h2>What we repair</h2>
    <ul>
      <li>Missing or cracked shingles after wind and hail storms</li>
      <li>Flashing around chimneys, skylights and vents</li>
      <li>Sagging gutters and rotten fascia boards</li>
      <li>Leaks in flat roofs and low-slope porches</li>
    </ul>
    <h2>How a repair visit works</h2>
    <p>You call or send the form, and we book a visit within the same week. A roofer inspects the whole roof, not just the spot you noticed, and explains what he sees in plain words. You get a fixed price on paper before any work starts. Most repairs take a single day, and we clean up every nail and scrap when we are done.</p>
    <p>If the damage came from a storm, we can help you document it for your insurance company. We take clear photos, measure the affected area and write a short report that your adjuster can read quickly.</p>
    <img src="https://cdn.acme-roofing.com/images/flashing-detail.webp" alt="New metal flashing sealed around a brick chimney" width="800" height="533" loading="lazy"
      srcset="https://cdn.acme-roofing.com/images/flashing-detail-400.webp 400w, https://cdn.acme-roofing.com/images/flashing-detail.webp 800w" sizes="(max-width: 800px) 100vw, 800px">
    <h2>Repair or replace?</h2>
    <p>Not every old roof needs to be replaced. If the deck is sound and the damage covers a small area, a repair is usually the better deal. When more than a third of the shingles are curling or the roof is over twenty years old, we will tell you honestly that a <a href="/services/roof-replacement">full roof replacement</a> may save you money over time.</p>
    <p>Read our <a href="/guides/storm-damage-checklist">storm damage checklist</a> to see what you can check safely from the ground, or look at the <a href="https://www.energystar.gov/products/roof_products" rel="noopener">Energy Star guide to cool roofs</a> if you are planning new shingles.</p>
    <h2>Get a free repair estimate</h2>
    <p>Tell us a little about the problem and we will call you back within one business day.</p>
    <form action="/contact/estimate" method="post">
      <label for="name">Name</label> <input id="name" name="name" autocomplete="name">
      <label for="phone">Phone</label> <input id="phone" name="phone" type="tel" autocomplete="tel">
      <button type="submit">Request my free estimate</button>
    </form>
  </main>
  <footer>
    <p>Acme Roofing, 1200 Main Street, Springfield, IL 62701 · <a href="tel:+12175550142">(217) 555-0142</a></p>
    <p><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of service</a></p>
    <p>© 2006–${year} Acme Roofing LLC</p>
  </footer>
</body>
</html>`;
}

export function buildCleanPage(overrides: TestPageOptions = {}): PageFacts {
  return buildTestPage(buildCleanPageHtml(), {
    url: CLEAN_PAGE_URL,
    headers: CLEAN_PAGE_HEADERS,
    ttfbMs: 180,
    totalMs: 420,
    ...overrides,
  });
}
