import { describe, expect, it } from 'vitest';
import { siteKeyOf, siteLabel } from '@/lib/sites/site-key';

describe('siteKeyOf', () => {
  it('lower-cases the host, drops the default port, query and hash', () => {
    expect(siteKeyOf('HTTPS://Example.COM:443/?utm=1#top')).toEqual({ origin: 'https://example.com', startPath: '/' });
    expect(siteKeyOf('http://example.com:80/blog/?x')).toEqual({ origin: 'http://example.com', startPath: '/blog/' });
  });

  it('keeps a non-default port and the start path', () => {
    expect(siteKeyOf('http://127.0.0.1:8080/shop')).toEqual({ origin: 'http://127.0.0.1:8080', startPath: '/shop' });
  });

  it('tells http and https apart', () => {
    expect(siteKeyOf('http://example.com/').origin).not.toBe(siteKeyOf('https://example.com/').origin);
  });
});

describe('siteLabel', () => {
  it('uses the name, else the host and a non-root path', () => {
    expect(siteLabel({ origin: 'https://example.com', startPath: '/', name: 'Mine' })).toBe('Mine');
    expect(siteLabel({ origin: 'https://example.com', startPath: '/' })).toBe('example.com');
    expect(siteLabel({ origin: 'https://example.com', startPath: '/blog/' })).toBe('example.com/blog/');
  });
});
