// Which URLs a parsed page leads the crawl to. Pure, so the follow rules are easy to test and
// change without touching the crawl loop.
import type { PageFacts } from '@/lib/crawler/page-facts';

export type LinkTargetOptions = {
  /** Follow rel=nofollow links and links on meta-nofollow pages (search engines do not). */
  followNofollow: boolean;
  /** Include canonical, hreflang and rel=prev/next targets (not clicks, but their status matters). */
  followAlternates: boolean;
};

type LinkFacts = Pick<PageFacts, 'links' | 'robots' | 'canonicals' | 'canonicalFromHeader' | 'hreflang' | 'prevNext'>;

/** Absolute URLs to queue from a page, in document order (anchors first), not yet normalised. */
export function collectLinkTargets(facts: LinkFacts, options: LinkTargetOptions): string[] {
  const targets: string[] = [];
  // Meta robots / X-Robots-Tag nofollow covers every link on the page.
  if (options.followNofollow || !facts.robots.nofollow) {
    for (const link of facts.links) {
      if (!link.url) continue;
      if (!options.followNofollow && link.rel.includes('nofollow')) continue;
      targets.push(link.url);
    }
  }
  if (options.followAlternates) {
    targets.push(...facts.canonicals, ...facts.canonicalFromHeader);
    for (const alternate of facts.hreflang) if (alternate.url) targets.push(alternate.url);
    if (facts.prevNext.prev) targets.push(facts.prevNext.prev);
    if (facts.prevNext.next) targets.push(facts.prevNext.next);
  }
  return targets;
}
