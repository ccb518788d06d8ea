import { describe, expect, it } from 'vitest';
import { validateRobotsTxt } from '@/lib/checks/robots-txt';

describe('validateRobotsTxt', () => {
  it('accepts a valid file with comments, BOM, CRLF and safelisted directives', () => {
    const body = '\uFEFF# comment\r\nUser-agent: *\r\nDisallow: /admin\r\nAllow: /admin/public$\r\nCrawl-delay: 2\r\n\r\nUser-agent: Googlebot\r\nDisallow:\r\nSitemap: https://example.com/sitemap.xml\r\n';
    expect(validateRobotsTxt(body)).toEqual([]);
  });

  it('accepts an empty file', () => {
    expect(validateRobotsTxt('')).toEqual([]);
  });

  it('reports each invalid line with its 1-based number', () => {
    const body = [
      'Disallow: /early', // 1: before any user-agent
      'User-agent: *', // 2
      'Dissalow: /typo', // 3: unknown directive
      'Disallow: admin', // 4: bad pattern
      'Disallow: /a$b', // 5: $ not at end
      'just some text', // 6: no colon
      'Sitemap: /sitemap.xml', // 7: relative sitemap
      'Sitemap: javascript:alert(1)', // 8: bad protocol
      'User-agent:', // 9: empty UA
      'Crawl-delay: soon', // 10
    ].join('\n');
    const errors = validateRobotsTxt(body);
    expect(errors.map((e) => e.line)).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(errors[0]?.message).toContain('before any User-agent');
    expect(errors[1]?.message).toBe('Unknown directive "dissalow"');
    expect(errors[2]?.message).toContain('"admin"');
    expect(errors[3]?.message).toContain('"/a$b"');
    expect(errors[4]?.message).toContain('just some text');
    expect(errors[5]?.message).toContain('/sitemap.xml');
    expect(errors[6]?.message).toContain('javascript:');
    expect(errors[7]?.message).toBe('No user-agent specified');
    expect(errors[8]?.message).toContain('soon');
  });

  it('flags content beyond Google’s 500 KiB limit once', () => {
    const line = `Disallow: /${'a'.repeat(100)}\n`;
    const body = `User-agent: *\n${line.repeat(6000)}`;
    const errors = validateRobotsTxt(body);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('500 KiB');
  });
});
