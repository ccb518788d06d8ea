import { describe, expect, it } from 'vitest';
import { createAuthorshipCollector } from '@/lib/analysis/extract-authorship';
import { collectFrom } from '@/test/extract-test-support';

describe('authorship collector', () => {
  it('records each kind of author markup once, and the first non-empty meta author', () => {
    const facts = collectFrom(`<meta name="author" content=" "><meta name="Author" content=" Ann  Lee "><meta name="author" content="Bob">
      <span itemprop="author">x</span><p class="post-byline">y</p><a rel="author" href="/ann">z</a><p class="authority"></p>`, createAuthorshipCollector);
    expect(facts.metaAuthor).toBe('Ann Lee');
    expect(facts.authorSignals).toEqual(['meta:author', 'itemprop=author', 'class:author', 'rel=author']);
  });

  it('counts <time> elements', () => {
    expect(collectFrom('<time>a</time><p><time datetime="2024">b</time></p>', createAuthorshipCollector).timeElements).toBe(2);
  });
});
