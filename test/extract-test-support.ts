// Test-only: lets the extract-*.test.ts files run one collector over an HTML snippet.
import type { Element } from 'domhandler';
import { walkDocument, type Collector } from '@/lib/analysis/extract-dom-walk';
import { parseHtml, rootOf } from '@/lib/analysis/extract-document';
import { createPageContext, type PageContext } from '@/lib/analysis/extract-page-context';

const TEST_PAGE_URL = 'https://example.com/dir/page';

/** Walks html with the collector make() builds and returns what it collected. */
export function collectFrom<Facts>(html: string, make: (page: PageContext) => Collector<Facts>, pageUrl = TEST_PAGE_URL): Facts {
  const $ = parseHtml(html);
  const collector = make(createPageContext(html, $, pageUrl).page);
  walkDocument(rootOf($), [collector]);
  return collector.finish();
}

/** The first element matching a CSS selector in html (for functions that read one element). */
export function firstElement(html: string, selector: string): Element {
  const el = parseHtml(html)(selector).get(0) as Element | undefined;
  if (!el) throw new Error(`nothing matches ${selector} in ${html}`);
  return el;
}
