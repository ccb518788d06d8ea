import { describe, expect, it } from 'vitest';
import { httpUrl, parseUrlList, startAuditInput } from '@/lib/audits/audit-input';

describe('httpUrl', () => {
  it('adds https:// to a bare host and drops the fragment', () => {
    expect(httpUrl.parse('example.com/a#top')).toBe('https://example.com/a');
  });
  it.each([
    ['ftp://example.com/', /Only http and https/],
    ['http://', /not a valid URL/],
    ['https://intranet/', /not a full host name/],
    ['', /Enter a URL/],
  ])('rejects %s with a clear message', (input, message) => {
    const result = httpUrl.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });
});

describe('startAuditInput', () => {
  it('applies defaults and bounds', () => {
    expect(startAuditInput.parse({ url: 'https://example.com' })).toMatchObject({ maxPages: 100, renderMode: 'auto', respectRobots: true });
    expect(startAuditInput.safeParse({ url: 'https://example.com', maxPages: 10_001 }).success).toBe(false);
  });
});

describe('parseUrlList', () => {
  it('reports invalid lines, removes duplicates and reads CSV', () => {
    const result = parseUrlList('url,title\nhttps://a.com/,A\nhttps://a.com/#x,A again\nnot a url\n\n# comment\nb.com/page\nftp://c.com/');
    expect(result.urls).toEqual(['https://a.com/', 'https://b.com/page']);
    expect(result.duplicates).toBe(1);
    expect(result.invalid.map((i) => i.line)).toEqual([4, 8]);
  });
});
