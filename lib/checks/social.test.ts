import { describe, it } from 'vitest';
import { socialChecks } from '@/lib/checks/social';
import { buildHtml, buildTestPage, createCheckTester, TEST_URL } from '@/test/test-page';

const t = createCheckTester(socialChecks);
const og = (props: Record<string, string>) => Object.entries(props).map(([k, v]) => (k.startsWith('twitter:') ? `<meta name="${k}" content="${v}">` : `<meta property="${k}" content="${v}">`)).join('');
const FULL = { 'og:title': 'Roof repair', 'og:description': 'Same-week repairs', 'og:image': 'https://example.com/og.jpg', 'og:image:width': '1200', 'og:image:height': '630', 'og:url': TEST_URL, 'og:type': 'website', 'og:site_name': 'Acme', 'twitter:card': 'summary_large_image' };
const page = (props: Record<string, string>, extraHead = `<link rel="canonical" href="${TEST_URL}">`) => buildTestPage(buildHtml('<h1>x</h1>', og(props) + extraHead));
const without = (key: keyof typeof FULL) => {
  const p: Record<string, string> = { ...FULL };
  delete p[key];
  return page(p);
};
const good = page(FULL);

describe('social checks', () => {
  it('og-tags-missing: one finding instead of one per tag', () => {
    t.expectFires('og-tags-missing', page({}), 'no og:* meta tags');
    t.expectSilent('og-tags-missing', good);
    t.expectSilent('og-title-missing', page({}));
  });

  it('og-title / og-description / og-image / og-type / og-site-name missing', () => {
    t.expectFires('og-title-missing', without('og:title'), 'og:title is missing');
    t.expectSilent('og-title-missing', good);
    t.expectFires('og-description-missing', page({ ...FULL, 'og:description': '' }), 'og:description is empty');
    t.expectSilent('og-description-missing', good);
    t.expectFires('og-image-missing', without('og:image'), 'og:image is missing');
    t.expectSilent('og-image-missing', good);
    t.expectFires('og-type-missing', without('og:type'), 'og:type is missing');
    t.expectSilent('og-type-missing', good);
    t.expectFires('og-site-name-missing', without('og:site_name'), 'og:site_name is missing');
    t.expectSilent('og-site-name-missing', good);
  });

  it('og-image-relative / og-image-too-small', () => {
    t.expectFires('og-image-relative', page({ ...FULL, 'og:image': '/img/share.jpg' }), 'og:image "/img/share.jpg" is not an absolute');
    t.expectSilent('og-image-relative', good);
    t.expectFires('og-image-too-small', page({ ...FULL, 'og:image:width': '600', 'og:image:height': '315' }), 'declared as 600×315 px (recommended 1200×630)');
    t.expectSilent('og-image-too-small', page({ ...FULL, 'og:image:width': '', 'og:image:height': '' }));
  });

  it('og-url-mismatch', () => {
    t.expectFires('og-url-mismatch', page({ ...FULL, 'og:url': 'https://example.com/' }), 'og:url "https://example.com/" differs from the canonical');
    t.expectSilent('og-url-mismatch', good);
  });

  it('twitter-card-missing / twitter-card-invalid', () => {
    t.expectFires('twitter-card-missing', without('twitter:card'), 'no twitter:card');
    t.expectSilent('twitter-card-missing', good);
    t.expectFires('twitter-card-invalid', page({ ...FULL, 'twitter:card': 'large' }), 'twitter:card "large" is not one of');
    t.expectSilent('twitter-card-invalid', good);
  });

  it('covers every check both ways', () => {
    t.expectFullCoverage();
  });
});
