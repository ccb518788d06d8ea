import { describe, expect, it } from 'vitest';
import { createUrlFilter, isInScope, isSameSite, normalizeUrl } from '@/lib/crawler/normalize-url';

describe('normalizeUrl', () => {
  it('drops the fragment and lower-cases scheme and host', () => {
    expect(normalizeUrl('HTTPS://Example.COM/Path#section')).toBe('https://example.com/Path');
  });

  it('drops default ports but keeps others', () => {
    expect(normalizeUrl('http://example.com:80/a')).toBe('http://example.com/a');
    expect(normalizeUrl('https://example.com:443/a')).toBe('https://example.com/a');
    expect(normalizeUrl('https://example.com:8443/a')).toBe('https://example.com:8443/a');
  });

  it('keeps the trailing slash as a distinct URL', () => {
    expect(normalizeUrl('https://example.com/blog/')).toBe('https://example.com/blog/');
    expect(normalizeUrl('https://example.com/blog')).toBe('https://example.com/blog');
  });

  it('adds the root path', () => {
    expect(normalizeUrl('https://example.com')).toBe('https://example.com/');
  });

  it('resolves dot segments and relative input against a base', () => {
    expect(normalizeUrl('https://example.com/a/./b/../c')).toBe('https://example.com/a/c');
    expect(normalizeUrl('../x?b=1', 'https://example.com/a/b/c')).toBe('https://example.com/a/x?b=1');
    expect(normalizeUrl('/a/%2e%2E/b', 'https://example.com')).toBe('https://example.com/b');
  });

  it('normalises percent-encoding', () => {
    expect(normalizeUrl('https://example.com/a%7eb%2fc%3a')).toBe('https://example.com/a~b%2Fc%3A');
    expect(normalizeUrl('https://example.com/caf%c3%a9')).toBe('https://example.com/caf%C3%A9');
    expect(normalizeUrl('https://example.com/café')).toBe('https://example.com/caf%C3%A9');
    expect(normalizeUrl('https://example.com/?q=%7e%2f')).toBe('https://example.com/?q=~%2F');
  });

  it('removes tracking parameters and keeps meaningful ones', () => {
    expect(
      normalizeUrl('https://example.com/p?utm_source=x&id=3&UTM_Medium=y&gclid=1&fbclid=2&msclkid=3&mc_cid=4&mc_eid=5&_ga=6'),
    ).toBe('https://example.com/p?id=3');
    expect(normalizeUrl('https://example.com/p?ref=main')).toBe('https://example.com/p?ref=main');
  });

  it('removes session ids from the query and from a ;jsessionid path parameter', () => {
    expect(normalizeUrl('https://ex.com/shop?PHPSESSID=abc123&page=2')).toBe('https://ex.com/shop?page=2');
    expect(normalizeUrl('https://ex.com/a?jsessionid=1&sessionid=2&session_id=3&cfid=4&cftoken=5&ASPSESSIONID=6')).toBe('https://ex.com/a');
    expect(normalizeUrl('https://ex.com/shop;jsessionid=1A2B3C/item;JSESSIONID=9?x=1')).toBe('https://ex.com/shop/item?x=1');
    // Not a session id everywhere: kept.
    expect(normalizeUrl('https://ex.com/a?sid=7')).toBe('https://ex.com/a?sid=7');
    expect(normalizeUrl('https://ex.com/a;version=2')).toBe('https://ex.com/a;version=2');
  });

  it('sorts query parameters, keeping the order of repeated names', () => {
    expect(normalizeUrl('https://example.com/?b=2&a=2&a=1&c')).toBe('https://example.com/?a=2&a=1&b=2&c');
  });

  it('does not re-encode query values', () => {
    expect(normalizeUrl('https://example.com/?next=/a/b&x=a+b')).toBe('https://example.com/?next=/a/b&x=a+b');
  });

  it('drops an empty query and empty pieces', () => {
    expect(normalizeUrl('https://example.com/a?')).toBe('https://example.com/a');
    expect(normalizeUrl('https://example.com/a?&&b=1&')).toBe('https://example.com/a?b=1');
    expect(normalizeUrl('https://example.com/a?utm_source=x')).toBe('https://example.com/a');
  });

  it('honours options', () => {
    expect(normalizeUrl('https://example.com/?utm_source=x', undefined, { stripTracking: false })).toBe(
      'https://example.com/?utm_source=x',
    );
    expect(normalizeUrl('https://example.com/?sid=1&a=1', undefined, { stripParams: ['SID'] })).toBe(
      'https://example.com/?a=1',
    );
    expect(normalizeUrl('https://example.com/?b=1&a=1', undefined, { sortQuery: false })).toBe(
      'https://example.com/?b=1&a=1',
    );
  });

  it('handles IDN hosts and trailing dots', () => {
    expect(normalizeUrl('https://Bücher.example/')).toBe('https://xn--bcher-kva.example/');
    expect(normalizeUrl('https://example.com./a')).toBe('https://example.com/a');
  });

  it('rejects non-http URLs and garbage', () => {
    expect(normalizeUrl('javascript:alert(1)')).toBeNull();
    expect(normalizeUrl('mailto:a@b.c')).toBeNull();
    expect(normalizeUrl('ftp://example.com/')).toBeNull();
    expect(normalizeUrl('not a url')).toBeNull();
    expect(normalizeUrl('')).toBeNull();
  });

  it('is idempotent', () => {
    const urls = ['https://example.com/a%7e?z=1&utm_source=x&a=%c3%a9#f', 'http://www.Example.com:80/x/../y/'];
    for (const url of urls) {
      const once = normalizeUrl(url)!;
      expect(normalizeUrl(once)).toBe(once);
    }
  });
});

describe('isSameSite', () => {
  const start = 'https://example.com/';

  it('accepts the same host regardless of scheme', () => {
    expect(isSameSite('https://example.com/a', start)).toBe(true);
    expect(isSameSite('http://EXAMPLE.com/a', start)).toBe(true);
  });

  it('treats www and bare host as the same site by default', () => {
    expect(isSameSite('https://www.example.com/a', start)).toBe(true);
    expect(isSameSite('https://example.com/a', 'https://www.example.com/')).toBe(true);
    expect(isSameSite('https://www.example.com/a', start, { wwwIsSameSite: false })).toBe(false);
  });

  it('rejects other hosts, subdomains and ports', () => {
    expect(isSameSite('https://blog.example.com/', start)).toBe(false);
    expect(isSameSite('https://example.org/', start)).toBe(false);
    expect(isSameSite('https://notexample.com/', start)).toBe(false);
    expect(isSameSite('http://127.0.0.1:8081/', 'http://127.0.0.1:8080/')).toBe(false);
    expect(isSameSite('mailto:x@example.com', start)).toBe(false);
    expect(isSameSite('garbage', start)).toBe(false);
  });
});

describe('createUrlFilter', () => {
  it('passes everything without patterns', () => {
    expect(createUrlFilter()('https://example.com/anything')).toBe(true);
  });

  it('matches path globs anchored on path + query', () => {
    const filter = createUrlFilter({ include: ['/blog/*'] });
    expect(filter('https://example.com/blog/post-1')).toBe(true);
    expect(filter('https://example.com/blog/2024/post?x=1')).toBe(true);
    expect(filter('https://example.com/about')).toBe(false);
    expect(filter('https://example.com/other/blog/x')).toBe(false);
  });

  it('applies excludes after includes', () => {
    const filter = createUrlFilter({ include: ['/shop/*'], exclude: ['*?sort=*', '/shop/cart'] });
    expect(filter('https://example.com/shop/shoes')).toBe(true);
    expect(filter('https://example.com/shop/shoes?sort=price')).toBe(false);
    expect(filter('https://example.com/shop/cart')).toBe(false);
  });

  it('supports full-URL globs and regexes', () => {
    expect(createUrlFilter({ exclude: ['https://example.com/tag/*'] })('https://example.com/tag/x')).toBe(false);
    const filter = createUrlFilter({ exclude: ['re:/page/\\d+$'] });
    expect(filter('https://example.com/blog/page/2')).toBe(false);
    expect(filter('https://example.com/blog/page/two')).toBe(true);
  });

  it('treats regex metacharacters in globs literally', () => {
    const filter = createUrlFilter({ include: ['/a.b/(x)/*'] });
    expect(filter('https://example.com/a.b/(x)/1')).toBe(true);
    expect(filter('https://example.com/aXb/(x)/1')).toBe(false);
  });

  it('throws on an invalid regex', () => {
    expect(() => createUrlFilter({ include: ['re:(unclosed'] })).toThrow(/Invalid URL pattern/);
  });
});

describe('isInScope', () => {
  it('folder: the start URL\'s folder and below, on the same site', () => {
    expect(isInScope('https://example.com/blog/post', 'https://example.com/blog/', 'folder')).toBe(true);
    expect(isInScope('https://www.example.com/blog/a/b', 'https://example.com/blog/intro', 'folder')).toBe(true);
    expect(isInScope('https://example.com/shop/', 'https://example.com/blog/', 'folder')).toBe(false);
    expect(isInScope('https://example.com/blogger', 'https://example.com/blog/', 'folder')).toBe(false);
    expect(isInScope('https://example.com/anything', 'https://example.com/', 'folder')).toBe(true);
  });

  it('host: the same host, www. included', () => {
    expect(isInScope('https://www.example.com/a', 'https://example.com/', 'host')).toBe(true);
    expect(isInScope('https://blog.example.com/a', 'https://example.com/', 'host')).toBe(false);
  });

  it('subdomains: every host under the start host', () => {
    expect(isInScope('https://blog.example.com/a', 'https://www.example.com/', 'subdomains')).toBe(true);
    expect(isInScope('https://example.com/a', 'https://www.example.com/', 'subdomains')).toBe(true);
    expect(isInScope('https://notexample.com/a', 'https://example.com/', 'subdomains')).toBe(false);
    expect(isInScope('https://example.com.evil.org/a', 'https://example.com/', 'subdomains')).toBe(false);
    expect(isInScope('mailto:a@example.com', 'https://example.com/', 'subdomains')).toBe(false);
  });
});
