import { describe, expect, it, vi } from 'vitest';

// Only the pure helpers are tested here; the query itself runs against PostgreSQL in the app.
vi.mock('@/lib/db', () => ({ db: {} }));

const { auditListHref, auditListWhere, clampPage, escapeLike, kindLabel, parseAuditListQuery } = await import('@/lib/audits/list-audits');

describe('parseAuditListQuery', () => {
  it('reads search, kind, status and page from the search params', () => {
    expect(parseAuditListQuery({ q: '  example.com ', kind: 'PROFESSIONAL', status: 'COMPLETED_WITH_ERRORS', page: '3' })).toEqual({
      q: 'example.com',
      kind: 'PROFESSIONAL',
      status: 'COMPLETED_WITH_ERRORS',
      page: 3,
    });
  });

  it('reads anything unknown or malformed as no filter and page 1, never as an error', () => {
    expect(parseAuditListQuery({ q: '   ', site: 'a b/c', kind: 'nope', status: 'done', page: '-2' })).toEqual({ q: undefined, site: undefined, kind: undefined, status: undefined, page: 1 });
    expect(parseAuditListQuery({ page: 'abc' }).page).toBe(1);
    expect(parseAuditListQuery({}).page).toBe(1);
  });

  it('takes the first of repeated params and caps a long search', () => {
    const query = parseAuditListQuery({ q: ['a'.repeat(500), 'b'], kind: ['BULK', 'SINGLE'] });
    expect(query.q).toHaveLength(200);
    expect(query.kind).toBe('BULK');
  });
});

describe('auditListHref', () => {
  it('keeps the filters and leaves out the defaults', () => {
    expect(auditListHref({ q: 'shop & co', kind: 'SINGLE', page: 2 })).toBe('/audits?q=shop+%26+co&kind=SINGLE&page=2');
    expect(auditListHref({ site: 'example.com' })).toBe('/audits?site=example.com');
    expect(auditListHref({ page: 1 })).toBe('/audits');
  });
});

describe('auditListWhere', () => {
  it('limits to the user, top-level audits and the filters given', () => {
    expect(auditListWhere('u1', { q: 'Example', kind: 'BULK', status: 'FAILED' })).toEqual({
      userId: 'u1',
      parentId: null,
      url: { contains: 'Example', mode: 'insensitive' },
      kind: 'BULK',
      status: 'FAILED',
    });
    expect(auditListWhere('u1', {})).toEqual({ userId: 'u1', parentId: null });
  });

  it('finds a site under http and https, with and without www., and nothing else', () => {
    const where = auditListWhere('u1', parseAuditListQuery({ site: 'Example.com' }));
    expect(where.OR).toEqual([
      { url: { startsWith: 'http://example.com/' } },
      { url: { startsWith: 'https://example.com/' } },
      { url: { startsWith: 'http://www.example.com/' } },
      { url: { startsWith: 'https://www.example.com/' } },
    ]);
    expect(parseAuditListQuery({ site: '127.0.0.1:8080' }).site).toBe('127.0.0.1:8080');
  });

  it('searches for % and _ literally, not as LIKE wildcards', () => {
    expect(escapeLike('100%_off\\x')).toBe('100\\%\\_off\\\\x');
    expect(auditListWhere('u1', { q: '%' }).url).toEqual({ contains: '\\%', mode: 'insensitive' });
  });
});

describe('clampPage', () => {
  it('moves a page past the end back to the last page', () => {
    expect(clampPage(9, 51, 25)).toBe(3);
    expect(clampPage(2, 51, 25)).toBe(2);
    expect(clampPage(4, 0, 25)).toBe(1);
  });
});

describe('kindLabel', () => {
  it('names each kind in words', () => {
    expect(kindLabel('PROFESSIONAL')).toBe('Site audit');
    expect(kindLabel('SINGLE')).toBe('Page analysis');
  });
});
