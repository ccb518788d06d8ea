import { describe, expect, it } from 'vitest';
import { runPageChecks } from '@/lib/checks/run-page-checks';
import { buildHtml, buildTestPage } from '@/test/test-page';
import type { PageCheck } from '@/lib/checks/types';

const base = { scope: 'page', category: 'on-page', severity: 'high', title: 'T', why: 'W', fix: 'F' } as const;

describe('runPageChecks', () => {
  const page = buildTestPage(buildHtml('<h1>x</h1>'));

  it('maps issues to findings with static fields and the page URL by default', () => {
    const checks: PageCheck[] = [{ ...base, id: 'a', run: () => [{ message: 'm1' }, { message: 'm2', url: 'https://other/', details: { n: 1 } }] }];
    expect(runPageChecks(page, checks)).toEqual([
      { checkId: 'a', category: 'on-page', severity: 'high', title: 'T', message: 'm1', url: page.finalUrl },
      { checkId: 'a', category: 'on-page', severity: 'high', title: 'T', message: 'm2', url: 'https://other/', details: { n: 1 } },
    ]);
  });

  it('records a throwing check as an info check-error finding and keeps running the rest', () => {
    const checks: PageCheck[] = [
      { ...base, id: 'boom', run: () => { throw new Error('kaput'); } },
      { ...base, id: 'ok', run: () => [{ message: 'still here' }] },
    ];
    const findings = runPageChecks(page, checks);
    expect(findings.map((f) => f.checkId)).toEqual(['check-error', 'ok']);
    expect(findings[0]).toMatchObject({ severity: 'info', message: 'Check "boom" could not run: kaput', details: { failedCheckId: 'boom' } });
  });

  it('runs the full catalogue by default without errors', () => {
    const findings = runPageChecks(page);
    expect(findings.filter((f) => f.checkId === 'check-error')).toEqual([]);
    expect(findings.length).toBeGreaterThan(0);
  });

  it('does not crash on hand-built minimal facts (optional fields omitted)', () => {
    const minimal = { ...page };
    delete minimal.structure;
    delete minimal.secrets;
    delete minimal.fixedWidthElements;
    delete minimal.ignoredHeadElements;
    delete minimal.templateTokens;
    expect(runPageChecks(minimal).filter((f) => f.checkId === 'check-error')).toEqual([]);
  });
});
