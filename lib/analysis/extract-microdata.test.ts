import { describe, expect, it } from 'vitest';
import { buildMicrodata } from '@/lib/analysis/extract-microdata';
import { firstElement } from '@/test/extract-test-support';

const BASE = 'https://example.com/dir/';
const itemOf = (html: string) => buildMicrodata(firstElement(html, '[itemscope]'), BASE);

describe('buildMicrodata', () => {
  it('reads an item into a JSON-LD-shaped object, nested items included', () => {
    const fact = itemOf(`<div itemscope itemtype="https://schema.org/Product">
      <h1 itemprop="name"> Shoe </h1><a itemprop="url" href="shoe">x</a><img itemprop="image" src="s.png">
      <meta itemprop="sku" content="S1"><time itemprop="releaseDate" datetime="2024-01-01">Jan</time>
      <div itemprop="offers" itemscope itemtype="http://schema.org/Offer"><span itemprop="price">9</span></div>
      <span itemprop="color">red</span><span itemprop="color">blue</span></div>`);
    expect(fact).toEqual({
      format: 'microdata',
      types: ['Product', 'Offer'],
      data: {
        '@type': 'Product', '@context': 'https://schema.org', name: 'Shoe', url: 'https://example.com/dir/shoe',
        image: 'https://example.com/dir/s.png', sku: 'S1', releaseDate: '2024-01-01',
        offers: { '@type': 'Offer', '@context': 'https://schema.org', price: '9' }, color: ['red', 'blue'],
      },
    });
  });

  it('keeps properties of a nested item out of its parent', () => {
    const fact = itemOf('<div itemscope itemtype="https://schema.org/Article"><div itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ann</span></div></div>');
    expect(fact.data).toEqual({ '@type': 'Article', '@context': 'https://schema.org', author: { '@type': 'Person', '@context': 'https://schema.org', name: 'Ann' } });
  });

  it('recognises the retired data-vocabulary.org vocabulary and several types at once', () => {
    expect(itemOf('<div itemscope itemtype="http://data-vocabulary.org/Breadcrumb"></div>').data).toEqual({ '@type': 'Breadcrumb', '@context': 'http://data-vocabulary.org/' });
    expect(itemOf('<div itemscope itemtype="https://schema.org/A https://schema.org/B"></div>').types).toEqual(['A', 'B']);
  });

  it('stops reading properties 20 items deep', () => {
    const depth = 30;
    const html = `${'<div itemprop="x" itemscope itemtype="https://schema.org/T"><span itemprop="name">n</span>'.repeat(depth)}${'</div>'.repeat(depth)}`;
    let item = itemOf(html.replace(/^<div itemprop="x"/, '<div')).data as Record<string, unknown>;
    let levels = 0;
    while (item['x']) {
      item = item['x'] as Record<string, unknown>;
      levels++;
    }
    expect(levels).toBe(21);
  });
});
