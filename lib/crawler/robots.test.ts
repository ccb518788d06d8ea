import { describe, expect, it, vi } from 'vitest';
import {
  createRobotsCache,
  createRobotsRules,
  fetchRobots,
  getRobotsUrl,
  ROBOTS_MAX_BYTES,
  type RobotsFetcher,
} from '@/lib/crawler/robots';

const ORIGIN = 'https://example.com';

function parsed(body: string) {
  return createRobotsRules({ url: `${ORIGIN}/robots.txt`, status: 200, body, outcome: 'parsed' });
}

function fetcherReturning(status: number, body = ''): RobotsFetcher {
  return vi.fn(async () => ({ status, body }));
}

describe('createRobotsRules', () => {
  it('applies the * group', () => {
    const rules = parsed('User-agent: *\nDisallow: /private/\nAllow: /private/ok\n');
    expect(rules.isAllowed(`${ORIGIN}/`)).toBe(true);
    expect(rules.isAllowed(`${ORIGIN}/private/x`)).toBe(false);
    expect(rules.isAllowed(`${ORIGIN}/private/ok`)).toBe(true);
  });

  it('prefers our product-token group over *, case-insensitively', () => {
    const rules = parsed(
      'User-agent: *\nDisallow: /\n\nUser-agent: rivaloutrankerbot\nDisallow: /admin\n',
    );
    expect(rules.isAllowed(`${ORIGIN}/page`)).toBe(true);
    expect(rules.isAllowed(`${ORIGIN}/admin/x`)).toBe(false);
  });

  it('does not fall back to * when our group exists but is empty', () => {
    const rules = parsed('User-agent: *\nDisallow: /\n\nUser-agent: RivalOutrankerBot\nDisallow:\n');
    expect(rules.isAllowed(`${ORIGIN}/anything`)).toBe(true);
  });

  it('uses longest match with allow winning ties, wildcards and $', () => {
    const rules = parsed('User-agent: *\nDisallow: /*.pdf$\nDisallow: /shop\nAllow: /shop\nDisallow: /*?sort=\n');
    expect(rules.isAllowed(`${ORIGIN}/doc.pdf`)).toBe(false);
    expect(rules.isAllowed(`${ORIGIN}/doc.pdf?x=1`)).toBe(true);
    expect(rules.isAllowed(`${ORIGIN}/shop/x`)).toBe(true);
    expect(rules.isAllowed(`${ORIGIN}/list?sort=price`)).toBe(false);
  });

  it('always allows /robots.txt itself', () => {
    expect(parsed('User-agent: *\nDisallow: /\n').isAllowed(`${ORIGIN}/robots.txt`)).toBe(true);
  });

  it('matches regardless of scheme/port spelling of the URL', () => {
    const rules = parsed('User-agent: *\nDisallow: /x\n');
    expect(rules.isAllowed('http://example.com:80/x')).toBe(false);
  });

  it('reads crawl-delay and sitemaps (resolved, de-duplicated, http only)', () => {
    const rules = parsed(
      'Sitemap: /sitemap.xml\nSitemap: https://example.com/sitemap.xml\nSitemap: ftp://x/y\nUser-agent: *\nCrawl-delay: 2.5\n',
    );
    expect(rules.crawlDelay()).toBe(2.5);
    expect(rules.sitemaps()).toEqual(['https://example.com/sitemap.xml']);
  });

  it('ignores a BOM', () => {
    expect(parsed('\uFEFFUser-agent: *\nDisallow: /x\n').isAllowed(`${ORIGIN}/x`)).toBe(false);
  });

  it('stops parsing at 500 KiB on a line boundary', () => {
    const filler = `# ${'x'.repeat(1000)}\n`.repeat(Math.ceil(ROBOTS_MAX_BYTES / 1003) + 1);
    const rules = parsed(`User-agent: *\nDisallow: /early\n${filler}Disallow: /late\n`);
    expect(rules.truncated).toBe(true);
    expect(rules.isAllowed(`${ORIGIN}/early`)).toBe(false);
    expect(rules.isAllowed(`${ORIGIN}/late`)).toBe(true);
    expect(Buffer.byteLength(rules.body ?? '')).toBeLessThanOrEqual(ROBOTS_MAX_BYTES);
  });
});

describe('fetchRobots', () => {
  it('fetches /robots.txt of the origin', async () => {
    const fetcher = fetcherReturning(200, 'User-agent: *\nDisallow: /a\n');
    const rules = await fetchRobots('https://example.com/deep/page?q=1', fetcher);
    expect(fetcher).toHaveBeenCalledWith('https://example.com/robots.txt', undefined);
    expect(rules.outcome).toBe('parsed');
    expect(rules.isAllowed(`${ORIGIN}/a`)).toBe(false);
    expect(getRobotsUrl('http://example.com:8080/x')).toBe('http://example.com:8080/robots.txt');
  });

  it('keeps the Content-Type the fetcher reported, and none when it reported none', async () => {
    const typed = await fetchRobots(ORIGIN, vi.fn(async () => ({ status: 200, body: 'User-agent: *\n', contentType: 'text/html; charset=utf-8' })));
    expect(typed.contentType).toBe('text/html; charset=utf-8');
    expect((await fetchRobots(ORIGIN, fetcherReturning(200, 'User-agent: *\n'))).contentType).toBeUndefined();
  });

  it('allows everything on 4xx (RFC 9309 §2.3.1.3)', async () => {
    for (const status of [401, 403, 404, 410]) {
      const rules = await fetchRobots(ORIGIN, fetcherReturning(status, 'User-agent: *\nDisallow: /'));
      expect(rules.outcome).toBe('allow-all');
      expect(rules.body).toBeNull();
      expect(rules.isAllowed(`${ORIGIN}/x`)).toBe(true);
    }
  });

  it('disallows everything on 5xx and 429 (RFC 9309 §2.3.1.4)', async () => {
    for (const status of [429, 500, 503]) {
      const rules = await fetchRobots(ORIGIN, fetcherReturning(status));
      expect(rules.outcome).toBe('disallow-all');
      expect(rules.isAllowed(`${ORIGIN}/`)).toBe(false);
    }
  });

  it('disallows everything when unreachable', async () => {
    const rules = await fetchRobots(ORIGIN, async () => {
      throw new Error('connect ECONNREFUSED');
    });
    expect(rules).toMatchObject({ outcome: 'disallow-all', status: 0, error: 'connect ECONNREFUSED' });
    expect(rules.isAllowed(`${ORIGIN}/`)).toBe(false);
  });

  it('treats a redirect error as unavailable', async () => {
    const rules = await fetchRobots(ORIGIN, async () => ({ status: 301, body: '', redirectError: 'too-many' }));
    expect(rules.outcome).toBe('allow-all');
  });

  it('rethrows when aborted instead of caching a disallow', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      fetchRobots(ORIGIN, async () => { throw new Error('aborted'); }, { signal: controller.signal }),
    ).rejects.toThrow('aborted');
  });
});

describe('createRobotsCache', () => {
  it('fetches once per origin, sharing concurrent calls', async () => {
    const fetcher = fetcherReturning(200, 'User-agent: *\nDisallow: /x\n');
    const cache = createRobotsCache({ fetcher });
    const [a, b] = await Promise.all([cache.get(`${ORIGIN}/1`), cache.get(`${ORIGIN}/2`)]);
    await cache.get(`${ORIGIN}/3`);
    expect(a).toBe(b);
    expect(fetcher).toHaveBeenCalledTimes(1);
    await cache.get('https://other.example/');
    expect(fetcher).toHaveBeenCalledTimes(2);
    expect(cache.peek(`${ORIGIN}/anything`)).toBe(a);
  });

  it('expires entries after the TTL, and unreachable results sooner', async () => {
    // lru-cache treats a start time of 0 as "no TTL", so the fake clock starts later.
    let now = 1_000;
    let status = 200;
    const fetcher = vi.fn(async () => ({ status, body: '' }));
    const cache = createRobotsCache({ fetcher, ttlMs: 10_000, errorTtlMs: 1_000, now: () => now });
    await cache.get(ORIGIN);
    now = 10_000;
    await cache.get(ORIGIN);
    expect(fetcher).toHaveBeenCalledTimes(1);
    now = 11_001;
    status = 503;
    expect((await cache.get(ORIGIN)).outcome).toBe('disallow-all');
    expect(fetcher).toHaveBeenCalledTimes(2);
    now = 12_002;
    status = 200;
    expect((await cache.get(ORIGIN)).outcome).toBe('parsed');
    expect(fetcher).toHaveBeenCalledTimes(3);
  });

  it('evicts least recently used origins beyond max', async () => {
    const fetcher = fetcherReturning(404);
    const cache = createRobotsCache({ fetcher, max: 2 });
    await cache.get('https://a.example/');
    await cache.get('https://b.example/');
    await cache.get('https://c.example/');
    await cache.get('https://a.example/');
    expect(fetcher).toHaveBeenCalledTimes(4);
  });
});
