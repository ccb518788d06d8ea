// Reading the text of one element's subtree (headings, links, buttons, paragraphs, microdata values).
// These reads happen once per such element, on top of the main walk, so each one is bounded.
import type { AnyNode, Element } from 'domhandler';

/** Elements that don't break a line: no space is inserted around them when text is joined. */
export const INLINE_ELEMENTS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'kbd', 'label', 'mark', 'q', 's',
  'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'big', 'tt', 'strike', 'ins', 'del',
]);
const SKIP_TEXT_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'head', 'title', 'iframe', 'object', 'canvas']);

// On hostile markup (100,000 nested <h2>s) reading every heading's subtree is quadratic, so each
// read stops after this many nodes or characters — far beyond any real heading or link text.
export const TEXT_READ_MAX_NODES = 500;
export const TEXT_READ_MAX_CHARS = 2_000;

/** Visible text of a subtree (bounded, see above); with altFallback, images contribute their alt text. */
export function readText(el: Element, altFallback = false): string {
  const parts: string[] = [];
  const stack: AnyNode[] = el.children.slice(0, TEXT_READ_MAX_NODES).reverse();
  let nodes = 0;
  let chars = 0;
  while (stack.length && nodes++ < TEXT_READ_MAX_NODES && chars < TEXT_READ_MAX_CHARS) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data.slice(0, TEXT_READ_MAX_CHARS);
      chars += data.length;
      parts.push(data);
    } else if (node.type === 'tag') {
      const child = node as Element;
      if (SKIP_TEXT_ELEMENTS.has(child.name)) continue;
      if (child.name === 'img' && altFallback && child.attribs['alt']) parts.push(` ${child.attribs['alt']} `);
      if (!INLINE_ELEMENTS.has(child.name)) parts.push(' ');
      for (let i = Math.min(child.children.length, TEXT_READ_MAX_NODES) - 1; i >= 0; i--) stack.push(child.children[i] as AnyNode);
    }
  }
  return parts.join('');
}

/** Raw text content of a raw-text element (<title>, <script>, <style>): its children are text only. */
export function readRawText(el: Element): string {
  let out = '';
  for (const child of el.children) if (child.type === 'text') out += (child as unknown as { data: string }).data;
  return out;
}
