import { describe, expect, it } from 'vitest';
import { startComparisonInput } from '@/lib/comparisons/comparison-input';

const messages = (raw: unknown) => {
  const parsed = startComparisonInput.safeParse(raw);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('startComparisonInput', () => {
  it('accepts a site and up to four rivals, normalising URLs', () => {
    const parsed = startComparisonInput.parse({ url: 'example.com', rivals: ['https://a.com', 'b.com/'], maxPages: '20', keyword: ' roof repair ' });
    expect(parsed).toEqual({ url: 'https://example.com/', rivals: ['https://a.com/', 'https://b.com/'], maxPages: 20, keyword: 'roof repair' });
  });

  it('refuses no rivals, more than four, duplicates and the own site', () => {
    expect(messages({ url: 'https://example.com', rivals: [] })).toEqual(['Add at least one rival.']);
    expect(messages({ url: 'https://example.com', rivals: ['a.com', 'b.com', 'c.com', 'd.com', 'e.com'] })).toEqual(['At most 4 rivals.']);
    expect(messages({ url: 'https://example.com', rivals: ['https://EXAMPLE.com/?x=1'] })[0]).toMatch(/your own site/);
    expect(messages({ url: 'https://example.com', rivals: ['a.com', 'https://a.com/'] })[0]).toMatch(/listed twice/);
  });

  it('refuses bad URLs and page counts with clear messages', () => {
    expect(messages({ url: 'ftp://example.com', rivals: ['a.com'] })[0]).toMatch(/Only http and https/);
    expect(messages({ url: 'https://example.com', rivals: ['a.com'], maxPages: 0 })).toEqual(['At least 1 page.']);
    expect(messages({ url: 'https://example.com', rivals: 'a.com' })[0]).toBe('rivals must be a list of URLs.');
  });
});
