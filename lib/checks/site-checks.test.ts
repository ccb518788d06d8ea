import { describe, expect, it } from 'vitest';

import { siteChecks } from '@/lib/checks/site-checks';
import { buildSiteGraph, healthySiteSpec } from '@/test/site-graph-fixture';
import { CATEGORIES, SEVERITIES } from '@/lib/checks/types';

describe('siteChecks', () => {
  it('has unique kebab-case ids and complete metadata', () => {
    const ids = siteChecks.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(28);
    for (const check of siteChecks) {
      expect(check.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(check.scope).toBe('site');
      expect(CATEGORIES).toContain(check.category);
      expect(SEVERITIES).toContain(check.severity);
      expect(check.title.length).toBeGreaterThan(0);
      expect(check.why.length).toBeGreaterThan(20);
      expect(check.fix.length).toBeGreaterThan(20);
    }
  });

  it('every check passes on a healthy site and on an empty graph', () => {
    const healthy = buildSiteGraph(healthySiteSpec());
    const empty = { startUrl: 'https://example.com/', pages: new Map(), links: [], sitemapUrls: [], robotsTxt: null, blockedByRobots: [] };
    for (const check of siteChecks) {
      expect(check.run(healthy), check.id).toEqual([]);
      const onEmpty = check.run(empty).map((issue) => check.id + ': ' + issue.message);
      // An empty crawl legitimately has no sitemap; nothing else should fire or throw.
      expect(onEmpty.filter((line) => !line.startsWith('sitemap-missing')), check.id).toEqual([]);
    }
  });
});
