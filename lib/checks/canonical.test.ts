import { describe, it } from 'vitest';
import { canonicalChecks } from '@/lib/checks/canonical';
import { buildHtml, buildTestPage, createCheckTester, TEST_URL } from '@/test/test-page';

const t = createCheckTester(canonicalChecks);
const withHead = (head: string, opts: Parameters<typeof buildTestPage>[1] = {}) => buildTestPage(buildHtml('<h1>x</h1>', head), opts);
const selfCanonical = withHead(`<link rel="canonical" href="${TEST_URL}">`);

describe('canonical checks', () => {
  it('canonical-missing: indexable pages only', () => {
    t.expectFires('canonical-missing', withHead(''), 'no <link rel="canonical">');
    t.expectSilent('canonical-missing', selfCanonical);
    t.expectSilent('canonical-missing', withHead('', { headers: { link: `<${TEST_URL}>; rel="canonical"` } }));
    t.expectSilent('canonical-missing', withHead('<meta name="robots" content="noindex">'));
    t.expectSilent('canonical-missing', withHead('', { status: 404 }));
  });

  it('canonical-multiple: conflicting HTML or header canonicals; identical repeats are fine', () => {
    t.expectFires('canonical-multiple', withHead('<link rel="canonical" href="https://example.com/a"><link rel="canonical" href="https://example.com/b">'), '2 different <link rel="canonical"> URLs: "https://example.com/a", "https://example.com/b"');
    t.expectFires('canonical-multiple', withHead('', { headers: { link: '<https://example.com/a>; rel=canonical, <https://example.com/c>; rel=canonical' } }), 'in the Link header');
    t.expectSilent('canonical-multiple', withHead(`<link rel="canonical" href="${TEST_URL}"><link rel="canonical" href="${TEST_URL}#top">`));
  });

  it('canonical-relative (incl. protocol-relative)', () => {
    t.expectFires('canonical-relative', withHead('<link rel="canonical" href="/services/roof-repair">'), 'Canonical "/services/roof-repair" is a relative URL');
    t.expectFires('canonical-relative', withHead('<link rel="canonical" href="//example.com/x">'), 'protocol-relative');
    t.expectSilent('canonical-relative', selfCanonical);
  });

  it('canonical-invalid: empty, bad scheme, malformed', () => {
    t.expectFires('canonical-invalid', withHead('<link rel="canonical" href="">'), 'empty href');
    t.expectFires('canonical-invalid', withHead('<link rel="canonical" href="javascript:void(0)">'), '"javascript:" scheme');
    t.expectFires('canonical-invalid', withHead('<link rel="canonical" href="https:/example.com/x">'), 'Canonical "https:/example.com/x" is malformed');
    t.expectFires('canonical-invalid', withHead('<link rel="canonical" href="https://exa mple.com/">'), 'Canonical "https://exa mple.com/" is malformed');
    t.expectSilent('canonical-invalid', selfCanonical);
    t.expectSilent('canonical-invalid', withHead('<link rel="canonical" href="/relative">'));
  });

  it('canonical-other-domain (www and apex are the same site)', () => {
    t.expectFires('canonical-other-domain', withHead('<link rel="canonical" href="https://partner.org/article">'), 'is on partner.org, not example.com');
    t.expectSilent('canonical-other-domain', withHead('<link rel="canonical" href="https://www.example.com/services/roof-repair">'));
  });

  it('canonical-to-root', () => {
    t.expectFires('canonical-to-root', withHead('<link rel="canonical" href="https://example.com/">'), 'Canonical of /services/roof-repair points to the site root https://example.com/');
    t.expectSilent('canonical-to-root', withHead('<link rel="canonical" href="https://example.com/">', { url: 'https://example.com/?utm_source=x' }));
    t.expectSilent('canonical-to-root', selfCanonical);
  });

  it('canonical-in-body', () => {
    t.expectFires('canonical-in-body', buildTestPage(buildHtml(`<link rel="canonical" href="${TEST_URL}">`)), 'outside <head>');
    t.expectSilent('canonical-in-body', selfCanonical);
  });

  it('canonical-header-mismatch', () => {
    t.expectFires('canonical-header-mismatch', withHead(`<link rel="canonical" href="${TEST_URL}">`, { headers: { link: '<https://example.com/other>; rel="canonical"' } }), `HTML canonical "${TEST_URL}" differs from Link header canonical "https://example.com/other"`);
    t.expectSilent('canonical-header-mismatch', withHead(`<link rel="canonical" href="${TEST_URL}">`, { headers: { link: `<${TEST_URL}>; rel="canonical"` } }));
  });

  it('canonical-to-hreflang-alternate', () => {
    const alternates = `<link rel="alternate" hreflang="en" href="${TEST_URL}"><link rel="alternate" hreflang="de" href="https://example.com/de/dachreparatur">`;
    t.expectFires('canonical-to-hreflang-alternate', withHead(`${alternates}<link rel="canonical" href="https://example.com/de/dachreparatur">`), 'is the hreflang="de" alternate');
    t.expectSilent('canonical-to-hreflang-alternate', withHead(`${alternates}<link rel="canonical" href="${TEST_URL}">`));
  });

  it('canonical-points-elsewhere (info)', () => {
    t.expectFires('canonical-points-elsewhere', withHead('<link rel="canonical" href="https://example.com/services/roofing">'), 'Canonical points to https://example.com/services/roofing');
    t.expectSilent('canonical-points-elsewhere', selfCanonical);
  });

  it('canonical-insecure', () => {
    t.expectFires('canonical-insecure', withHead('<link rel="canonical" href="http://example.com/services/roof-repair">'), 'Canonical http://example.com/services/roof-repair uses http://');
    t.expectSilent('canonical-insecure', selfCanonical);
    t.expectSilent('canonical-insecure', withHead('<link rel="canonical" href="http://example.com/x">', { url: 'http://example.com/x' }));
  });

  it('canonical-noindex-conflict', () => {
    t.expectFires('canonical-noindex-conflict', withHead('<meta name="robots" content="noindex"><link rel="canonical" href="https://example.com/other">'), 'noindex and canonicalised to https://example.com/other');
    t.expectSilent('canonical-noindex-conflict', withHead(`<meta name="robots" content="noindex"><link rel="canonical" href="${TEST_URL}">`));
  });

  it('covers every check both ways', () => {
    t.expectFullCoverage();
  });
});
