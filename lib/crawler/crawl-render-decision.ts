// Whether a fetched page is worth a headless render: a browser per page is too costly, so auto mode
// renders what looks client-rendered plus a sample of the rest.
import type { RenderMode } from '@/lib/crawler/crawl-options';

/**
 * Pages with scripts, counted in auto mode: the first and every `every`-th are rendered, so
 * JavaScript that rewrites head tags or links on ordinary-looking pages is seen too.
 */
export class RenderSampler {
  private pagesWithScripts = 0;

  /** `every` 0: never sample. */
  constructor(private readonly every: number) {}

  sampled(html: string): boolean {
    if (this.every === 0 || !/<script[\s>]/i.test(html)) return false;
    return this.pagesWithScripts++ % this.every === 0;
  }
}

/** Client-rendered pages are rendered anyway, so they do not use up a sample. */
export function wantsRender(mode: RenderMode, looksClientRendered: boolean | undefined, html: string, sampler: RenderSampler): boolean {
  return mode === 'always' || (mode === 'auto' && (looksClientRendered === true || sampler.sampled(html)));
}
