// <h1>…<h6> in document order, with their text (an image's alt counts: it is the heading's name).
import type { HeadingFact, PageFacts } from '@/lib/crawler/page-facts';
import type { Collector } from '@/lib/analysis/extract-dom-walk';
import { readText } from '@/lib/analysis/extract-read-text';
import { collapseWhitespace } from '@/lib/analysis/text-utils';

export type HeadingFacts = Pick<PageFacts, 'headings' | 'h1s'>;

export function createHeadingCollector(): Collector<HeadingFacts> {
  const headings: HeadingFact[] = [];
  return {
    tags: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    element(el) {
      headings.push({ level: Number(el.name[1]) as HeadingFact['level'], text: collapseWhitespace(readText(el, true)) });
    },
    finish: () => ({ headings, h1s: headings.filter((h) => h.level === 1).map((h) => h.text) }),
  };
}
