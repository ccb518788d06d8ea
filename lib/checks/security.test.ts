import { describe, expect, it } from 'vitest';
import { findJqueryVersion, securityChecks } from '@/lib/checks/security';
import { buildHtml, buildTestPage, createCheckTester } from '@/test/test-page';

const t = createCheckTester(securityChecks);
const SECURE = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=()',
  server: 'nginx',
  'set-cookie': 'sid=1; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Secure; HttpOnly',
};
const page = (body = '<p>x</p>', headers: Record<string, string> = SECURE, url?: string) => buildTestPage(buildHtml(body), { headers, ...(url ? { url } : {}) });
const good = page();
const without = (name: keyof typeof SECURE, extra: Record<string, string> = {}) => {
  const h: Record<string, string> = { ...SECURE, ...extra };
  delete h[name];
  return page('<p>x</p>', h);
};

describe('security checks', () => {
  it('http-not-https', () => {
    t.expectFires('http-not-https', page('<p>x</p>', {}, 'http://example.com/a'), 'http://example.com/a is served without HTTPS');
    t.expectSilent('http-not-https', good);
  });

  it('mixed-content', () => {
    t.expectFires('mixed-content', page('<img src="http://cdn.example.com/a.png" alt="a"><script src="http://x.com/a.js"></script>'), '2 resources are loaded over http://: "http://cdn.example.com/a.png", "http://x.com/a.js"');
    t.expectSilent('mixed-content', page('<img src="https://cdn.example.com/a.png" alt="a"><a href="http://old.example.com/">link</a>'));
  });

  it('hsts-missing / hsts-short-max-age', () => {
    t.expectFires('hsts-missing', without('strict-transport-security'), 'no Strict-Transport-Security header');
    t.expectSilent('hsts-missing', good);
    t.expectSilent('hsts-missing', page('<p>x</p>', {}, 'http://example.com/'));
    t.expectFires('hsts-short-max-age', page('<p>x</p>', { ...SECURE, 'strict-transport-security': 'max-age=86400' }), 'max-age is 86400 s (min 15768000 s)');
    t.expectSilent('hsts-short-max-age', good);
  });

  it('csp-missing (meta CSP counts) / nosniff-missing / clickjacking-unprotected', () => {
    t.expectFires('csp-missing', without('content-security-policy', { 'x-frame-options': 'DENY' }), 'No Content-Security-Policy');
    t.expectSilent('csp-missing', buildTestPage(buildHtml('<p>x</p>', `<meta http-equiv="Content-Security-Policy" content="default-src 'self'">`), { headers: {} }));
    t.expectFires('nosniff-missing', without('x-content-type-options'), 'not "nosniff"');
    t.expectSilent('nosniff-missing', good);
    t.expectFires('clickjacking-unprotected', page('<p>x</p>', { ...SECURE, 'content-security-policy': "default-src 'self'" }), 'Neither X-Frame-Options nor');
    t.expectSilent('clickjacking-unprotected', good);
    t.expectSilent('clickjacking-unprotected', page('<p>x</p>', { 'x-frame-options': 'SAMEORIGIN' }));
  });

  it('referrer-policy-missing / permissions-policy-missing (info)', () => {
    t.expectFires('referrer-policy-missing', without('referrer-policy'), 'No Referrer-Policy header');
    t.expectSilent('referrer-policy-missing', buildTestPage(buildHtml('<p>x</p>', '<meta name="referrer" content="origin">'), { headers: SECURE }));
    t.expectFires('permissions-policy-missing', without('permissions-policy'), 'No Permissions-Policy header');
    t.expectSilent('permissions-policy-missing', good);
  });

  it('form-on-http / form-action-insecure', () => {
    const login = '<form method="post" action="/login"><input type="password"></form>';
    t.expectFires('form-on-http', page(login, {}, 'http://example.com/'), '1 form on an http:// page, including a password field');
    t.expectSilent('form-on-http', page(login));
    t.expectFires('form-action-insecure', page('<form action="http://example.com/subscribe"><input name="email"></form>'), 'Form submits to http://example.com/subscribe');
    t.expectSilent('form-action-insecure', page(login));
  });

  it('target-blank-noopener (info)', () => {
    t.expectFires('target-blank-noopener', page('<a href="https://other.com/" target="_blank">x</a>'), '1 external link opens a new tab without rel="noopener": "https://other.com/"');
    t.expectSilent('target-blank-noopener', page('<a href="https://other.com/" target="_blank" rel="noopener">x</a><a href="/in" target="_blank">in</a>'));
  });

  it('leaked-secrets: masked in the message', () => {
    const issues = t.expectFires('leaked-secrets', page(`<script>var key = "AKIA${'ABCDEFGHIJKLMNOP'}";</script>`), 'AWS access key id', 'AKIAABCD…');
    expect(issues[0]?.message).not.toContain('MNOP');
    t.expectSilent('leaked-secrets', page('<script>var mapsKey = "AIzaSyPublicBrowserKey";</script>'));
  });

  it('vulnerable-jquery', () => {
    t.expectFires('vulnerable-jquery', page('<script src="https://ajax.googleapis.com/ajax/libs/jquery/1.12.4/jquery.min.js"></script>'), 'jQuery 1.12.4', 'older than 3.5.0');
    t.expectSilent('vulnerable-jquery', page('<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script><script src="/jquery-ui-1.12.1.js"></script>'));
    expect(findJqueryVersion('https://cdn.jsdelivr.net/npm/jquery@3.4.1/dist/jquery.min.js')).toEqual([3, 4, 1]);
    expect(findJqueryVersion('/js/jquery-migrate-1.4.1.js')).toBeNull();
  });

  it('server-version-disclosed (info)', () => {
    t.expectFires('server-version-disclosed', page('<p>x</p>', { ...SECURE, server: 'Apache/2.4.41 (Ubuntu)', 'x-powered-by': 'PHP/7.4.3' }), 'server: Apache/2.4.41 (Ubuntu)', 'x-powered-by: PHP/7.4.3');
    t.expectSilent('server-version-disclosed', good);
  });

  it('cookie-without-secure (Expires commas are not separators)', () => {
    t.expectFires('cookie-without-secure', page('<p>x</p>', { ...SECURE, 'set-cookie': 'a=1; Path=/; Secure, tracking=xyz; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/' }), '1 cookie lacks the Secure flag: "tracking"');
    t.expectSilent('cookie-without-secure', good);
  });

  it('covers every check both ways', () => {
    t.expectFullCoverage();
  });
});
