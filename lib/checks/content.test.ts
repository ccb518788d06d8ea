import { describe, expect, it } from 'vitest';
import { buildCleanPage } from '@/test/clean-page-fixture';
import { contentChecks, findCopyrightYear } from '@/lib/checks/content';
import { buildHtml, buildTestPage, createCheckTester } from '@/test/test-page';

const t = createCheckTester(contentChecks);
const sentence = 'We fix leaking roofs quickly and show you photos of the work before we leave your home. ';
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i % 50 === 0 ? 'x' : ''}${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + (Math.floor(i / 26) % 26))}`).join(' ');
const page = (body: string, head = '', opts: Parameters<typeof buildTestPage>[1] = {}) => buildTestPage(buildHtml(body, head), opts);
const richBody = `<h1>Roof repair</h1><p>${sentence.repeat(25)}</p><a href="/contact">Contact us</a>`;
const good = page(richBody);

describe('content checks', () => {
  it('thin-content', () => {
    t.expectFires('thin-content', page('<h1>Hi</h1><p>Short page with few words.</p>'), 'Only 6 words of visible text (min 200)');
    t.expectSilent('thin-content', good);
    t.expectSilent('thin-content', page('<p>Short</p>', '<meta name="robots" content="noindex">'));
  });

  it('low-text-ratio: heavy markup, short text', () => {
    const heavy = page(`<p>${words(60)}</p><script>${'var a = 1;'.repeat(3000)}</script>`);
    t.expectFires('low-text-ratio', heavy, '% of the', 'KB HTML (min 10%)');
    t.expectSilent('low-text-ratio', good);
  });

  it('hidden-text: a large hidden block, or hidden words dominating a short page', () => {
    const block = `<div style="display:none">${words(120)}</div>`;
    t.expectFires('hidden-text', page(`${richBody}${block}`), '120 words of text are hidden', 'fine if a click shows it', 'a problem if it stuffs keywords');
    t.expectFires('hidden-text', page(`<p>${words(40)}</p><p hidden>${words(60)}</p>`), '60 words of text are hidden', '60% of the page');
    t.expectSilent('hidden-text', good);
    t.expectSilent('hidden-text', page(`${richBody}<p hidden>${words(99)}</p>`));
    t.expectSilent('hidden-text', page(`<p>${words(300)}</p><p hidden>${words(60)}</p>`));
    t.expectSilent('hidden-text', page(`${richBody}<nav><ul style="display:none"><li>${words(200)}</li></ul></nav><div role="tabpanel" hidden>${words(200)}</div>`));
    t.expectSilent('hidden-text', page(`${richBody}<div aria-modal="true" style="display:none">${words(200)}</div><template>${words(200)}</template>`));
    t.expectSilent('hidden-text', page(`${richBody}${block}`, '<meta name="robots" content="noindex">'));
  });

  it('readability-poor: English only', () => {
    const hard = 'Notwithstanding considerable institutional heterogeneity, organizational characteristics substantially determine implementation effectiveness regarding comprehensive environmental sustainability initiatives throughout multinational manufacturing corporations. ';
    t.expectFires('readability-poor', page(`<p>${hard.repeat(8)}</p>`), 'Flesch reading ease is');
    t.expectSilent('readability-poor', good);
    t.expectSilent('readability-poor', buildTestPage(buildHtml(`<p>${hard.repeat(8)}</p>`, '', 'de')));
  });

  it('stale-copyright: footer year', () => {
    const year = new Date().getFullYear();
    t.expectFires('stale-copyright', page(`${richBody}<footer>© 2015 Acme</footer>`), `Copyright notice says 2015 (it is ${year})`);
    t.expectSilent('stale-copyright', page(`${richBody}<footer>© 2006–${year} Acme</footer>`));
    t.expectSilent('stale-copyright', page(`${richBody}<footer>Copyright ${year - 1} Acme</footer>`));
    expect(findCopyrightYear('Copyright 2001 to 2019 Acme')).toBe(2019);
  });

  it('mojibake: needs at least two sequences', () => {
    t.expectFires('mojibake', page('<p>Itâ€™s a cafÃ© near the river</p>'), '2 garbled sequences such as "â€™", "Ã©"');
    t.expectSilent('mojibake', page('<p>It’s a café in SÃO PAULO</p>'));
    t.expectSilent('mojibake', page('<p>Invalid bytes become �; two of them: ��</p>'));
    t.expectFires('mojibake', page(`<p>${'Caf� '.repeat(5)}</p>`), '5 garbled sequences');
  });

  it('lorem-ipsum', () => {
    t.expectFires('lorem-ipsum', page('<p>Lorem ipsum dolor sit amet, consectetur.</p>'), 'Placeholder text found: "Lorem ipsum dolor sit amet, consectetur"');
    t.expectSilent('lorem-ipsum', good);
  });

  it('dev-notes-visible: uppercase marker with colon only', () => {
    t.expectFires('dev-notes-visible', page('<p>Our prices TODO: add 2025 prices.</p>'), '"TODO: add 2025 prices"');
    t.expectSilent('dev-notes-visible', page('<p>The best Todo list app. TODO apps compared.</p>'));
    t.expectSilent('dev-notes-visible', page('<pre><code>// TODO: handle errors</code></pre>'));
  });

  it('template-placeholders: body, title; not inside <code>', () => {
    t.expectFires('template-placeholders', page('<p>Hello {{ first_name }}, welcome!</p>'), '"{{ first_name }}"');
    t.expectFires('template-placeholders', buildTestPage('<html><head><title>Roofing %%sep%% %%sitename%%</title></head><body></body></html>'), '"%%sep%%", "%%sitename%%"');
    t.expectSilent('template-placeholders', page('<p>Use <code>{{ name }}</code> in Handlebars.</p>'));
  });

  it('cta-missing: no CTA link, button, form or tel:', () => {
    t.expectFires('cta-missing', page(`<h1>Roofing</h1><p>${sentence}</p><a href="/blog">Blog</a>`), 'None of the page’s 1 link or buttons is a call to action');
    t.expectSilent('cta-missing', good);
    t.expectSilent('cta-missing', page(`<p>${sentence}</p><a href="tel:+15551234567">555 123 4567</a>`));
    t.expectSilent('cta-missing', page(`<p>${sentence}</p><button>Add to cart</button>`));
  });

  it('article-date-missing: articles only', () => {
    const article = '<meta property="og:type" content="article">';
    t.expectFires('article-date-missing', page(richBody, article), 'Article page has no datePublished');
    t.expectSilent('article-date-missing', page(richBody, `${article}<meta property="article:published_time" content="2024-05-01">`));
    t.expectSilent('article-date-missing', page(`${richBody}<time datetime="2024-05-01">May 1</time>`, article));
    t.expectSilent('article-date-missing', good);
  });

  it('keyword-stuffing: one term over 5% on long pages', () => {
    const stuffed = `<p>${sentence.repeat(20)}${'cheap gutter deals today. '.repeat(30)}</p>`;
    t.expectFires('keyword-stuffing', buildTestPage(buildHtml(stuffed).replace('<title>Roof Repair Services', '<title>Cheap Roof Repair Services')), '"cheap" is', '(30 times; max 5%)');
    // a repeated word that isn't the page's topic (not in title/H1) is UI chrome, not stuffing
    t.expectSilent('keyword-stuffing', page(stuffed));
    t.expectSilent('keyword-stuffing', buildCleanPage());
    // code samples don't count as prose
    t.expectSilent('keyword-stuffing', page(`<p>${sentence.repeat(4)}</p><pre><code>${'self.path = path; '.repeat(200)}</code></pre>`));
  });

  it('covers every check both ways', () => {
    t.expectFullCoverage();
  });
});
