import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { parseHtml, rootOf } from '@/lib/analysis/extract-document';
import { walkDocument, type DocumentVisitor, type WalkContext } from '@/lib/analysis/extract-dom-walk';

/** Records every hook call as a line, and the context of each element / text node. */
function record(html: string, tags?: string[]) {
  const events: string[] = [];
  const contexts = new Map<string, WalkContext & { inHead: boolean }>();
  const visitor: DocumentVisitor = {
    ...(tags ? { tags } : {}),
    directive: (data) => events.push(`directive ${data}`),
    element: (el, at, inHead) => {
      events.push(`element ${el.name}`);
      if (el.attribs['id']) contexts.set(el.attribs['id'], { ...at, inHead });
    },
    open: (el) => events.push(`open ${el.name}`),
    close: (el) => events.push(`close ${el.name}`),
    text: (data, at) => {
      events.push(`text ${JSON.stringify(data)}`);
      contexts.set(`text:${data.trim()}`, { ...at, inHead: false });
    },
  };
  const facts = walkDocument(rootOf(parseHtml(html)), [visitor]);
  return { events, contexts, facts };
}

describe('walkDocument', () => {
  it('visits nodes in document order, opening and closing the elements it reads into', () => {
    const { events } = record('<!doctype html><p>a<b>b</b></p>');
    expect(events).toEqual(['directive !doctype html', 'element p', 'open p', 'text "a"', 'element b', 'open b', 'text "b"', 'close b', 'close p']);
  });

  it('does not read into raw-text, inert or replaced elements', () => {
    const { events } = record('<title>t</title><script>s</script><noscript><p>n</p></noscript><svg><a>x</a></svg><iframe><p>f</p></iframe><video><p>v</p></video>');
    expect(events).toEqual(['element title', 'element script', 'element noscript', 'element svg', 'element iframe', 'element video']);
  });

  it('counts elements inside inert subtrees but not inside replaced ones', () => {
    expect(record('<div><noscript><p><b>x</b></p></noscript><template><i></i></template></div>').facts.domNodes).toBe(6);
    expect(record('<div><iframe><p><b>x</b></p></iframe></div>').facts.domNodes).toBe(2);
  });

  it('calls element only for the tags a visitor asks for, and every other hook as usual', () => {
    const { events } = record('<p>a<b>b</b></p>', ['b']);
    expect(events.filter((e) => e.startsWith('element'))).toEqual(['element b']);
    expect(events).toContain('open p');
  });

  it('calls visitors in the order given', () => {
    const calls: string[] = [];
    const visitor = (id: string): DocumentVisitor => ({ element: (el) => calls.push(`${id}:${el.name}`) });
    const tagged = (id: string, tags: string[]): DocumentVisitor => ({ tags, element: (el) => calls.push(`${id}:${el.name}`) });
    walkDocument(rootOf(parseHtml('<p></p><i></i>')), [visitor('1'), tagged('2', ['p']), visitor('3'), tagged('4', ['i', 'p', 'p']), visitor('5')]);
    expect(calls).toEqual(['1:p', '2:p', '3:p', '4:p', '5:p', '1:i', '3:i', '4:i', '5:i']);
  });

  it('passes on landmark, hidden, link, picture, form and code context to descendants', () => {
    const { contexts } = record(`<nav><a href="/"><span id="in-link">x</span></a></nav>
      <div role="contentinfo"><p id="in-footer"></p><main><p id="in-main"></p></main></div>
      <div style="display: none"><p id="hidden"></p></div><section hidden><p id="hidden-attr"></p></section>
      <picture><img id="in-picture"></picture><form><input id="in-form"></form><pre><span><b id="in-code"></b></span></pre>`);
    expect(contexts.get('in-link')).toMatchObject({ landmark: 'nav', inLink: true, hidden: false });
    expect(contexts.get('in-footer')?.landmark).toBe('footer');
    expect(contexts.get('in-main')?.landmark).toBe('content');
    expect(contexts.get('hidden')?.hidden).toBe(true);
    expect(contexts.get('hidden-attr')?.hidden).toBe(true);
    expect(contexts.get('in-picture')?.picture?.name).toBe('picture');
    expect(contexts.get('in-form')?.form?.name).toBe('form');
    expect(contexts.get('in-code')?.inCode).toBe(true);
    expect(contexts.get('in-link')).toMatchObject({ picture: null, form: null, inCode: false });
  });

  it('gives an element the context of its parent, not its own', () => {
    const { contexts } = record('<nav id="nav"><a id="a" href="/">x</a></nav>');
    expect(contexts.get('nav')?.landmark).toBe('content');
    expect(contexts.get('a')).toMatchObject({ landmark: 'nav', inLink: false });
  });

  it('closes the head at the first body-only element, like a browser', () => {
    const { contexts, facts } = record('<html><head><meta id="m1"><img id="img"><meta id="m2"></head><body><p id="p"></p></body></html>');
    expect(contexts.get('m1')?.inHead).toBe(true);
    expect(contexts.get('img')?.inHead).toBe(false);
    expect(contexts.get('m2')).toMatchObject({ inHead: false, inHeadTag: true });
    expect(contexts.get('p')?.inHeadTag).toBe(false);
    expect(facts.headBrokenBy).toBe('<img>');
  });

  it('closes the head at stray text, but not at whitespace', () => {
    expect(record('<head>\n  <title>t</title>\n</head>').facts.headBrokenBy).toBeNull();
    expect(record('<head><title>t</title>oops, some text<meta></head>').facts.headBrokenBy).toBe('text "oops, some text"');
  });

  it('ends the head at <body> without naming a culprit, and counts html/head/body elements', () => {
    const { contexts, facts } = record('<html><head></head><body><meta id="m"></body></html>');
    expect(contexts.get('m')?.inHead).toBe(false);
    expect(facts.headBrokenBy).toBeNull();
    expect(facts.structure).toEqual({ html: 1, head: 1, body: 1 });
  });

  it('walks 20,000 nested elements without overflowing the stack', () => {
    const depth = 20_000;
    const seen: Element[] = [];
    walkDocument(rootOf(parseHtml(`${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}`)), [{ tags: ['div'], element: (el) => void seen.push(el) }]);
    expect(seen).toHaveLength(depth);
  });
});
