import { describe, expect, it } from 'vitest';

import { runSiteChecks } from '@/lib/checks/run-site-checks';
import { buildSiteGraph, healthySiteSpec, healthyWith } from '@/test/site-graph-fixture';
import type { SiteCheck } from '@/lib/checks/types';

const base = {
  scope: 'site',
  category: 'links',
  severity: 'medium',
  title: 'T',
  why: 'W',
  fix: 'F',
} satisfies Omit<SiteCheck, 'id' | 'run'>;

describe('runSiteChecks', () => {
  it('adds the static check fields and defaults the url to the start URL', () => {
    const graph = buildSiteGraph(healthySiteSpec());
    const checks: SiteCheck[] = [
      { ...base, id: 'one', run: () => [{ message: 'm1', url: 'https://example.com/a', details: { n: 1 } }] },
      { ...base, id: 'two', severity: 'low', run: () => [{ message: 'm2' }] },
    ];
    expect(runSiteChecks(graph, checks)).toEqual([
      { checkId: 'one', category: 'links', severity: 'medium', title: 'T', message: 'm1', url: 'https://example.com/a', details: { n: 1 } },
      { checkId: 'two', category: 'links', severity: 'low', title: 'T', message: 'm2', url: 'https://example.com/' },
    ]);
  });

  it('turns a throwing check into an info finding and keeps running the others', () => {
    const graph = buildSiteGraph(healthySiteSpec());
    const checks: SiteCheck[] = [
      { ...base, id: 'boom', run: () => { throw new Error('kaput'); } },
      { ...base, id: 'fine', run: () => [{ message: 'ok' }] },
    ];
    const findings = runSiteChecks(graph, checks);
    expect(findings.map((f) => f.checkId)).toEqual(['check-error', 'fine']);
    expect(findings[0]).toMatchObject({
      severity: 'info',
      url: 'https://example.com/',
      message: 'Check "boom" could not run: kaput',
      details: { failedCheckId: 'boom' },
    });
  });

  it('finds nothing on a healthy site with the default checks', () => {
    expect(runSiteChecks(buildSiteGraph(healthySiteSpec()))).toEqual([]);
  });

  it('reports problems of a broken site with the default checks', () => {
    const graph = buildSiteGraph(healthyWith({ '/': { links: ['/about', '/missing'] }, '/missing': { status: 404 } }));
    expect(runSiteChecks(graph).map((f) => [f.checkId, f.url])).toContainEqual(['broken-internal-link', 'https://example.com/missing']);
  });
});
