import { describe, expect, it } from 'vitest';
import { REDIRECT_CHECK_IDS, REDIRECT_CHECKS_REPEATED_BY_SITE_CHECKS } from '@/lib/checks/http';
import { pageChecks } from '@/lib/checks/page-checks';
import { runPageChecks } from '@/lib/checks/run-page-checks';
import { buildHtml, buildTestPage } from '@/test/test-page';

const ASKED = 'http://example.com/old';
const LANDED = 'https://example.com/new';
const hops = [
  { url: ASKED, status: 302, location: 'https://example.com/old' },
  { url: 'https://example.com/old', status: 301, location: LANDED },
];

describe('findings about a redirect', () => {
  it('belong to the URL that was asked for and redirects; the rest to the page it landed on', () => {
    const page = buildTestPage(buildHtml('<h1>New</h1>'), { url: ASKED, finalUrl: LANDED, redirects: hops });
    const findings = runPageChecks(page);
    const redirect = findings.filter((f) => REDIRECT_CHECK_IDS.has(f.checkId));
    expect(redirect.map((f) => f.checkId).sort()).toEqual(['redirect-chain', 'redirect-temporary', 'redirected-url']);
    expect(redirect.every((f) => f.url === ASKED)).toBe(true);
    expect(findings.filter((f) => !REDIRECT_CHECK_IDS.has(f.checkId)).every((f) => f.url === LANDED)).toBe(true);

    const loop = runPageChecks(buildTestPage('', { url: ASKED, finalUrl: LANDED, redirects: hops, redirectError: 'loop', status: 301 }));
    expect(loop.find((f) => f.checkId === 'redirect-loop')?.url).toBe(ASKED);
  });

  it('names only page checks that exist', () => {
    const ids = new Set(pageChecks.map((c) => c.id));
    for (const id of [...REDIRECT_CHECK_IDS, ...REDIRECT_CHECKS_REPEATED_BY_SITE_CHECKS]) expect(ids.has(id), id).toBe(true);
    for (const id of REDIRECT_CHECKS_REPEATED_BY_SITE_CHECKS) expect(REDIRECT_CHECK_IDS.has(id), id).toBe(true);
  });
});
