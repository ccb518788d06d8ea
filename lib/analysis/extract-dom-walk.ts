// The one pass over a parsed document. It walks the tree iteratively (a page may nest 100,000
// elements deep), keeps track of where each node sits (landmark, hidden, inside a link, <pre>…) and
// hands every node to the visitors, one per concern (head metadata, links, images, text…).
//
// It also re-creates the part of the HTML spec tree building that htmlparser2 skips and that Google
// documents: an element that may not live in <head> (e.g. <img>, <div>, stray text) closes the head,
// and head metadata after that point is body content.
import type { AnyNode, Document, Element } from 'domhandler';
import type { LinkFact, PageFacts } from '@/lib/crawler/page-facts';
import { collapseWhitespace } from '@/lib/analysis/text-utils';

export type Landmark = LinkFact['position'];

/** Where a node sits, as inherited from its ancestors. */
export type WalkContext = {
  readonly landmark: Landmark;
  /** Inside an element with the hidden attribute or an inline display:none / visibility:hidden. */
  readonly hidden: boolean;
  readonly inLink: boolean;
  /** Nearest enclosing <picture> / <form>, if any. */
  readonly picture: Element | null;
  readonly form: Element | null;
  /** Inside <pre>, <code>, <textarea>, <kbd> or <samp>: text there is not prose. */
  readonly inCode: boolean;
  /** Inside an explicit <head> element (to report head tags the parser moved to body). */
  readonly inHeadTag: boolean;
};

/**
 * One concern's view of the walk. Every hook is optional, called in document order, and called as
 * a plain function (no `this`): collectors keep their state in closures.
 */
export type DocumentVisitor = {
  /**
   * The only elements `element` is called for (every element when absent). Most concerns look at a
   * few tags; not calling them for the rest keeps the cost of one more concern low.
   */
  readonly tags?: readonly string[];
  /** A <!…> declaration (e.g. "!DOCTYPE html"). */
  directive?(data: string): void;
  /**
   * Each element the walk reaches (of those in `tags`, when given). at: what the element inherits
   * from its ancestors. inHead: it still counts as head content (no body-only element or text came
   * before it).
   */
  element?(el: Element, at: WalkContext, inHead: boolean): void;
  /** The walk is about to read the element's children (never for raw-text, inert or replaced elements). */
  open?(el: Element): void;
  /** The walk has read all of the element's children. */
  close?(el: Element): void;
  /** Each text node, whitespace-only ones included. */
  text?(data: string, at: WalkContext): void;
};

/** A visitor that, once the walk is done, hands over the slice of PageFacts it collected. */
export type Collector<Facts> = DocumentVisitor & { finish(): Facts };

export type WalkFacts = Required<Pick<PageFacts, 'domNodes' | 'structure' | 'headBrokenBy'>>;

// Elements the HTML parser keeps in <head>; anything else implicitly opens <body>.
const HEAD_ELEMENTS = new Set(['title', 'meta', 'link', 'base', 'script', 'style', 'noscript', 'template', 'html', 'head', 'basefont', 'bgsound']);
// Their content is text, not markup: visitors read it themselves.
const RAW_TEXT_ELEMENTS = new Set(['title', 'script', 'style']);
// Content that is never shown as page content — Googlebot renders with JavaScript on, so <noscript>
// is inert to it — but still weighs on the DOM size.
const INERT_ELEMENTS = new Set(['noscript', 'template', 'svg', 'math']);
// Fallback content of these is not rendered when the element works.
const REPLACED_ELEMENTS = new Set(['iframe', 'object', 'canvas', 'video', 'audio']);
const CODE_ELEMENTS = new Set(['pre', 'code', 'textarea', 'kbd', 'samp']);
const ROOT_CONTEXT: WalkContext = { landmark: 'content', hidden: false, inLink: false, picture: null, form: null, inCode: false, inHeadTag: false };

type Frame = { node: AnyNode; at: WalkContext } | { close: Element };

/** Walks the document once, calling each visitor's hooks; returns what the walk itself measured. */
export function walkDocument(root: Document, visitors: readonly DocumentVisitor[]): WalkFacts {
  const onDirective = visitors.flatMap((v) => (v.directive ? [v.directive] : []));
  const onOpen = visitors.flatMap((v) => (v.open ? [v.open] : []));
  const onClose = visitors.flatMap((v) => (v.close ? [v.close] : []));
  const onText = visitors.flatMap((v) => (v.text ? [v.text] : []));
  const { byTag, otherTags } = dispatchElements(visitors);

  let headZone = true;
  let headBrokenBy: string | null = null;
  const structure = { html: 0, head: 0, body: 0 };
  let domNodes = 0;

  const stack: Frame[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push({ node: root.children[i] as AnyNode, at: ROOT_CONTEXT });

  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if ('close' in frame) {
      for (const close of onClose) close(frame.close);
      continue;
    }
    const { node, at } = frame;

    if (node.type === 'directive') {
      const data = (node as unknown as { data: string }).data;
      for (const directive of onDirective) directive(data);
      continue;
    }
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      if (headZone && data.trim() !== '') {
        headZone = false;
        headBrokenBy = `text "${collapseWhitespace(data).slice(0, 40)}"`;
      }
      for (const text of onText) text(data, at);
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;

    const el = node as Element;
    const name = el.name;
    domNodes++;
    if (name === 'body') {
      structure.body++;
      // An explicit <body> ends the head without anything having broken it.
      headZone = false;
    } else if (name === 'html') {
      structure.html++;
    } else if (name === 'head') {
      structure.head++;
    } else if (headZone && !HEAD_ELEMENTS.has(name)) {
      headZone = false;
      headBrokenBy = `<${name}>`;
    }

    for (const element of byTag.get(name) ?? otherTags) element(el, at, headZone);

    if (RAW_TEXT_ELEMENTS.has(name) || REPLACED_ELEMENTS.has(name)) continue;
    if (INERT_ELEMENTS.has(name)) {
      domNodes += countElements(el);
      continue;
    }

    const inner = enterElement(el, at);
    for (const open of onOpen) open(el);
    stack.push({ close: el });
    const children = el.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as AnyNode, at: inner });
  }
  return { domNodes, structure, headBrokenBy };
}

type ElementHook = NonNullable<DocumentVisitor['element']>;

/**
 * Element hooks per tag name, in visitor order; otherTags: those for a tag no visitor named. One pass
 * over the visitors: it runs for every page, and asking each visitor about each tag cost ~65 µs a page.
 */
function dispatchElements(visitors: readonly DocumentVisitor[]): { byTag: Map<string, ElementHook[]>; otherTags: ElementHook[] } {
  const byTag = new Map<string, ElementHook[]>();
  const otherTags: ElementHook[] = [];
  for (const { element, tags } of visitors) {
    if (!element) continue;
    if (!tags) {
      otherTags.push(element);
      for (const hooks of byTag.values()) hooks.push(element);
      continue;
    }
    for (const name of new Set(tags)) {
      const hooks = byTag.get(name);
      // A tag first named now also gets the tag-less visitors that came before.
      if (hooks) hooks.push(element);
      else byTag.set(name, [...otherTags, element]);
    }
  }
  return { byTag, otherTags };
}

/** The context an element's children inherit. */
function enterElement(el: Element, at: WalkContext): WalkContext {
  const name = el.name;
  const a = el.attribs;
  const role = (a['role'] ?? '').toLowerCase();
  return {
    landmark: landmarkOf(name, role) ?? at.landmark,
    hidden: at.hidden || a['hidden'] !== undefined || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a['style'] ?? ''),
    inLink: at.inLink || name === 'a',
    picture: name === 'picture' ? el : at.picture,
    form: name === 'form' ? el : at.form,
    inCode: at.inCode || CODE_ELEMENTS.has(name),
    inHeadTag: name === 'head' ? true : name === 'body' ? false : at.inHeadTag,
  };
}

function landmarkOf(name: string, role: string): Landmark | null {
  if (name === 'nav' || role === 'navigation') return 'nav';
  if (name === 'header' || role === 'banner') return 'header';
  if (name === 'footer' || role === 'contentinfo') return 'footer';
  if (name === 'aside' || role === 'complementary') return 'aside';
  if (name === 'main' || role === 'main') return 'content';
  return null;
}

/** Elements below el (iterative: an inert subtree may be as deep as the page). */
function countElements(el: Element): number {
  let n = 0;
  const stack: AnyNode[] = [...el.children];
  while (stack.length) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      n++;
      stack.push(...(node as Element).children);
    }
  }
  return n;
}
