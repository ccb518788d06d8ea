import { describe, expect, it } from 'vitest';

import { siteCrawlabilityChecks } from '@/lib/checks/site-crawlability';
import { firedUrls, healthySiteSpec, healthyWith, runSiteCheck, urlsOf } from '@/test/site-graph-fixture';

const fired = (id: string, spec: Parameters<typeof firedUrls>[2]) => firedUrls(siteCrawlabilityChecks, id, spec);
const messages = (id: string, spec: Parameters<typeof firedUrls>[2]) =>
  runSiteCheck(siteCrawlabilityChecks, id, spec).map((issue) => issue.message);
const ROBOTS = urlsOf('/robots.txt');

describe('robots-txt-missing', () => {
  it('fires on 4xx robots.txt', () => {
    expect(fired('robots-txt-missing', healthyWith({}, { robots: { status: 404 } }))).toEqual(ROBOTS);
    expect(messages('robots-txt-missing', healthyWith({}, { robots: { status: 410 } }))).toEqual(['robots.txt returns 410']);
  });

  it('passes on 200, on server errors (reported as unreachable) and when not fetched', () => {
    expect(fired('robots-txt-missing', healthySiteSpec())).toEqual([]);
    expect(fired('robots-txt-missing', healthyWith({}, { robots: { status: 503 } }))).toEqual([]);
    expect(fired('robots-txt-missing', healthyWith({}, { robots: { status: 429 } }))).toEqual([]);
    expect(fired('robots-txt-missing', healthyWith({}, { robots: null }))).toEqual([]);
  });
});

describe('robots-txt-unreachable', () => {
  it('fires on 5xx, 429 and failed fetches', () => {
    expect(messages('robots-txt-unreachable', healthyWith({}, { robots: { status: 500 } }))).toEqual(['robots.txt returns 500']);
    expect(fired('robots-txt-unreachable', healthyWith({}, { robots: { status: 429 } }))).toEqual(ROBOTS);
    expect(messages('robots-txt-unreachable', healthyWith({}, { robots: { status: 0 } }))).toEqual(['robots.txt could not be fetched']);
  });

  it('passes on 200 and 404', () => {
    expect(fired('robots-txt-unreachable', healthySiteSpec())).toEqual([]);
    expect(fired('robots-txt-unreachable', healthyWith({}, { robots: { status: 404 } }))).toEqual([]);
  });
});

describe('robots-txt-invalid', () => {
  it('fires once, listing the invalid lines', () => {
    const spec = healthyWith({}, { robots: 'User-agent: *\nDisallow: /a\nFoo: bar\nSitemap: /relative.xml\n' });
    expect(fired('robots-txt-invalid', spec)).toEqual(ROBOTS);
    const [message] = messages('robots-txt-invalid', spec);
    expect(message).toMatch(/^robots\.txt has 2 invalid lines: line 3: .+; line 4: .+$/);
  });

  it('passes on a valid file and when robots.txt is missing', () => {
    expect(fired('robots-txt-invalid', healthySiteSpec())).toEqual([]);
    expect(fired('robots-txt-invalid', healthyWith({}, { robots: { status: 404, body: 'garbage' } }))).toEqual([]);
  });
});

describe('robots-txt-blocks-site', () => {
  it('fires when all crawlers are disallowed from the home page', () => {
    const spec = healthyWith({}, { robots: 'User-agent: *\nDisallow: /\n' });
    expect(fired('robots-txt-blocks-site', spec)).toEqual(ROBOTS);
    expect(messages('robots-txt-blocks-site', spec)).toEqual(['robots.txt line 2 disallows https://example.com/ for all crawlers']);
  });

  it('fires when only Googlebot is disallowed', () => {
    const spec = healthyWith({}, { robots: 'User-agent: Googlebot\nDisallow: /\n\nUser-agent: *\nAllow: /\n' });
    expect(messages('robots-txt-blocks-site', spec)).toEqual(['robots.txt line 2 disallows https://example.com/ for Googlebot']);
  });

  it('fires when the landing page is blocked even if / is not', () => {
    const spec = { ...healthyWith({}, { robots: 'User-agent: *\nDisallow: /en/\n' }), start: 'https://example.com/en/', pages: { '/en/': {} } };
    expect(fired('robots-txt-blocks-site', spec)).toEqual(ROBOTS);
  });

  it('passes when only some paths or other bots are blocked', () => {
    expect(fired('robots-txt-blocks-site', healthyWith({}, { robots: 'User-agent: *\nDisallow: /admin\n\nUser-agent: BadBot\nDisallow: /\n' }))).toEqual([]);
    expect(fired('robots-txt-blocks-site', healthySiteSpec())).toEqual([]);
  });
});

describe('robots-txt-blocks-ai-search', () => {
  it('fires when AI search crawlers are disallowed', () => {
    const spec = healthyWith({}, {
      robots: 'User-agent: *\nAllow: /\n\nUser-agent: OAI-SearchBot\nUser-agent: PerplexityBot\nDisallow: /\n',
    });
    expect(fired('robots-txt-blocks-ai-search', spec)).toEqual(ROBOTS);
    expect(messages('robots-txt-blocks-ai-search', spec)).toEqual([
      'robots.txt blocks AI search crawlers: OAI-SearchBot (line 6), PerplexityBot (line 6)',
    ]);
  });

  it('passes when only training bots are blocked, or when everything is blocked (reported elsewhere)', () => {
    expect(fired('robots-txt-blocks-ai-search', healthyWith({}, { robots: 'User-agent: GPTBot\nDisallow: /\n' }))).toEqual([]);
    expect(fired('robots-txt-blocks-ai-search', healthyWith({}, { robots: 'User-agent: *\nDisallow: /\n' }))).toEqual([]);
  });
});

describe('robots-txt-content-signal-opt-out', () => {
  it('fires when Content-Signal opts out of search or AI answers', () => {
    const spec = healthyWith({}, { robots: 'User-agent: *\nContent-Signal: search=yes, ai-input=no, ai-train=no # CDN default\nAllow: /\n' });
    expect(fired('robots-txt-content-signal-opt-out', spec)).toEqual(ROBOTS);
    expect(messages('robots-txt-content-signal-opt-out', spec)).toEqual(['robots.txt Content-Signal declares ai-input=no (line 2)']);
  });

  it('passes when only training is refused, or without Content-Signal', () => {
    expect(fired('robots-txt-content-signal-opt-out', healthyWith({}, { robots: 'User-agent: *\nContent-Signal: search=yes, ai-train=no\nAllow: /\n' }))).toEqual([]);
    expect(fired('robots-txt-content-signal-opt-out', healthySiteSpec())).toEqual([]);
  });
});

describe('robots-txt-wrong-content-type', () => {
  const served = (contentType: string, status = 200) => healthyWith({}, { robots: { status, body: 'User-agent: *\nDisallow:\n', contentType } });

  it('fires when robots.txt is served as HTML, another type or none', () => {
    expect(fired('robots-txt-wrong-content-type', served('text/html; charset=utf-8'))).toEqual(ROBOTS);
    expect(messages('robots-txt-wrong-content-type', served('text/html; charset=utf-8'))).toEqual([
      'robots.txt is served as text/html, not text/plain: crawlers may be reading an HTML page instead of rules',
    ]);
    expect(messages('robots-txt-wrong-content-type', served('application/octet-stream'))).toEqual(['robots.txt is served as application/octet-stream, not text/plain']);
    expect(messages('robots-txt-wrong-content-type', served(''))).toEqual(['robots.txt is served without a Content-Type, not text/plain']);
  });

  it('passes on text/plain (any case and parameters), on error statuses and when the type was not recorded', () => {
    expect(fired('robots-txt-wrong-content-type', served('Text/Plain; charset=UTF-8'))).toEqual([]);
    expect(fired('robots-txt-wrong-content-type', served('text/html', 404))).toEqual([]);
    expect(fired('robots-txt-wrong-content-type', healthySiteSpec())).toEqual([]);
  });
});
