import { describe, it } from 'vitest';
import { internationalChecks } from '@/lib/checks/international';
import { buildHtml, buildTestPage, createCheckTester, TEST_URL } from '@/test/test-page';

const t = createCheckTester(internationalChecks);
const alt = (lang: string, href: string) => `<link rel="alternate" hreflang="${lang}" href="${href}">`;
const set = alt('en', TEST_URL) + alt('de', 'https://example.com/de/dachreparatur') + alt('x-default', TEST_URL);
const page = (head: string, lang = 'en', body = '<p>x</p>', opts: Parameters<typeof buildTestPage>[1] = {}) => buildTestPage(buildHtml(body, head, lang), opts);
const good = page(set);
const english = 'We repair roofs and gutters for homes in the city and we are proud of the work that our team does for you every day. '.repeat(8);
const german = 'Wir reparieren Dächer und Dachrinnen für Häuser in der Stadt und wir sind stolz auf die Arbeit, die unser Team jeden Tag für Sie macht. '.repeat(8);

describe('html lang', () => {
  it('html-lang-missing', () => {
    t.expectFires('html-lang-missing', buildTestPage('<!doctype html><html><head><title>x</title></head><body></body></html>'), 'has no lang attribute');
    t.expectFires('html-lang-missing', page('', ''), 'lang> attribute is empty');
    t.expectSilent('html-lang-missing', good);
  });

  it('html-lang-invalid', () => {
    t.expectFires('html-lang-invalid', page('', 'en_US'), '<html lang="en_US">: uses "_" instead of "-" (write "en-US")');
    t.expectFires('html-lang-invalid', page('', 'english'), 'language "english" is not an ISO 639-1 code');
    t.expectFires('html-lang-invalid', page('', 'en-UK'), 'region "UK" is not an ISO 3166-1 alpha-2 code (use GB)');
    t.expectSilent('html-lang-invalid', page('', 'zh-Hant-TW'));
    t.expectSilent('html-lang-invalid', page('', 'es-419'));
  });

  it('html-lang-content-mismatch', () => {
    t.expectFires('html-lang-content-mismatch', page('', 'en-US', `<p>${german}</p>`), '<html lang="en-US"> but the text reads as German');
    t.expectSilent('html-lang-content-mismatch', page('', 'en', `<p>${english}</p>`));
    t.expectSilent('html-lang-content-mismatch', page('', 'de-AT', `<p>${german}</p>`));
    // we have no Japanese stop words, so English code on a Japanese page is not judged
    t.expectSilent('html-lang-content-mismatch', page('', 'ja', `<p>${english}</p>`));
  });
});

describe('hreflang (Lighthouse rules and more)', () => {
  it('hreflang-invalid-code', () => {
    t.expectFires('hreflang-invalid-code', page(alt('en-UK', 'https://example.com/uk') + alt('us', 'https://example.com/us')), 'hreflang="en-UK": region "UK"', 'hreflang="us": "us" is a country code, not a language code');
    t.expectFires('hreflang-invalid-code', page('', 'en', '<p>x</p>', { headers: { link: '<https://example.com/xx>; rel="alternate"; hreflang="xx"' } }), 'hreflang="xx" (Link header): language "xx" is not an ISO 639-1 code');
    t.expectSilent('hreflang-invalid-code', good);
  });

  it('hreflang-relative-url / hreflang-invalid-url', () => {
    t.expectFires('hreflang-relative-url', page(alt('de', '/de/')), 'hreflang="de" uses the relative URL "/de/"');
    t.expectSilent('hreflang-relative-url', good);
    t.expectFires('hreflang-invalid-url', page(alt('de', '') + alt('fr', 'ftp://example.com/fr')), 'hreflang="de" has no href', 'hreflang="fr" has an invalid URL "ftp://example.com/fr"');
    t.expectSilent('hreflang-invalid-url', good);
  });

  it('hreflang-in-body', () => {
    t.expectFires('hreflang-in-body', page('', 'en', alt('de', 'https://example.com/de')), '1 hreflang link is outside <head> and ignored: "de → https://example.com/de"');
    t.expectSilent('hreflang-in-body', good);
  });

  it('hreflang-missing-self (canonical counts as self)', () => {
    t.expectFires('hreflang-missing-self', page(alt('de', 'https://example.com/de') + alt('fr', 'https://example.com/fr')), 'None of the 2 hreflang URLs ("de", "fr") points to this page');
    t.expectSilent('hreflang-missing-self', good);
    t.expectSilent('hreflang-missing-self', page(`<link rel="canonical" href="https://example.com/en">${alt('en', 'https://example.com/en')}`, 'en', '<p>x</p>', { url: 'https://example.com/en?ref=nav' }));
  });

  it('hreflang-missing-x-default', () => {
    t.expectFires('hreflang-missing-x-default', page(alt('en', TEST_URL) + alt('de', 'https://example.com/de')), 'hreflang set ("en", "de") has no x-default');
    t.expectSilent('hreflang-missing-x-default', good);
    t.expectSilent('hreflang-missing-x-default', page(''));
  });

  it('hreflang-duplicate-lang / hreflang-conflicting-urls', () => {
    t.expectFires('hreflang-duplicate-lang', page(set + alt('de', 'https://example.com/de-2')), 'hreflang="de" points to 2 different URLs');
    t.expectSilent('hreflang-duplicate-lang', good);
    t.expectFires('hreflang-conflicting-urls', page(alt('en', TEST_URL) + alt('de', 'https://example.com/x') + alt('fr', 'https://example.com/x')), 'https://example.com/x is declared as "de", "fr"');
    t.expectSilent('hreflang-conflicting-urls', page(alt('en-US', TEST_URL) + alt('en-GB', TEST_URL) + alt('x-default', TEST_URL)));
  });

  it('hreflang-self-lang-mismatch', () => {
    t.expectFires('hreflang-self-lang-mismatch', page(alt('de', TEST_URL) + alt('en', 'https://example.com/en')), 'This page is "hreflang=de" but <html lang="en">');
    t.expectSilent('hreflang-self-lang-mismatch', good);
  });

  it('covers every check both ways', () => {
    t.expectFullCoverage();
  });
});
