import { describe, expect, it } from 'vitest';
import { RenderSampler, wantsRender } from '@/lib/crawler/crawl-render-decision';

const SCRIPT = '<html><script src="/app.js"></script></html>';
const PLAIN = '<html><p>no scripts</p></html>';

describe('RenderSampler', () => {
  it('samples the first page with scripts and then every Nth; pages without scripts do not count', () => {
    const sampler = new RenderSampler(3);
    const picks = [SCRIPT, PLAIN, SCRIPT, SCRIPT, PLAIN, SCRIPT, SCRIPT].map((html) => sampler.sampled(html));
    expect(picks).toEqual([true, false, false, false, false, true, false]);
  });

  it('never samples with every = 0', () => {
    const sampler = new RenderSampler(0);
    expect([SCRIPT, SCRIPT].map((html) => sampler.sampled(html))).toEqual([false, false]);
  });
});

describe('wantsRender', () => {
  it('always renders in "always", never in "never"', () => {
    expect(wantsRender('always', false, PLAIN, new RenderSampler(0))).toBe(true);
    expect(wantsRender('never', true, SCRIPT, new RenderSampler(1))).toBe(false);
  });

  it('in auto mode renders client-rendered pages without using up a sample', () => {
    const sampler = new RenderSampler(2);
    expect(wantsRender('auto', true, SCRIPT, sampler)).toBe(true);
    expect(wantsRender('auto', false, SCRIPT, sampler)).toBe(true); // still the first sample
    expect(wantsRender('auto', undefined, SCRIPT, sampler)).toBe(false);
    expect(wantsRender('auto', false, SCRIPT, sampler)).toBe(true);
  });
});
