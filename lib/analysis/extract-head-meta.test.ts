import { describe, expect, it } from 'vitest';
import type { MetaRobots } from '@/lib/crawler/page-facts';
import { buildRobots, createHeadMetaCollector } from '@/lib/analysis/extract-head-meta';
import { collectFrom } from '@/test/extract-test-support';

function headMetaOf(html: string, headerRobots: MetaRobots['sources'] = []) {
  const ignoredHeadElements: string[] = [];
  const facts = collectFrom(html, (page) => createHeadMetaCollector(page, headerRobots, ignoredHeadElements));
  return { ...facts, ignoredHeadElements };
}

describe('head meta collector', () => {
  it('reads doctype, lang (or xml:lang), titles and the first of each single-valued tag', () => {
    const facts = headMetaOf(`<!DOCTYPE html><html xml:lang="fr"><head><title> A  </title><title>B</title>
      <meta name="viewport" content="width=device-width"><meta name="viewport" content="width=1000">
      <meta name="keywords" content=" x,  y "><meta http-equiv="refresh" content="5; url=/x">
      <meta name="referrer" content="no-referrer"><meta http-equiv="Content-Security-Policy" content="default-src 'self'"></head></html>`);
    expect(facts).toMatchObject({
      doctype: 'html', lang: 'fr', titles: ['A', 'B'], title: 'A', titleInBody: false,
      viewport: 'width=device-width', viewportCount: 2, metaKeywords: 'x, y', metaRefresh: '5; url=/x',
      metaReferrer: 'no-referrer', cspMeta: "default-src 'self'",
    });
  });

  it('records the first declared charset and its byte offset', () => {
    const facts = headMetaOf('<!-- é --><meta charset="Shift_JIS"><meta http-equiv="content-type" content="text/html; charset=utf-8">');
    expect(facts.declaredCharset).toBe('shift_jis');
    expect(facts.declaredCharsetOffset).toBe(Buffer.byteLength('<!-- é -->'));
  });

  it('takes descriptions and robots only from the head; robots in the body are reported apart', () => {
    const facts = headMetaOf(`<head><meta name="description" content="in head"><meta name="robots" content="noindex">
      <img src="x.png"><meta name="description" content="after img"><meta name="googlebot" content="nofollow"></head>
      <body><meta name="robots" content="none"><title>late</title></body>`);
    expect(facts.metaDescriptions).toEqual(['in head']);
    expect(facts.robots.directives).toEqual(['noindex']);
    expect(facts.robotsInBody).toEqual(['nofollow', 'none']);
    expect(facts.titleInBody).toBe(true);
    // Only tags the author put in <head> count as ignored head elements; the one in <body> was never head content.
    expect(facts.ignoredHeadElements).toEqual(['<meta name="description">', '<meta name="googlebot">']);
  });

  it('keeps the first Open Graph (article:* included) and Twitter value of each key', () => {
    const facts = headMetaOf('<meta property="og:title" content=" T "><meta name="og:title" content="T2"><meta property="article:author" content="A"><meta name="twitter:card" content="summary">');
    expect(facts.openGraph).toEqual({ 'og:title': 'T', 'article:author': 'A' });
    expect(facts.twitter).toEqual({ 'twitter:card': 'summary' });
  });
});

describe('buildRobots', () => {
  it('applies generic and googlebot directives, not those scoped to other bots, without duplicates', () => {
    const robots = buildRobots(
      [{ source: 'meta-robots', value: 'noindex, follow' }, { source: 'meta-bot', value: 'nofollow', bot: 'bingbot' }],
      [{ source: 'x-robots-tag', value: 'noindex, noarchive' }, { source: 'x-robots-tag', value: 'nofollow', bot: 'bingbot' }, { source: 'x-robots-tag', value: 'nosnippet', bot: 'googlebot' }],
    );
    expect(robots.directives).toEqual(['noindex', 'follow', 'noarchive', 'nosnippet']);
    expect(robots).toMatchObject({ noindex: true, nofollow: false });
    expect(robots.sources).toHaveLength(5);
  });

  it('reads "none" as noindex and nofollow', () => {
    expect(buildRobots([{ source: 'meta-robots', value: 'none' }], [])).toMatchObject({ noindex: true, nofollow: true });
  });
});
