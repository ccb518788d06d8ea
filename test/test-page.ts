// Test helper: builds PageFacts from an HTML string through the real extractor, so check tests
// exercise the same facts production sees.
import { expect } from 'vitest';
import { extractPageFacts } from '@/lib/analysis/extract-page-facts';
import type { PageFacts } from '@/lib/crawler/page-facts';
import type { Issue, PageCheck } from '@/lib/checks/types';
import type { FetchResult, RenderResult } from '@/lib/fetch/types';

export type TestPageOptions = {
  url?: string;
  finalUrl?: string;
  status?: number;
  headers?: Record<string, string>;
  contentType?: string;
  redirects?: FetchResult['redirects'];
  redirectError?: FetchResult['redirectError'];
  ttfbMs?: number;
  totalMs?: number;
  loopLagMs?: number;
  transferBytes?: number;
  truncated?: boolean;
  renderedHtml?: string;
  /** Measurements the renderer attached (with renderedHtml). */
  labMetrics?: RenderResult['labMetrics'];
  mobileLayout?: RenderResult['mobileLayout'];
  looksClientRendered?: boolean;
};

export const TEST_URL = 'https://example.com/services/roof-repair';

/** A bare response for code that only looks at its URL, status and redirects (no body, no timings to speak of). */
export function fetchResponse(url: string, status: number, extra: Partial<FetchResult> = {}): FetchResult {
  return {
    requestedUrl: url,
    finalUrl: url,
    status,
    headers: {},
    redirects: [],
    body: '',
    contentType: 'text/html',
    charset: 'utf-8',
    transferBytes: 0,
    bodyBytes: 0,
    truncated: false,
    timings: { ttfbMs: 1, totalMs: 2 },
    ...extra,
  };
}

export function buildFetchResult(html: string, opts: TestPageOptions = {}): FetchResult {
  const url = opts.url ?? TEST_URL;
  const contentType = opts.contentType ?? 'text/html; charset=utf-8';
  const headers = { 'content-type': contentType, ...(opts.headers ?? {}) };
  const bytes = Buffer.byteLength(html);
  return {
    requestedUrl: url,
    finalUrl: opts.finalUrl ?? url,
    status: opts.status ?? 200,
    headers,
    redirects: opts.redirects ?? [],
    ...(opts.redirectError ? { redirectError: opts.redirectError } : {}),
    body: html,
    contentType,
    charset: /charset=([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? 'utf-8',
    transferBytes: opts.transferBytes ?? bytes,
    bodyBytes: bytes,
    truncated: opts.truncated ?? false,
    timings: { ttfbMs: opts.ttfbMs ?? 120, totalMs: opts.totalMs ?? 300, ...(opts.loopLagMs === undefined ? {} : { loopLagMs: opts.loopLagMs }) },
  };
}

/** PageFacts for an HTML string (+ optional URL, status, headers, rendered DOM). */
export function buildTestPage(html: string, opts: TestPageOptions = {}): PageFacts {
  const fetch = buildFetchResult(html, opts);
  const rendered: RenderResult | undefined =
    opts.renderedHtml !== undefined
      ? {
          finalUrl: fetch.finalUrl,
          status: fetch.status,
          html: opts.renderedHtml,
          renderMs: 500,
          ...(opts.labMetrics ? { labMetrics: opts.labMetrics } : {}),
          ...(opts.mobileLayout ? { mobileLayout: opts.mobileLayout } : {}),
        }
      : undefined;
  return extractPageFacts({
    fetch,
    ...(rendered ? { rendered } : {}),
    ...(opts.looksClientRendered !== undefined ? { looksClientRendered: opts.looksClientRendered } : {}),
  });
}

/** Wraps body HTML (and optional extra head HTML) in a minimal valid document. */
export function buildHtml(body: string, head = '', lang = 'en'): string {
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>Roof Repair Services in Springfield | Acme Roofing</title>${head}</head><body>${body}</body></html>`;
}

// ---------------------------------------------------------------------------------------------
// Check-test DSL: every check in a module must be seen firing and staying silent.

/** Tracks which checks were exercised both ways; call expectFullCoverage() in the last test. */
export function createCheckTester(checks: readonly PageCheck[]) {
  const fired = new Set<string>();
  const silent = new Set<string>();
  const run = (id: string, page: PageFacts): Issue[] => {
    const check = checks.find((c) => c.id === id);
    if (!check) throw new Error(`unknown check id "${id}"`);
    return check.run(page);
  };
  return {
    run,
    /** Asserts the check fires and that its messages contain every given substring. */
    expectFires(id: string, page: PageFacts, ...mustContain: string[]): Issue[] {
      const issues = run(id, page);
      expect(issues.length, `${id} should fire`).toBeGreaterThan(0);
      const text = issues.map((i) => i.message).join('\n');
      for (const s of mustContain) expect(text, `${id} message`).toContain(s);
      fired.add(id);
      return issues;
    },
    expectSilent(id: string, page: PageFacts): void {
      expect(run(id, page).map((i) => i.message), `${id} should not fire`).toEqual([]);
      silent.add(id);
    },
    expectFullCoverage(): void {
      const missing = checks.filter((c) => !fired.has(c.id) || !silent.has(c.id)).map((c) => `${c.id}${fired.has(c.id) ? '' : ' (never fired)'}${silent.has(c.id) ? '' : ' (never silent)'}`);
      expect(missing).toEqual([]);
    },
  };
}
