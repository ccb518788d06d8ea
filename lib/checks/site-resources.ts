// What the crawl links to or embeds but never fetches itself: links to other sites and images.
// A capped sample of them is probed after the crawl (lib/crawler/probe-resources.ts) and the
// results land in SiteGraph.resourceProbes; these checks only read them. selectProbeTargets picks
// that sample from the graph, so the caller probes exactly what the checks will look at.
import { SITE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, SiteCheck, SiteGraph, SiteLink } from '@/lib/checks/types';
import { capList, describeSources, distinctSources, displayUrl, listUrls, plural } from '@/lib/checks/site-graph-query';
import type { ProbeTargets, ResourceProbe } from '@/lib/crawler/probe-resources';

const HTTP_URL = /^https?:\/\//i;

/** Distinct external link targets and image URLs, in graph order, each list capped. */
export function selectProbeTargets(graph: SiteGraph, caps: { maxLinks: number; maxImages: number }): ProbeTargets {
  const links = new Set<string>();
  for (const link of graph.links) {
    if (links.size >= caps.maxLinks) break;
    if (!link.internal && HTTP_URL.test(link.to)) links.add(link.to);
  }
  const images = new Set<string>();
  for (const page of graph.pages.values()) {
    for (const url of page.images ?? []) {
      if (images.size >= caps.maxImages) break;
      images.add(url);
    }
  }
  return { links: [...links], images: [...images] };
}

// Sites refuse bots with these while serving people fine: not evidence of a broken link.
const REFUSES_BOTS = new Set([401, 403, 429, 999]);

/** The probe found the URL gone or erroring (not merely refused to us, nor a host we may not ask). */
function isBroken(probe: ResourceProbe): boolean {
  if (probe.blockedByRobots) return false;
  if (probe.status === 0) return probe.error !== undefined && probe.errorCode !== 'BLOCKED_PRIVATE_ADDRESS';
  return probe.status >= 400 && !REFUSES_BOTS.has(probe.status);
}

function describeProbe(probe: ResourceProbe): string {
  return probe.status === 0 ? `no answer: ${probe.error ?? 'request failed'}` : `HTTP ${probe.status}`;
}

function probesOf(graph: SiteGraph, kind: ResourceProbe['kind']): ResourceProbe[] {
  // Sorted: the probe answers in whatever order hosts finished.
  return (graph.resourceProbes ?? []).filter((probe) => probe.kind === kind).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/** External links by target URL. */
function externalLinksByTarget(graph: SiteGraph): Map<string, SiteLink[]> {
  const byTarget = new Map<string, SiteLink[]>();
  for (const link of graph.links) {
    if (link.internal) continue;
    const list = byTarget.get(link.to);
    if (list) list.push(link);
    else byTarget.set(link.to, [link]);
  }
  return byTarget;
}

/** Crawled pages that show each image. */
function pagesByImage(graph: SiteGraph): Map<string, string[]> {
  const byImage = new Map<string, string[]>();
  for (const page of graph.pages.values()) {
    for (const url of page.images ?? []) {
      const list = byImage.get(url);
      if (list) list.push(page.url);
      else byImage.set(url, [page.url]);
    }
  }
  return byImage;
}

function linkIssues(graph: SiteGraph, matches: (probe: ResourceProbe) => boolean, message: (probe: ResourceProbe) => string): Issue[] {
  const byTarget = externalLinksByTarget(graph);
  return probesOf(graph, 'link').flatMap((probe): Issue[] => {
    const links = byTarget.get(probe.url) ?? [];
    if (!matches(probe) || links.length === 0) return [];
    const sources = distinctSources(links);
    return [
      {
        url: probe.url,
        message: `${message(probe)}; linked from ${plural(sources.length, 'page')}: ${describeSources(graph, links)}`,
        details: { status: probe.status, ...(probe.finalUrl ? { finalUrl: probe.finalUrl } : {}), sources: capList(links).map((link) => ({ from: link.from, text: link.text })) },
      },
    ];
  });
}

function imageIssues(graph: SiteGraph, matches: (probe: ResourceProbe) => boolean, message: (probe: ResourceProbe) => string): Issue[] {
  const byImage = pagesByImage(graph);
  return probesOf(graph, 'image').flatMap((probe): Issue[] => {
    const pages = byImage.get(probe.url) ?? [];
    if (!matches(probe) || pages.length === 0) return [];
    return [
      {
        url: probe.url,
        message: `${message(probe)}; shown on ${plural(pages.length, 'page')}: ${listUrls(graph, pages)}`,
        details: { status: probe.status, ...(probe.bytes !== undefined ? { bytes: probe.bytes } : {}), pages: capList(pages) },
      },
    ];
  });
}

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;

export const siteResourceChecks = [
  {
    id: 'broken-external-link',
    scope: 'site',
    category: 'links',
    severity: 'medium',
    title: 'Links to broken pages on other sites',
    why: 'A link to a page that no longer exists sends visitors to an error and tells search engines the page is not maintained. (Answers sites give bots only — 401, 403, 429 — are not counted: people may still get through.)',
    fix: 'Update each link to the page’s new address (search the other site for it), link an archived copy, or remove the link.',
    run: (graph) => linkIssues(graph, isBroken, (probe) => `Link target on another site is broken (${describeProbe(probe)})`),
  },
  {
    id: 'external-link-redirect',
    scope: 'site',
    category: 'links',
    severity: 'low',
    title: 'Links to other sites that redirect',
    why: 'A link to an address that redirects costs visitors an extra round trip and often means the target moved (to https, a new path or a new owner); the link may no longer point where you meant.',
    fix: 'Change each link to the address it redirects to, after checking that page is still the one you meant to link.',
    run: (graph) =>
      linkIssues(
        graph,
        (probe) => probe.redirectStatus !== undefined && probe.status > 0 && probe.status < 400,
        (probe) => `Link target on another site redirects (${probe.redirectStatus}) to ${displayUrl(graph, probe.finalUrl ?? probe.url)}`,
      ),
  },
  {
    id: 'broken-image',
    scope: 'site',
    category: 'images',
    severity: 'medium',
    title: 'Images that fail to load',
    why: 'A broken image shows as an empty box or alt text, makes the page look unmaintained and cannot appear in image search.',
    fix: 'Restore the image file at that address, or update the <img src> to where the image lives now (or remove it).',
    run: (graph) => imageIssues(graph, isBroken, (probe) => `Image does not load (${describeProbe(probe)})`),
  },
  {
    id: 'image-too-large',
    scope: 'site',
    category: 'images',
    severity: 'medium',
    title: `Image files larger than ${SITE_THRESHOLDS.largeImageBytes / 1024} KB`,
    why: 'Large image files are the most common cause of slow pages on mobile connections and a slow Largest Contentful Paint; most photos compress far below this size with no visible loss.',
    fix: 'Resize the image to the largest size it is displayed at, compress it (WebP or AVIF, quality around 75–85) and offer smaller versions with srcset.',
    run: (graph) =>
      imageIssues(
        graph,
        (probe) => probe.bytes !== undefined && probe.bytes > SITE_THRESHOLDS.largeImageBytes,
        (probe) => `Image file is ${probe.bytesAtLeast ? 'over ' : ''}${kb(probe.bytes!)} (threshold ${kb(SITE_THRESHOLDS.largeImageBytes)})`,
      ),
  },
] satisfies SiteCheck[];
