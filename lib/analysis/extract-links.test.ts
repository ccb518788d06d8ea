import { describe, expect, it } from 'vitest';
import { buildLink, createLinkCollector } from '@/lib/analysis/extract-links';
import { collectFrom, firstElement } from '@/test/extract-test-support';

const BASE = 'https://www.example.com/dir/page';
const linkOf = (html: string, pageSite: string | null = 'example.com') => buildLink(firstElement(html, 'a'), BASE, pageSite, 'content');

describe('buildLink', () => {
  it('resolves http(s) links and strips the tabs and newlines browsers ignore', () => {
    expect(linkOf('<a href=" ../x\n/y\t">x</a>')).toMatchObject({ url: 'https://www.example.com/x/y', href: ' ../x\n/y\t' });
  });

  it('has no URL for other schemes or a missing href', () => {
    expect(linkOf('<a href="javascript:void(0)">x</a>').url).toBeNull();
    expect(linkOf('<a href="mailto:a@example.com">x</a>').url).toBeNull();
    expect(linkOf('<a name="top">x</a>')).toMatchObject({ url: null, href: null, internal: false });
  });

  it('counts www and apex as one site, subdomains and other hosts as external', () => {
    expect(linkOf('<a href="https://example.com/a">x</a>').internal).toBe(true);
    expect(linkOf('<a href="/a">x</a>').internal).toBe(true);
    expect(linkOf('<a href="https://shop.example.com/">x</a>').internal).toBe(false);
    expect(linkOf('<a href="/a">x</a>', null).internal).toBe(false);
  });

  it('names the link by its text, else image alts, else aria-label, else title', () => {
    expect(linkOf('<a href="/"> Home <b>page</b></a>').text).toBe('Home page');
    expect(linkOf('<a href="/" title="t"><img alt="Logo"><span><img alt="Acme"></span></a>').text).toBe('Acme Logo');
    expect(linkOf('<a href="/" aria-label=" Go " title="t"><img alt=""></a>').text).toBe('Go');
    expect(linkOf('<a href="/" title="Title"></a>').text).toBe('Title');
  });

  it('copies rel tokens and the attributes checks ask about only when present', () => {
    const link = linkOf('<a href="/" rel="NoFollow  ugc" target="_blank" onclick="go()" id="i" role="button">x</a>');
    expect(link).toMatchObject({ rel: ['nofollow', 'ugc'], target: '_blank', hasOnclick: true, id: 'i', role: 'button' });
    expect(Object.keys(linkOf('<a href="/">x</a>'))).toEqual(['url', 'href', 'text', 'rel', 'internal', 'position']);
  });
});

describe('link collector', () => {
  it('records each <a> with the landmark it sits in, resolved against <base href>', () => {
    const { links } = collectFrom('<base href="https://cdn.example.org/"><header><a href="/h">h</a></header><nav><a href="n">n</a></nav><footer><a href="/f">f</a></footer>', createLinkCollector);
    expect(links.map((l) => [l.url, l.position])).toEqual([['https://cdn.example.org/h', 'header'], ['https://cdn.example.org/n', 'nav'], ['https://cdn.example.org/f', 'footer']]);
  });
});
