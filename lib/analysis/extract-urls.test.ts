import { describe, expect, it } from 'vitest';
import { parseUrl, resolveUrl, siteOf } from '@/lib/analysis/extract-urls';

describe('URL helpers', () => {
  it('resolves like a browser and returns null for what the URL parser rejects', () => {
    expect(resolveUrl('../x?y#z', 'https://example.com/a/b/c')).toBe('https://example.com/a/x?y#z');
    expect(resolveUrl('http://[bad', 'https://example.com/')).toBeNull();
    expect(parseUrl('/relative')).toBeNull();
  });

  it('treats www and the apex as one site, and other subdomains as others', () => {
    expect(siteOf('https://www.example.com/x')).toBe('example.com');
    expect(siteOf(new URL('http://example.com:8080/'))).toBe('example.com');
    expect(siteOf('https://shop.example.com/')).toBe('shop.example.com');
    expect(siteOf('not a url')).toBeNull();
  });
});
