import { describe, it } from 'vitest';
import { httpChecks } from '@/lib/checks/http';
import { buildHtml, buildTestPage, createCheckTester, TEST_URL } from '@/test/test-page';

const t = createCheckTester(httpChecks);
const ok = buildTestPage(buildHtml('<h1>Hello</h1><p>Some text.</p>'));

describe('status codes and redirects', () => {
  it('http-4xx / http-5xx', () => {
    t.expectFires('http-4xx', buildTestPage(buildHtml(''), { status: 404 }), 'HTTP 404 Not Found');
    t.expectFires('http-4xx', buildTestPage(buildHtml(''), { status: 429 }), 'HTTP 429 Too Many Requests', 'rate-limited');
    t.expectSilent('http-4xx', ok);
    t.expectSilent('http-4xx', buildTestPage(buildHtml(''), { status: 503 }));
    t.expectFires('http-5xx', buildTestPage(buildHtml(''), { status: 503 }), 'HTTP 503 Service Unavailable');
    t.expectSilent('http-5xx', buildTestPage(buildHtml(''), { status: 404 }));
  });

  const hops = [
    { url: 'http://example.com/a', status: 301, location: 'https://example.com/a' },
    { url: 'https://example.com/a', status: 302, location: 'https://example.com/b' },
  ];

  it('redirect-loop / redirect-too-many', () => {
    t.expectFires('redirect-loop', buildTestPage('', { redirects: hops, redirectError: 'loop', status: 301, finalUrl: 'https://example.com/b' }), 'http://example.com/a → https://example.com/a → https://example.com/b');
    t.expectSilent('redirect-loop', ok);
    t.expectFires('redirect-too-many', buildTestPage('', { redirects: hops, redirectError: 'too-many', status: 301, finalUrl: 'https://example.com/b' }), 'Gave up after 2 redirects');
    t.expectSilent('redirect-too-many', buildTestPage('', { redirects: hops, redirectError: 'loop' }));
  });

  it('redirect-chain / redirect-temporary / redirected-url', () => {
    const chained = buildTestPage(buildHtml(''), { url: 'http://example.com/a', finalUrl: 'https://example.com/b', redirects: hops });
    t.expectFires('redirect-chain', chained, '2 redirect hops: http://example.com/a → https://example.com/a → https://example.com/b');
    const single = buildTestPage(buildHtml(''), { url: 'http://example.com/a', finalUrl: 'https://example.com/a', redirects: hops.slice(0, 1) });
    t.expectSilent('redirect-chain', single);
    t.expectFires('redirect-temporary', chained, 'https://example.com/a redirects with 302 (temporary) to https://example.com/b');
    t.expectSilent('redirect-temporary', single);
    t.expectFires('redirected-url', single, 'http://example.com/a redirects (301) to https://example.com/a');
    t.expectSilent('redirected-url', ok);
  });

  it('meta-refresh-redirect: redirects only, not plain reloads', () => {
    t.expectFires('meta-refresh-redirect', buildTestPage(buildHtml('', '<meta http-equiv="refresh" content="5; url=https://example.com/new">')), 'redirects to https://example.com/new after 5 s');
    t.expectSilent('meta-refresh-redirect', buildTestPage(buildHtml('', '<meta http-equiv="refresh" content="300">')));
  });

  it('js-redirect: top-level location assignments', () => {
    t.expectFires('js-redirect', buildTestPage(buildHtml('<script>window.location.replace("/new-home")</script>')), '"/new-home"');
    t.expectSilent('js-redirect', buildTestPage(buildHtml('<script>document.querySelector("a").onclick = function () { location.href = "/x"; }</script>')));
    t.expectSilent('js-redirect', buildTestPage(buildHtml(`<script>location.href = "${TEST_URL}"</script>`)));
  });

  it('soft-404: "not found" wording with a 200', () => {
    t.expectFires('soft-404', buildTestPage(buildHtml('<h1>Oops! Page not found</h1><p>Try the search.</p>')), 'Status is 200 but the page says "Oops! Page not found"');
    t.expectFires('soft-404', buildTestPage('<html><head><title>Seite nicht gefunden</title></head><body></body></html>'), 'Seite nicht gefunden');
    t.expectSilent('soft-404', buildTestPage(buildHtml('<h1>404 tips for better roofs</h1>'.replace('404 tips', 'Top tips'))));
    t.expectSilent('soft-404', buildTestPage(buildHtml('<h1>Page not found</h1>'), { status: 404 }));
  });
});

describe('speed, content type and encoding', () => {
  it('slow-ttfb / slow-response', () => {
    t.expectFires('slow-ttfb', buildTestPage(buildHtml(''), { ttfbMs: 1450 }), '1450 ms (max 800 ms)');
    t.expectSilent('slow-ttfb', buildTestPage(buildHtml(''), { ttfbMs: 800 }));
    t.expectFires('slow-response', buildTestPage(buildHtml(''), { totalMs: 4200 }), '4.2 s (max 3 s)');
    t.expectSilent('slow-response', buildTestPage(buildHtml(''), { totalMs: 2900 }));
  });

  it('timing checks stay silent when the crawler itself was stalled during the fetch', () => {
    const stalled = buildTestPage(buildHtml(''), { ttfbMs: 1450, totalMs: 4200, loopLagMs: 600 });
    t.expectSilent('slow-ttfb', stalled);
    t.expectSilent('slow-response', stalled);
    t.expectFires('slow-ttfb', buildTestPage(buildHtml(''), { ttfbMs: 1450, loopLagMs: 40 }), '1450 ms');
  });

  it('content-type-mismatch: missing header or HTML served as text/plain', () => {
    const html = buildHtml('<p>x</p>');
    const noType = buildTestPage(html, { contentType: '' });
    delete (noType.headers as Record<string, string>)['content-type'];
    t.expectFires('content-type-mismatch', noType, 'no Content-Type header');
    t.expectFires('content-type-mismatch', buildTestPage(html, { contentType: 'text/plain' }), 'HTML is served as "text/plain"');
    t.expectSilent('content-type-mismatch', ok);
    t.expectSilent('content-type-mismatch', buildTestPage('plain text file', { contentType: 'text/plain' }));
  });

  it('charset-missing / charset-mismatch / charset-declared-late', () => {
    const noCharset = buildTestPage('<!doctype html><html><head><title>T</title></head><body></body></html>', { contentType: 'text/html' });
    t.expectFires('charset-missing', noCharset, 'Neither the Content-Type header nor a <meta charset>');
    t.expectSilent('charset-missing', ok);

    const mismatch = buildTestPage('<html><head><meta charset="iso-8859-15"><title>T</title></head></html>', { contentType: 'text/html; charset=utf-8' });
    t.expectFires('charset-mismatch', mismatch, 'charset "utf-8" but the HTML declares "iso-8859-15"');
    // iso-8859-1 is decoded as windows-1252 by browsers, so these agree
    t.expectSilent('charset-mismatch', buildTestPage('<html><head><meta charset="windows-1252"></head></html>', { contentType: 'text/html; charset=ISO-8859-1' }));

    const late = buildTestPage(`<!doctype html><html><head><!-- ${'x'.repeat(1100)} --><meta charset="utf-8"><title>T</title></head></html>`, { contentType: 'text/html' });
    t.expectFires('charset-declared-late', late, '<meta charset="utf-8"> starts at byte 11');
    t.expectSilent('charset-declared-late', buildTestPage('<!doctype html><html><head><meta charset="utf-8"></head></html>', { contentType: 'text/html' }));
  });

  it('doctype-missing / html-structure-broken / duplicate-ids', () => {
    t.expectFires('doctype-missing', buildTestPage('<html><head><title>x</title></head></html>'), 'no <!DOCTYPE html>');
    t.expectSilent('doctype-missing', ok);
    t.expectFires('html-structure-broken', buildTestPage('<!doctype html><html><head></head><body><p>a</p></body><body></body></html>'), '2 <body> elements');
    t.expectSilent('html-structure-broken', ok);
    t.expectFires('duplicate-ids', buildTestPage(buildHtml('<div id="main"></div><div id="main"></div><p id="x"></p>')), '1 id is used more than once: "main"');
    t.expectSilent('duplicate-ids', ok);
  });

  it('auth-gate: password form as the only content, not on login URLs', () => {
    const gate = buildHtml('<h1>Please sign in</h1><form method="post"><input name="u"><input type="password" name="p"></form>');
    t.expectFires('auth-gate', buildTestPage(gate, { url: 'https://example.com/pricing' }), 'A password form is the main content', '/pricing');
    t.expectSilent('auth-gate', buildTestPage(gate, { url: 'https://example.com/login' }));
    t.expectSilent('auth-gate', ok);
  });

  it('non-html-response / html-truncated (info)', () => {
    t.expectFires('non-html-response', buildTestPage('%PDF', { contentType: 'application/pdf' }), '"application/pdf"');
    t.expectSilent('non-html-response', ok);
    t.expectFires('html-truncated', buildTestPage(buildHtml('<p>x</p>'), { truncated: true }), 'Only the first');
    t.expectSilent('html-truncated', ok);
  });
});

describe('http coverage', () => {
  it('every check fired and stayed silent at least once', () => {
    t.expectFullCoverage();
  });
});
