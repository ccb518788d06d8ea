import { describe, expect, it } from 'vitest';
import { jobs, JOB_NAMES } from '@/lib/queue/jobs';
import { parsePoolArgs, poolConcurrency, POOL_NAMES } from '@/lib/queue/pools';

describe('worker pools', () => {
  it('defaults to every pool', () => {
    expect(parsePoolArgs([])).toEqual(['crawl', 'analysis', 'reports', 'maintenance']);
    expect(parsePoolArgs(['--other', 'x'])).toEqual([...POOL_NAMES]);
  });

  it('accepts repeated flags, comma lists and --pool=', () => {
    expect(parsePoolArgs(['--pool', 'crawl'])).toEqual(['crawl']);
    expect(parsePoolArgs(['--pool', 'reports', '--pool', 'crawl'])).toEqual(['crawl', 'reports']);
    expect(parsePoolArgs(['--pool=analysis,maintenance'])).toEqual(['analysis', 'maintenance']);
  });

  it('refuses unknown or missing pool names', () => {
    expect(() => parsePoolArgs(['--pool', 'crawls'])).toThrow(/Unknown pool/);
    expect(() => parsePoolArgs(['--pool'])).toThrow(/needs a pool name/);
  });

  it('routes crawls to the crawl pool and bulk analysis to the analysis pool', () => {
    expect(jobs['audit.crawl'].queue).toBe('crawl');
    expect(jobs['bulk.analyze-url'].queue).toBe('analysis');
    expect(jobs['bulk.finalize'].queue).toBe('analysis');
    expect(jobs['report.generate'].queue).toBe('reports');
    for (const name of JOB_NAMES) expect(POOL_NAMES).toContain(jobs[name].queue);
  });

  it('runs maintenance one job at a time', () => {
    expect(poolConcurrency('maintenance')).toBe(1);
    for (const pool of POOL_NAMES) expect(poolConcurrency(pool)).toBeGreaterThanOrEqual(1);
  });
});
