import { describe, expect, it } from 'vitest';
import { combineUrlLists, describeInvalidLines, hasExplicitScheme, httpUrl, parseUrlList, readBulkOptions, startAuditInput, toBulkOptions } from '@/lib/audits/audit-input';
import { countOf } from '@/lib/checks/labels';

describe('httpUrl', () => {
  it('adds https:// to a bare host and drops the fragment', () => {
    expect(httpUrl.parse('example.com/a#top')).toBe('https://example.com/a');
  });
  it.each([
    ['example.com', 'https://example.com/'],
    ['localhost:3000', 'https://localhost:3000/'],
    ['localhost:3000/a?b=1', 'https://localhost:3000/a?b=1'],
    ['example.com:8080/path', 'https://example.com:8080/path'],
    ['127.0.0.1:4000', 'https://127.0.0.1:4000/'],
    ['HTTP://Example.com/A', 'http://example.com/A'],
  ])('accepts %s as %s', (input, expected) => {
    expect(httpUrl.parse(input)).toBe(expected);
  });
  it.each([
    ['ftp://example.com/', /Only http and https URLs can be analysed \("ftp:\/\/example.com\/" uses ftp:\)/],
    ['mailto:x@y.z', /Only http and https URLs can be analysed \("mailto:x@y.z" uses mailto:\)/],
    ['javascript:alert(1)', /Only http and https .* uses javascript:/],
    ['file:///etc/passwd', /Only http and https .* uses file:/],
    ['http://', /not a valid URL/],
    ['https://intranet/', /"intranet" is not a full host name/],
    ['hello', /^"hello" is not a full host name\.$/],
    ['', /Enter a URL/],
  ])('rejects %s with a clear message', (input, message) => {
    const result = httpUrl.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });
});

describe('hasExplicitScheme', () => {
  it.each([
    ['example.com', false],
    ['example.com/a:b', false],
    ['localhost:3000', false],
    ['localhost:3000/path', false],
    ['  example.com:8080?x=1', false],
    ['//example.com/', false],
    ['https://example.com', true],
    ['http:example.com', true],
    ['mailto:x@y.z', true],
    ['javascript:alert(1)', true],
    ['ftp://example.com', true],
  ])('%s → %s', (input, expected) => {
    expect(hasExplicitScheme(input)).toBe(expected);
  });
});

describe('startAuditInput', () => {
  it('applies defaults and bounds', () => {
    expect(startAuditInput.parse({ url: 'https://example.com' })).toMatchObject({ maxPages: 100, renderMode: 'auto', respectRobots: true });
    expect(startAuditInput.safeParse({ url: 'https://example.com', maxPages: 10_001 }).success).toBe(false);
  });

  it('refuses an include/exclude regex that does not compile, naming the pattern', () => {
    const result = startAuditInput.safeParse({ url: 'https://example.com', include: ['/blog/*', 're:('] });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path).toEqual(['include', 1]);
    expect(issue.message).toMatch(/^Invalid URL pattern "re:\(": not a valid regular expression \(.+\)/);
    expect(startAuditInput.safeParse({ url: 'https://example.com', exclude: ['re:[a-'] }).success).toBe(false);
  });

  it('accepts globs and valid regexes', () => {
    const parsed = startAuditInput.parse({ url: 'https://example.com', include: ['re:^https://example\\.com/(blog|news)/', 'https://example.com/*'], exclude: ['/tag/*'] });
    expect(parsed).toMatchObject({ include: ['re:^https://example\\.com/(blog|news)/', 'https://example.com/*'], exclude: ['/tag/*'] });
  });
});

describe('parseUrlList', () => {
  it('reports invalid lines, removes duplicates and reads CSV', () => {
    const result = parseUrlList('url,title\nhttps://a.com/,A\nhttps://a.com/#x,A again\nnot a url\n\n# comment\nb.com/page\nftp://c.com/');
    expect(result.urls).toEqual(['https://a.com/', 'https://b.com/page']);
    expect(result.duplicates).toBe(1);
    expect(result.invalid.map((i) => i.line)).toEqual([4, 8]);
  });

  it('lists every rejected line with its line number, text and reason', () => {
    const result = parseUrlList('hello\nexample.com\nmailto:x@y.z\n\nftp://files.example.com/a\nlocalhost:3000\nhttps://intranet/\njavascript:alert(1)');
    expect(result.urls).toEqual(['https://example.com/', 'https://localhost:3000/']);
    expect(result.invalid).toEqual([
      { line: 1, text: 'hello', reason: '"hello" is not a full host name.' },
      { line: 3, text: 'mailto:x@y.z', reason: 'Only http and https URLs can be analysed ("mailto:x@y.z" uses mailto:).' },
      { line: 5, text: 'ftp://files.example.com/a', reason: 'Only http and https URLs can be analysed ("ftp://files.example.com/a" uses ftp:).' },
      { line: 7, text: 'https://intranet/', reason: '"intranet" is not a full host name.' },
      { line: 8, text: 'javascript:alert(1)', reason: expect.stringMatching(/uses javascript:/) },
    ]);
  });

  it('skips a header on the first line only, and reports a lone word elsewhere', () => {
    expect(parseUrlList('url\nexample.com').invalid).toEqual([]);
    expect(parseUrlList('URL\nexample.com').urls).toEqual(['https://example.com/']);
    expect(parseUrlList('example.com\nurl').invalid).toEqual([{ line: 2, text: 'url', reason: '"url" is not a full host name.' }]);
  });

  it('names the file a rejected line came from', () => {
    expect(parseUrlList('a.com\nhello', 'urls.csv').invalid).toEqual([{ line: 2, text: 'hello', reason: '"hello" is not a full host name.', source: 'urls.csv' }]);
  });
});

describe('combineUrlLists', () => {
  it('keeps each list’s line numbers and removes duplicates across lists', () => {
    const combined = combineUrlLists([parseUrlList('a.com\nhello'), parseUrlList('url\nhttps://a.com/\nb.com\nworld', 'list.txt')]);
    expect(combined.urls).toEqual(['https://a.com/', 'https://b.com/']);
    expect(combined.duplicates).toBe(1);
    expect(combined.invalid.map((i) => [i.source, i.line])).toEqual([
      [undefined, 2],
      ['list.txt', 4],
    ]);
  });
});

describe('describeInvalidLines', () => {
  it('lists each line, then "and N more" past the cap', () => {
    const invalid = Array.from({ length: 105 }, (_, i) => ({ line: i + 1, text: `w${i}`, reason: `"w${i}" is not a full host name.` }));
    const described = describeInvalidLines(invalid);
    expect(described).toHaveLength(101);
    expect(described[0]).toBe('Line 1: "w0" is not a full host name.');
    expect(described[100]).toBe('…and 5 more.');
    expect(describeInvalidLines(invalid.slice(0, 3), 100, 2_000).at(-1)).toBe('…and 1,997 more.');
    expect(describeInvalidLines([{ line: 4, text: 'x', reason: 'Bad.', source: 'a.csv' }])).toEqual(['a.csv line 4: Bad.']);
  });
});

describe('countOf', () => {
  it('uses the singular for one', () => {
    expect(countOf(1, 'invalid line')).toBe('1 invalid line');
    expect(countOf(0, 'duplicate')).toBe('0 duplicates');
    expect(countOf(1_000, 'URL')).toBe('1,000 URLs');
  });
});

describe('bulk options', () => {
  it('stores what was skipped and reads it back; older audits have no record', () => {
    const list = parseUrlList('a.com\nhello\na.com');
    const stored = JSON.parse(JSON.stringify(toBulkOptions(list.urls, list)));
    expect(readBulkOptions(stored)).toEqual({
      urls: ['https://a.com/'],
      skipped: { invalid: [{ line: 2, text: 'hello', reason: '"hello" is not a full host name.' }], invalidTotal: 1, duplicates: 1 },
    });
    expect(readBulkOptions({ urls: ['https://a.com/'] })).toEqual({ urls: ['https://a.com/'] });
    expect(readBulkOptions({ maxPages: 10 })).toBeNull();
  });

  it('stores at most 1,000 rejected lines but counts them all', () => {
    const invalid = Array.from({ length: 1_500 }, (_, i) => ({ line: i + 1, text: 'x', reason: 'Bad.' }));
    const stored = toBulkOptions(['https://a.com/'], { invalid, duplicates: 0 });
    expect(stored.skipped?.invalid).toHaveLength(1_000);
    expect(stored.skipped?.invalidTotal).toBe(1_500);
  });
});
