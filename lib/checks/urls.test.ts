import { describe, it } from 'vitest';
import { buildHtml, buildTestPage, createCheckTester } from '@/test/test-page';
import { urlChecks } from '@/lib/checks/urls';

const t = createCheckTester(urlChecks);
const at = (url: string, head = '') => buildTestPage(buildHtml('<h1>x</h1>', head), { url });
const clean = at('https://example.com/services/roof-repair');

describe('URL checks', () => {
  it('url-underscores / url-spaces / url-double-slash', () => {
    t.expectFires('url-underscores', at('https://example.com/roof_repair'), 'URL path "/roof_repair" contains underscores');
    t.expectSilent('url-underscores', clean);
    t.expectSilent('url-underscores', at('https://example.com/a?utm_source=x'));
    t.expectFires('url-spaces', at('https://example.com/roof%20repair'), 'URL path "/roof repair" contains spaces');
    t.expectSilent('url-spaces', clean);
    t.expectFires('url-double-slash', at('https://example.com/services//roof'), 'URL path "/services//roof" contains "//"');
    t.expectSilent('url-double-slash', clean);
  });

  it('url-uppercase ignores percent-escapes; url-non-ascii (info)', () => {
    t.expectFires('url-uppercase', at('https://example.com/Services/Roof'), 'URL path "/Services/Roof" contains uppercase letters');
    t.expectSilent('url-uppercase', at('https://example.com/caf%C3%A9'));
    t.expectFires('url-non-ascii', at('https://example.com/café'), 'URL path "/café" contains non-ASCII characters (shared as "/caf%C3%A9")');
    t.expectSilent('url-non-ascii', clean);
  });

  it('url-too-long / url-too-many-params', () => {
    const long = `/${'a'.repeat(60)}/${'b'.repeat(45)}`;
    t.expectFires('url-too-long', at(`https://example.com${long}`), `URL path and query are ${long.length} characters (max 100)`);
    t.expectSilent('url-too-long', clean);
    t.expectFires('url-too-many-params', at('https://example.com/shop?color=red&size=m&sort=price&page=2'), '4 query parameters (max 3): color, size, sort, page');
    t.expectSilent('url-too-many-params', at('https://example.com/shop?color=red&page=2'));
  });

  it('url-session-id', () => {
    t.expectFires('url-session-id', at('https://example.com/shop?PHPSESSID=abc123'), 'session parameter "PHPSESSID"');
    t.expectFires('url-session-id', at('https://example.com/shop;jsessionid=ABC'), ';jsessionid=');
    t.expectSilent('url-session-id', at('https://example.com/?s=roof'));
  });

  it('url-tracking-params: only when the canonical does not clean them up', () => {
    t.expectFires('url-tracking-params', at('https://example.com/a?utm_source=news&gclid=1'), 'tracking parameters (utm_source, gclid) and no canonical');
    t.expectFires('url-tracking-params', at('https://example.com/a?fbclid=1', '<link rel="canonical" href="https://example.com/a?fbclid=1">'), 'the canonical keeps them');
    t.expectSilent('url-tracking-params', at('https://example.com/a?utm_source=news', '<link rel="canonical" href="https://example.com/a">'));
  });

  it('url-repeated-segments', () => {
    t.expectFires('url-repeated-segments', at('https://example.com/blog/blog/blog/post'), 'Path segment "blog" repeats 3 times');
    t.expectSilent('url-repeated-segments', at('https://example.com/blog/2024/blog-post'));
  });

  it('covers every check both ways', () => {
    t.expectFullCoverage();
  });
});
