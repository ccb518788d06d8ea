// Reading a microdata item (itemscope / itemprop) into a JSON-LD-shaped object, so checks treat
// both formats alike.
import type { AnyNode, Element } from 'domhandler';
import type { StructuredDataFact } from '@/lib/crawler/page-facts';
import { collectTypes, stripSchemaPrefix } from '@/lib/analysis/extract-json-ld';
import { readText } from '@/lib/analysis/extract-read-text';
import { resolveUrl } from '@/lib/analysis/extract-urls';
import { collapseWhitespace } from '@/lib/analysis/text-utils';

// Nested items are read recursively: past this depth an item keeps its type but not its properties.
const MICRODATA_MAX_DEPTH = 20;

export function buildMicrodata(root: Element, baseUrl: string): StructuredDataFact {
  const item = readMicrodataItem(root, baseUrl, 0);
  return { format: 'microdata', types: collectTypes(item), data: item };
}

function readMicrodataItem(el: Element, baseUrl: string, depth: number): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const itemtype = (el.attribs['itemtype'] ?? '').trim();
  if (itemtype) {
    const types = itemtype.split(/\s+/).map((t) => stripSchemaPrefix(t).replace(/^.*\//, ''));
    item['@type'] = types.length === 1 ? types[0] : types;
    if (/data-vocabulary\.org/i.test(itemtype)) item['@context'] = 'http://data-vocabulary.org/';
    else item['@context'] = 'https://schema.org';
  }
  if (depth > MICRODATA_MAX_DEPTH) return item;
  const stack: AnyNode[] = [...el.children].reverse();
  while (stack.length) {
    const node = stack.pop() as AnyNode;
    if (node.type !== 'tag') continue;
    const child = node as Element;
    const props = child.attribs['itemprop'];
    const nested = child.attribs['itemscope'] !== undefined;
    if (props !== undefined) {
      const value = nested ? readMicrodataItem(child, baseUrl, depth + 1) : readMicrodataValue(child, baseUrl);
      for (const prop of props.trim().split(/\s+/).filter(Boolean)) {
        const existing = item[prop];
        if (existing === undefined) item[prop] = value;
        else if (Array.isArray(existing)) existing.push(value);
        else item[prop] = [existing, value];
      }
    }
    if (!nested) for (let i = child.children.length - 1; i >= 0; i--) stack.push(child.children[i] as AnyNode);
  }
  return item;
}

/** A property's value, read where the microdata spec says each element keeps it. */
function readMicrodataValue(el: Element, baseUrl: string): string {
  const a = el.attribs;
  switch (el.name) {
    case 'meta':
      return a['content'] ?? '';
    case 'a':
    case 'link':
    case 'area':
      return a['href'] !== undefined ? (resolveUrl(a['href'].trim(), baseUrl) ?? a['href']) : '';
    case 'img':
    case 'audio':
    case 'video':
    case 'source':
    case 'iframe':
    case 'embed':
    case 'track':
      return a['src'] !== undefined ? (resolveUrl(a['src'].trim(), baseUrl) ?? a['src']) : '';
    case 'object':
      return a['data'] ?? '';
    case 'time':
      return a['datetime'] ?? collapseWhitespace(readText(el));
    case 'data':
    case 'meter':
      return a['value'] ?? '';
    default:
      return a['content'] ?? collapseWhitespace(readText(el));
  }
}
