// robots.txt checks: whether the file can be fetched, whether it parses (Lighthouse's
// robots-txt audit rules via validateRobotsTxt), and whether it shuts out search or AI crawlers.

import robotsParser from 'robots-parser';

import { validateRobotsTxt } from '@/lib/checks/robots-txt';
import { SITE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, SiteCheck, SiteGraph } from '@/lib/checks/types';
import { landingPage, tryParseUrl } from '@/lib/checks/site-graph-query';

/** Crawlers that fetch pages to answer users' questions in AI search (not model-training bots). */
export const AI_SEARCH_BOTS = ['OAI-SearchBot', 'ChatGPT-User', 'PerplexityBot', 'Perplexity-User', 'Claude-SearchBot', 'Claude-User'] as const;

function robotsBody(graph: SiteGraph): { url: string; body: string } | null {
  const robots = graph.robotsTxt;
  if (!robots || robots.status < 200 || robots.status >= 300 || robots.body === null) return null;
  return { url: robots.url, body: robots.body };
}

/** URLs whose crawlability matters most: the site root and the page the crawl landed on. */
function keyUrls(graph: SiteGraph, robotsUrl: string): string[] {
  const robotsOrigin = tryParseUrl(robotsUrl)?.origin;
  if (!robotsOrigin) return [];
  const urls = [`${robotsOrigin}/`];
  const landing = landingPage(graph)?.url ?? graph.startUrl;
  if (tryParseUrl(landing)?.origin === robotsOrigin && !urls.includes(landing)) urls.push(landing);
  return urls;
}

type Block = { agent: string; url: string; line: number };

function findBlocks(graph: SiteGraph, agents: readonly string[]): Block[] {
  const robots = robotsBody(graph);
  if (!robots) return [];
  const parser = robotsParser(robots.url, robots.body);
  const blocks: Block[] = [];
  for (const agent of agents) {
    const url = keyUrls(graph, robots.url).find((candidate) => parser.isAllowed(candidate, agent) === false);
    if (url) blocks.push({ agent, url, line: parser.getMatchingLineNumber(url, agent) });
  }
  return blocks;
}

type ContentSignal = { line: number; signals: Record<string, string> };

/** `Content-Signal: search=yes, ai-input=no, ai-train=no` lines (contentsignals.org), per line. */
function readContentSignals(graph: SiteGraph): ContentSignal[] {
  const robots = robotsBody(graph);
  if (!robots) return [];
  const result: ContentSignal[] = [];
  robots.body.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const hash = raw.indexOf('#');
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== 'content-signal') return;
    const signals: Record<string, string> = {};
    for (const pair of line.slice(colon + 1).split(',')) {
      const equals = pair.indexOf('=');
      if (equals > 0) signals[pair.slice(0, equals).trim().toLowerCase()] = pair.slice(equals + 1).trim().toLowerCase();
    }
    result.push({ line: index + 1, signals });
  });
  return result;
}

/** Content signals that keep the site out of search results or AI answers (ai-train=no is a separate choice). */
const VISIBILITY_SIGNALS = ['search', 'ai-input'];

export const siteCrawlabilityChecks = [
  {
    id: 'robots-txt-missing',
    scope: 'site',
    category: 'crawlability',
    severity: 'medium',
    title: 'robots.txt missing',
    why: 'Without robots.txt crawlers may fetch everything, including low-value URLs (search results, carts, parameters), and the file’s Sitemap: line cannot point them to your sitemap.',
    fix: 'Publish /robots.txt (200, text/plain) with at least "User-agent: *", the Disallow rules you need and a "Sitemap:" line.',
    run: (graph): Issue[] => {
      const robots = graph.robotsTxt;
      if (!robots || robots.status < 400 || robots.status >= 500 || robots.status === 429) return [];
      return [{ url: robots.url, message: `robots.txt returns ${robots.status}`, details: { status: robots.status } }];
    },
  },
  {
    id: 'robots-txt-unreachable',
    scope: 'site',
    category: 'crawlability',
    severity: 'high',
    title: 'robots.txt unreachable',
    why: 'When robots.txt fails with a server error (or times out), Google treats the whole site as disallowed and stops crawling until it can read the file again.',
    fix: 'Make /robots.txt return 200 (or 404 if you want no rules) quickly and reliably; check server, CDN and firewall rules for it.',
    run: (graph): Issue[] => {
      const robots = graph.robotsTxt;
      if (!robots || !(robots.status === 0 || robots.status === 429 || robots.status >= 500)) return [];
      return [
        {
          url: robots.url,
          message: robots.status === 0 ? 'robots.txt could not be fetched' : `robots.txt returns ${robots.status}`,
          details: { status: robots.status },
        },
      ];
    },
  },
  {
    id: 'robots-txt-wrong-content-type',
    scope: 'site',
    category: 'crawlability',
    severity: 'medium',
    title: 'robots.txt is not served as text/plain',
    why: 'robots.txt must be a plain-text file (RFC 9309, Google’s robots.txt specification). Served as HTML it is usually an error page or a CMS page, whose lines crawlers cannot read as rules; other content types make some crawlers ignore the file altogether.',
    fix: 'Serve /robots.txt as a static file with "Content-Type: text/plain; charset=utf-8" (check the web server, CDN and CMS routing for that path).',
    run: (graph): Issue[] => {
      const robots = graph.robotsTxt;
      if (!robots || robots.contentType === undefined || robots.status < 200 || robots.status >= 300) return [];
      const mime = robots.contentType.split(';')[0]!.trim().toLowerCase();
      if (mime === 'text/plain') return [];
      const served = mime === '' ? 'without a Content-Type' : `as ${mime}`;
      const html = mime === 'text/html' || mime === 'application/xhtml+xml';
      return [
        {
          url: robots.url,
          message: `robots.txt is served ${served}, not text/plain${html ? ': crawlers may be reading an HTML page instead of rules' : ''}`,
          details: { contentType: robots.contentType },
        },
      ];
    },
  },
  {
    id: 'robots-txt-invalid',
    scope: 'site',
    category: 'crawlability',
    severity: 'high',
    title: 'robots.txt is not valid',
    why: 'Lines crawlers cannot parse are ignored, so rules you meant to apply (or Sitemap: declarations) silently have no effect.',
    fix: 'Fix each reported line: use only known directives (User-agent, Allow, Disallow, Sitemap, Crawl-delay), put rules after a User-agent line, and use absolute Sitemap URLs.',
    run: (graph): Issue[] => {
      const robots = robotsBody(graph);
      if (!robots) return [];
      const errors = validateRobotsTxt(robots.body);
      if (errors.length === 0) return [];
      const shown = errors
        .slice(0, SITE_THRESHOLDS.maxUrlsInMessage)
        .map((error) => `line ${error.line}: ${error.message}`)
        .join('; ');
      const rest = errors.length - SITE_THRESHOLDS.maxUrlsInMessage;
      return [
        {
          url: robots.url,
          message: `robots.txt has ${errors.length} invalid ${errors.length === 1 ? 'line' : 'lines'}: ${shown}${rest > 0 ? ` and ${rest} more` : ''}`,
          details: { errors },
        },
      ];
    },
  },
  {
    id: 'robots-txt-blocks-site',
    scope: 'site',
    category: 'crawlability',
    severity: 'critical',
    title: 'robots.txt blocks the whole site',
    why: 'A Disallow rule covering the home page for all crawlers or Googlebot stops search engines from crawling the site; pages drop out of results or show without a description.',
    fix: 'Remove "Disallow: /" (or the rule that matches the home page) from the "User-agent: *" / Googlebot group; block only the paths that should not be crawled.',
    run: (graph): Issue[] =>
      findBlocks(graph, ['*', 'Googlebot'])
        .slice(0, 1)
        .map((block) => ({
          url: graph.robotsTxt!.url,
          message: `robots.txt line ${block.line} disallows ${block.url} for ${block.agent === '*' ? 'all crawlers' : block.agent}`,
          details: { ...block },
        })),
  },
  {
    id: 'robots-txt-blocks-ai-search',
    scope: 'site',
    category: 'crawlability',
    severity: 'low',
    title: 'robots.txt blocks AI search crawlers',
    why: 'AI assistants (ChatGPT search, Perplexity, Claude) fetch pages with their own user agents to cite them in answers; blocking those agents removes the site from AI search results. (Blocking training-only bots such as GPTBot is a separate choice.)',
    fix: 'If you want to be cited by AI search, allow OAI-SearchBot, ChatGPT-User, PerplexityBot, Perplexity-User, Claude-SearchBot and Claude-User in robots.txt.',
    run: (graph): Issue[] => {
      // When the site blocks everyone, robots-txt-blocks-site already says so.
      if (findBlocks(graph, ['*', 'Googlebot']).length > 0) return [];
      const blocks = findBlocks(graph, AI_SEARCH_BOTS);
      if (blocks.length === 0) return [];
      return [
        {
          url: graph.robotsTxt!.url,
          message: `robots.txt blocks AI search crawlers: ${blocks.map((b) => `${b.agent} (line ${b.line})`).join(', ')}`,
          details: { blocks },
        },
      ];
    },
  },
  {
    id: 'robots-txt-content-signal-opt-out',
    scope: 'site',
    category: 'crawlability',
    severity: 'info',
    title: 'robots.txt asks not to use content in search or AI answers',
    why: 'A Content-Signal line with search=no or ai-input=no tells crawlers the site does not want its pages shown in search results or quoted in AI answers. It is often inherited from a CDN default (Cloudflare’s managed robots.txt) rather than chosen.',
    fix: 'If you want to appear in search and AI answers, set search=yes and ai-input=yes (ai-train can stay no) or remove the Content-Signal line.',
    run: (graph): Issue[] => {
      const optOuts = readContentSignals(graph).flatMap(({ line, signals }) =>
        VISIBILITY_SIGNALS.filter((name) => signals[name] === 'no').map((name) => `${name}=no (line ${line})`),
      );
      if (optOuts.length === 0) return [];
      return [{ url: graph.robotsTxt!.url, message: `robots.txt Content-Signal declares ${optOuts.join(', ')}`, details: { optOuts } }];
    },
  },
] satisfies SiteCheck[];
