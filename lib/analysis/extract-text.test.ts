import { describe, expect, it } from 'vitest';
import { createTextCollector, hashText } from '@/lib/analysis/extract-text';
import { collectFrom } from '@/test/extract-test-support';

const NO_HEAD: { title: string | null; metaDescription: string | null } = { title: null, metaDescription: null };
const textOf = (html: string, head = NO_HEAD) => collectFrom(html, () => {
  const collector = createTextCollector();
  return { ...collector, finish: () => collector.finish(head) };
});

describe('text collector', () => {
  it('separates words at block boundaries but not inside inline elements', () => {
    const facts = textOf('<div>one</div><div>two</div><p>th<b>r</b>ee<br>four</p><ul><li>five</li><li>six</li></ul>');
    expect(facts.text).toBe('one two three four five six');
    expect(facts.wordCount).toBe(6);
  });

  it('leaves out hidden text, scripts, styles, noscript and replaced-element fallbacks', () => {
    const facts = textOf('<p>shown</p><p hidden>hidden</p><div style="display:none">none</div><script>var s</script><style>p{}</style><noscript>ns</noscript><iframe>fallback</iframe>');
    expect(facts.text).toBe('shown');
  });

  it('keeps code in the text but not in the prose', () => {
    const facts = textOf('<p>Run this:</p><pre>npm   install</pre><p>Then <code>go</code> on.</p>');
    expect(facts.text).toBe('Run this: npm install Then go on.');
    expect(facts.proseText).toBe('Run this: Then on.');
  });

  it('counts visible paragraphs that have text', () => {
    expect(textOf('<p>a</p><p> </p><p><img alt="x"></p><div hidden><p>b</p></div><p><span>c</span></p>').paragraphs).toBe(2);
  });

  it('finds template tokens in visible prose, the title and the description, at most 10', () => {
    const facts = textOf('<p>Hello {{ name }}, %%sitename%%</p><pre>{{ in code }}</pre><p hidden>${hidden}</p>', { title: 'Buy ${product}', metaDescription: '{% block %}' });
    expect(facts.templateTokens).toEqual(['{{ name }}', '%%sitename%%', '${product}', '{% block %}']);
    const many = textOf(Array.from({ length: 15 }, (_, i) => `<p>{{t${i}}}</p>`).join(''));
    expect(many.templateTokens).toHaveLength(10);
  });

  it('finds a token only when one text node holds it whole', () => {
    expect(textOf('<p>{{ a<b>b</b> }}</p>').templateTokens).toEqual([]);
  });

  it('fingerprints the text and measures its UTF-8 size', () => {
    const facts = textOf('<p>Crème brûlée</p>');
    expect(facts.textHash).toBe(hashText('crème  BRÛLÉE'));
    expect(facts.textBytes).toBe(Buffer.byteLength('Crème brûlée'));
  });
});

describe('text collector: hidden text', () => {
  it('counts words hidden by the hidden attribute, display:none or visibility:hidden, with block boundaries', () => {
    const facts = textOf('<p>shown</p><p hidden>one two</p><div style="display: none"><p>three</p><p>fo<b>u</b>r</p></div><span style="visibility:hidden">five</span>');
    expect(facts.hiddenText).toEqual({ words: 5, sample: 'one two three four five' });
    expect(facts.wordCount).toBe(1);
  });

  it('leaves out menus, dialogs, tab panels, code, <template> and <noscript>', () => {
    const facts = textOf(
      '<nav><ul style="display:none"><li>menu item</li></ul></nav><div role="navigation" hidden>nav two</div><menu hidden><li>m</li></menu>' +
        '<div aria-modal="true" style="display:none">modal words</div><dialog><p>dialog text</p></dialog><div role="tabpanel" hidden>tab text</div>' +
        '<ul role="menu" style="display:none"><li>x</li></ul><pre hidden>code</pre><template><p>tpl</p></template><noscript>ns</noscript><p>shown</p>',
    );
    expect(facts.hiddenText).toEqual({ words: 0, sample: '' });
  });

  it('keeps at most 50,000 characters of hidden text', () => {
    const facts = textOf(`<div hidden>${'word '.repeat(20_000)}</div>`);
    expect(facts.hiddenText.words).toBe(10_000);
    expect(facts.hiddenText.sample.length).toBe(160);
  });
});

describe('hashText', () => {
  it('ignores case, whitespace and Unicode normalisation form, and nothing else', () => {
    expect(hashText(' Café\n au lait ')).toBe(hashText('cafe\u0301 au LAIT'));
    expect(hashText('cafe au lait')).not.toBe(hashText('café au lait'));
  });
});
