import { describe, expect, it } from 'vitest';
import {
  depthHistogram,
  likePattern,
  parseLinkPaging,
  parsePagesQuery,
  parsePaging,
  RESPONSE_TIME_BOUNDS_MS,
  responseTimeBucket,
  responseTimeHistogram,
  statusHistogram,
} from '@/lib/audits/explorer-queries';
import { ALL_CHECKS } from '@/lib/checks/catalog';
import { AppError } from '@/lib/errors';

function badRequest(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('BAD_REQUEST');
    return (err as AppError).message;
  }
  throw new Error('expected a 400');
}

describe('parsePagesQuery', () => {
  it('defaults: first page of 50, by URL ascending, no filters', () => {
    expect(parsePagesQuery({})).toEqual({ page: 1, pageSize: 50, sort: 'url', order: 'asc' });
    expect(parsePagesQuery(new URLSearchParams())).toEqual(parsePagesQuery({}));
  });

  it('reads every parameter, from a record (server components) or URLSearchParams (route handlers)', () => {
    const expected = { page: 3, pageSize: 200, sort: 'findings', order: 'desc', status: 'client-error', q: '50% off_sale', hasIssue: 'title-missing' };
    expect(parsePagesQuery({ page: '3', pageSize: '200', sort: 'findings', order: 'desc', status: 'client-error', q: '  50% off_sale ', hasIssue: 'title-missing' })).toEqual(expected);
    expect(parsePagesQuery(new URLSearchParams('page=3&pageSize=200&sort=findings&order=desc&status=client-error&q=50%25+off_sale&hasIssue=title-missing'))).toEqual(expected);
  });

  it('ignores the explorer’s other parameters, reads the first of repeated ones, and treats empty values as absent', () => {
    expect(parsePagesQuery({ tab: 'pages', from: 'x', sort: ['score', 'url'], status: '', q: '   ' })).toEqual({ page: 1, pageSize: 50, sort: 'score', order: 'asc' });
  });

  it('accepts every check id of the catalogue as hasIssue', () => {
    for (const check of [...ALL_CHECKS, { id: 'check-error' }]) expect(parsePagesQuery({ hasIssue: check.id }).hasIssue).toBe(check.id);
  });

  it('refuses bad values with a 400 that names the parameter', () => {
    expect(badRequest(() => parsePagesQuery({ page: '0' }))).toMatch(/page must be at least 1/);
    expect(badRequest(() => parsePagesQuery({ page: 'abc' }))).toMatch(/page must be a whole number/);
    expect(badRequest(() => parsePagesQuery({ page: '1.5' }))).toMatch(/page/);
    expect(badRequest(() => parsePagesQuery({ pageSize: '201' }))).toMatch(/pageSize must be at most 200/);
    expect(badRequest(() => parsePagesQuery({ pageSize: '0' }))).toMatch(/pageSize must be at least 1/);
    expect(badRequest(() => parsePagesQuery({ sort: 'secret' }))).toMatch(/sort must be one of url, status, depth, title, wordCount, loadMs, score, findings/);
    expect(badRequest(() => parsePagesQuery({ order: 'up' }))).toMatch(/order must be asc or desc/);
    expect(badRequest(() => parsePagesQuery({ status: '404' }))).toMatch(/status must be one of ok, redirect/);
    expect(badRequest(() => parsePagesQuery({ q: 'x'.repeat(201) }))).toMatch(/q must be at most 200 characters/);
    expect(parsePagesQuery({ q: 'x'.repeat(200) }).q).toHaveLength(200);
    expect(badRequest(() => parsePagesQuery({ hasIssue: "x' OR 1=1" }))).toMatch(/hasIssue must be a check id/);
    expect(badRequest(() => parsePagesQuery({ page: '0', sort: 'nope' }))).toMatch(/page.*; sort/);
  });
});

describe('parsePaging and parseLinkPaging', () => {
  it('read page/pageSize and in/out with defaults, and refuse nonsense', () => {
    expect(parsePaging(new URLSearchParams())).toEqual({ page: 1, pageSize: 50 });
    expect(parsePaging(new URLSearchParams('page=4&pageSize=10'))).toEqual({ page: 4, pageSize: 10 });
    expect(badRequest(() => parsePaging(new URLSearchParams('pageSize=1000')))).toMatch(/pageSize/);
    expect(parseLinkPaging({})).toEqual({ inPage: 1, outPage: 1 });
    expect(parseLinkPaging({ in: '2', out: '7' })).toEqual({ inPage: 2, outPage: 7 });
    expect(badRequest(() => parseLinkPaging({ in: '-1' }))).toMatch(/in must be a whole number/);
  });
});

describe('likePattern', () => {
  it('makes % and _ and \\ literal inside a substring match', () => {
    expect(likePattern('shoes')).toBe('%shoes%');
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});

describe('histograms', () => {
  it('response times: buckets agree with width_bucket at every bound', () => {
    expect(responseTimeBucket(0)).toBe(0);
    expect(responseTimeBucket(199)).toBe(0);
    RESPONSE_TIME_BOUNDS_MS.forEach((bound, i) => {
      expect(responseTimeBucket(bound - 1)).toBe(i);
      expect(responseTimeBucket(bound)).toBe(i + 1);
    });
    expect(responseTimeBucket(60_000)).toBe(RESPONSE_TIME_BOUNDS_MS.length);
  });

  it('response times: every bucket in order with empty ones, nothing when nothing was measured', () => {
    expect(responseTimeHistogram([{ bucket: 5, count: 1 }, { bucket: 0, count: 7 }, { bucket: 2, count: 3 }])).toEqual([
      { label: '< 200 ms', count: 7 },
      { label: '200–500 ms', count: 0 },
      { label: '0.5–1 s', count: 3 },
      { label: '1–2 s', count: 0 },
      { label: '2–5 s', count: 0 },
      { label: '≥ 5 s', count: 1 },
    ]);
    expect(responseTimeHistogram([])).toEqual([]);
  });

  it('depths: gaps filled, deep pages in one bar, unlinked pages last', () => {
    expect(depthHistogram([{ depth: 2, count: 4 }, { depth: 0, count: 1 }, { depth: null, count: 3 }])).toEqual([
      { label: '0', count: 1 },
      { label: '1', count: 0 },
      { label: '2', count: 4 },
      { label: 'Not linked', count: 3 },
    ]);
    const deep = depthHistogram([{ depth: 0, count: 1 }, { depth: 10, count: 2 }, { depth: 25, count: 5 }]);
    expect(deep).toHaveLength(11);
    expect(deep.at(-1)).toEqual({ label: '10+', count: 7 });
    expect(depthHistogram([])).toEqual([]);
  });

  it('status codes: in code order, no-response and blocked URLs apart and last', () => {
    expect(
      statusHistogram([
        { status: 404, blocked: false, count: 2 },
        { status: 0, blocked: true, count: 3 },
        { status: 200, blocked: false, count: 40 },
        { status: 0, blocked: false, count: 1 },
        { status: 301, blocked: false, count: 5 },
        { status: 200, blocked: true, count: 1 },
      ]),
    ).toEqual([
      { label: '200', count: 41 },
      { label: '301', count: 5 },
      { label: '404', count: 2 },
      { label: 'No response', count: 1 },
      { label: 'Blocked by robots.txt', count: 3 },
    ]);
  });
});
