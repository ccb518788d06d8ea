import { describe, expect, it } from 'vitest';
import { analyzePageFacts } from '@/lib/audits/analyze-page-facts';
import { buildCleanPage } from '@/test/clean-page-fixture';
import { buildTestPage } from '@/test/test-page';

describe('analyzePageFacts', () => {
  it('scores the clean page at the top and lists only info findings', () => {
    const result = analyzePageFacts(buildCleanPage());
    expect(result.score).toBe(100);
    expect(result.status).toBe(200);
    expect(result.findings.every((f) => f.severity === 'info')).toBe(true);
    expect(result.keyword).toBeUndefined();
  });

  it('sorts findings by impact and lowers the score for a neglected page', () => {
    const page = buildTestPage('<html><body><p>Hi</p><img src="/a.jpg"></body></html>', { url: 'http://example.com/Some_Page' });
    const result = analyzePageFacts(page);
    expect(result.findings[0]?.severity).toBe('critical');
    expect(result.findings[0]?.checkId).toBe('http-not-https');
    expect(result.score).toBeLessThan(40);
    expect(result.categoryScores.security).toBeLessThan(60);
    expect(result.categoryScores['on-page']).toBeLessThan(80);
  });

  it('a 404 drops the score hard without piling on content findings', () => {
    const result = analyzePageFacts(buildTestPage('<html><head><title>Not found</title></head><body><h1>Not found</h1></body></html>', { status: 404 }));
    expect(result.findings.map((f) => f.checkId)).toContain('http-4xx');
    expect(result.findings.map((f) => f.checkId)).not.toContain('meta-description-missing');
    expect(result.findings.map((f) => f.checkId)).not.toContain('thin-content');
    expect(result.score).toBeLessThanOrEqual(60);
  });

  it('adds keyword analysis when asked', () => {
    const result = analyzePageFacts(buildCleanPage(), { keyword: 'roof repair' });
    expect(result.keyword?.title.found).toBe(true);
    expect(analyzePageFacts(buildCleanPage(), { keyword: '   ' }).keyword).toBeUndefined();
  });

  it('is deterministic', () => {
    const page = buildTestPage('<html><body><h1>x</h1><img src="/a.jpg"></body></html>');
    expect(analyzePageFacts(page)).toEqual(analyzePageFacts(page));
  });
});
