import { describe, expect, it } from 'vitest';
import { auditSettingsSchema, crawlOptionsSchema } from '@/lib/crawler/crawl-options';

describe('one settings schema for audits and crawls', () => {
  it('gives a crawl the same defaults and bounds an audit has', () => {
    const audit = auditSettingsSchema.parse({});
    const crawl = crawlOptionsSchema.parse({ startUrl: 'https://example.com/' });
    expect(crawl).toMatchObject({ maxPages: audit.maxPages, maxDepth: audit.maxDepth, renderMode: audit.renderMode, include: [], exclude: [] });
    expect(crawlOptionsSchema.safeParse({ startUrl: 'https://example.com/', maxDepth: 51 }).success).toBe(false);
    expect(auditSettingsSchema.safeParse({ maxDepth: 51 }).success).toBe(false);
  });

  it('takes stored audit settings as they are, the page timeout becoming the header and body timeouts', () => {
    const settings = auditSettingsSchema.parse({ maxPages: 7, pageTimeoutMs: 3_000, include: ['/blog/*'] });
    const crawl = crawlOptionsSchema.parse({ ...settings, startUrl: 'https://example.com/' });
    expect(crawl).toMatchObject({ maxPages: 7, include: ['/blog/*'], timeouts: { headersMs: 3_000, bodyMs: 3_000 } });
    expect(crawl).not.toHaveProperty('pageTimeoutMs');
  });

  it('lets finer timeouts override the page timeout', () => {
    const crawl = crawlOptionsSchema.parse({ startUrl: 'https://example.com/', pageTimeoutMs: 3_000, timeouts: { bodyMs: 500, connectMs: 200 } });
    expect(crawl.timeouts).toEqual({ headersMs: 3_000, bodyMs: 500, connectMs: 200 });
  });

  it('refuses a pattern that does not compile in the crawler too', () => {
    expect(crawlOptionsSchema.safeParse({ startUrl: 'https://example.com/', exclude: ['re:('] }).success).toBe(false);
  });
});

describe('crawl settings a person chooses', () => {
  it('turn a rate cap into a gap between requests', () => {
    expect(crawlOptionsSchema.parse({ startUrl: 'https://example.com/', maxRequestsPerSecond: 4 }).politenessDelayMs).toBe(250);
    expect(crawlOptionsSchema.parse({ startUrl: 'https://example.com/', maxRequestsPerSecond: 4, politenessDelayMs: 1_000 }).politenessDelayMs).toBe(1_000);
    expect(crawlOptionsSchema.parse({ startUrl: 'https://example.com/' }).politenessDelayMs).toBe(0);
    expect(auditSettingsSchema.safeParse({ maxRequestsPerSecond: 0 }).success).toBe(false);
  });

  it('keep scope and refuse a user agent on two lines', () => {
    expect(crawlOptionsSchema.parse({ startUrl: 'https://example.com/blog/', scope: 'folder' }).scope).toBe('folder');
    expect(auditSettingsSchema.parse({}).scope).toBe('host');
    expect(auditSettingsSchema.safeParse({ userAgentPreset: 'custom', customUserAgent: 'A\r\nX-Evil: 1' }).success).toBe(false);
  });
});
