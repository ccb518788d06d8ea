import { describe, expect, it } from 'vitest';
import { CLEAN_PAGE_URL, buildCleanPage } from '@/test/clean-page-fixture';
import { pageChecks } from '@/lib/checks/page-checks';
import { runPageChecks } from '@/lib/checks/run-page-checks';

describe('clean, well-optimised page', () => {
  const page = buildCleanPage();

  it('extracts what a real SEO would expect', () => {
    expect(page.title).toBe('Roof Repair in Springfield, IL | Acme Roofing');
    expect(page.canonicals).toEqual([CLEAN_PAGE_URL]);
    expect(page.h1s).toEqual(['Roof Repair in Springfield']);
    expect(page.wordCount).toBeGreaterThan(300);
    expect(page.structuredData[0]?.types).toEqual(['Organization', 'BreadcrumbList', 'ListItem']);
  });

  it('triggers no page check above info', () => {
    const findings = runPageChecks(page).filter((f) => f.severity !== 'info');
    expect(findings.map((f) => `${f.checkId}: ${f.message}`)).toEqual([]);
  });

  it('every page check stays silent except a few informational notes', () => {
    const fired = new Set(runPageChecks(page).map((f) => f.checkId));
    expect([...fired].every((id) => pageChecks.find((c) => c.id === id)?.severity === 'info')).toBe(true);
  });
});
