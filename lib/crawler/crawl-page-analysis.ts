// One fetched response → the page result: render it if worth it, extract its facts and queue the
// URLs it links to.
import { collectLinkTargets } from '@/lib/crawler/collect-link-targets';
import { wantsRender } from '@/lib/crawler/crawl-render-decision';
import { describeError, isHtmlResponse, toCrawlResponse } from '@/lib/crawler/crawl-response';
import type { CrawlRun } from '@/lib/crawler/crawl-run';
import type { CrawlPageResult, FrontierEntry } from '@/lib/crawler/crawl-types';
import { normalizeUrl } from '@/lib/crawler/normalize-url';
import type { FetchResult, RenderResult } from '@/lib/fetch/types';

type AnalysisRun = Pick<CrawlRun, 'settings' | 'deps' | 'signal' | 'frontier' | 'robots' | 'renderSampler'>;

function childDepth(entry: FrontierEntry): number | null {
  return entry.depth === null ? null : entry.depth + 1;
}

/**
 * Parse (and maybe render) the response for `url` and queue what it links to. Throws only when
 * the crawl is aborted; a failed render or extraction is recorded on the result instead.
 */
export async function analyzePage(run: AnalysisRun, url: string, entry: FrontierEntry, fetch: FetchResult, isRedirect: boolean): Promise<CrawlPageResult> {
  const { settings, deps, signal } = run;
  const result: CrawlPageResult = {
    url,
    depth: entry.depth,
    via: entry.via,
    inSitemap: run.frontier.inSitemap(url),
    response: toCrawlResponse(fetch),
    discovered: [],
  };
  if (!isHtmlResponse(fetch)) return result;

  const ok = fetch.status >= 200 && fetch.status < 300;
  let looksClientRendered: boolean | undefined;
  let rendered: RenderResult | undefined;
  if (!isRedirect && ok) {
    looksClientRendered = deps.looksClientRendered?.(fetch.body);
    const wanted = wantsRender(settings.renderMode, looksClientRendered, fetch.body, run.renderSampler);
    if (wanted && !deps.render) result.renderError = 'No renderer configured';
    if (wanted && deps.render) {
      try {
        // The crawl's own robots rules (one robots.txt fetch per origin); the pool's own otherwise.
        rendered = await deps.render(fetch.finalUrl, { signal, ...(settings.respectRobots ? { robots: run.robots.cache } : {}) });
        result.rendered = true;
      } catch (error) {
        if (signal.aborted) throw error;
        result.renderError = describeError(error).message;
      }
    }
  }
  try {
    result.facts = await deps.extractPageFacts({ fetch, rendered, looksClientRendered }, { signal });
  } catch (error) {
    if (signal.aborted) throw error;
    result.analysisError = describeError(error).message;
    return result;
  }
  // Links on a redirect belong to its target; error pages are templates, not site structure.
  if (isRedirect || !ok) return result;

  const depth = childDepth(entry);
  for (const target of collectLinkTargets(result.facts, settings)) {
    const normalized = normalizeUrl(target);
    if (!normalized || normalized === url) continue;
    const added = run.frontier.discover(normalized, depth, url);
    if (added) result.discovered.push(added);
  }
  return result;
}
