// Structured data in all three syntaxes: JSON-LD blocks, microdata items and RDFa types.
import type { Element } from 'domhandler';
import type { PageFacts, StructuredDataFact } from '@/lib/crawler/page-facts';
import type { Collector } from '@/lib/analysis/extract-dom-walk';
import type { PageContext } from '@/lib/analysis/extract-page-context';
import { parseJsonLd, stripSchemaPrefix } from '@/lib/analysis/extract-json-ld';
import { buildMicrodata } from '@/lib/analysis/extract-microdata';
import { readRawText } from '@/lib/analysis/extract-read-text';

export type StructuredDataFacts = Pick<PageFacts, 'structuredData'>;

// Each microdata root reads its whole subtree: nested roots would make that quadratic, so only the first few.
export const MICRODATA_MAX_ROOTS = 50;

/** JSON-LD and RDFa in document order, then microdata items (read once the walk is done). */
export function createStructuredDataCollector(page: PageContext): Collector<StructuredDataFacts> {
  const structuredData: StructuredDataFact[] = [];
  const microdataRoots: Element[] = [];
  return {
    element(el) {
      const a = el.attribs;
      if (a['itemscope'] !== undefined && a['itemprop'] === undefined && microdataRoots.length < MICRODATA_MAX_ROOTS) microdataRoots.push(el);
      if (a['typeof'] !== undefined && a['typeof'].trim() !== '') {
        structuredData.push({ format: 'rdfa', types: a['typeof'].trim().split(/\s+/).map(stripSchemaPrefix), data: null });
      }
      if (el.name === 'script' && (a['type'] ?? '').trim().toLowerCase() === 'application/ld+json') structuredData.push(parseJsonLd(readRawText(el)));
    },
    finish() {
      for (const root of microdataRoots) structuredData.push(buildMicrodata(root, page.baseUrl));
      return { structuredData };
    },
  };
}
