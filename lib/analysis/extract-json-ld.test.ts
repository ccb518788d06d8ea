import { describe, expect, it } from 'vitest';
import { collectTypes, JSON_LD_MAX_DEPTH, jsonDepthExceeds, parseJsonLd, stripSchemaPrefix } from '@/lib/analysis/extract-json-ld';

describe('parseJsonLd', () => {
  it('parses a block, listing its types outermost first', () => {
    const fact = parseJsonLd(' {"@context":"https://schema.org","@type":"Article","author":{"@type":["Person","schema:Author"]}} ');
    expect(fact).toMatchObject({ format: 'json-ld', types: ['Article', 'Person', 'Author'], data: { '@type': 'Article' } });
    expect(fact.raw?.startsWith('{')).toBe(true);
  });

  it('accepts HTML comment and CDATA wrappers and raw line breaks inside strings, as Google does', () => {
    expect(parseJsonLd('<!-- {"@type":"Thing"} -->').types).toEqual(['Thing']);
    expect(parseJsonLd('//<![CDATA[\n{"@type":"Thing"}\n//]]>').types).toEqual(['Thing']);
    expect(parseJsonLd('{"@type":"Thing","description":"line one\nline two"}').data).toEqual({ '@type': 'Thing', description: 'line one\nline two' });
  });

  it('reports invalid JSON with the parser message and a bounded sample', () => {
    const fact = parseJsonLd(`{"@type": "Thing",}${' '.repeat(3000)}x`);
    expect(fact).toMatchObject({ types: [], data: null });
    expect(fact.error).toBeTruthy();
    expect(fact.raw).toHaveLength(2001);
  });

  it(`refuses values nested deeper than ${JSON_LD_MAX_DEPTH} levels`, () => {
    const fact = parseJsonLd(`${'['.repeat(JSON_LD_MAX_DEPTH + 1)}${']'.repeat(JSON_LD_MAX_DEPTH + 1)}`);
    expect(fact).toMatchObject({ data: null, error: `Nested more than ${JSON_LD_MAX_DEPTH} levels deep; not read.` });
    expect(parseJsonLd(`${'['.repeat(JSON_LD_MAX_DEPTH)}${']'.repeat(JSON_LD_MAX_DEPTH)}`).error).toBeUndefined();
  });
});

describe('JSON-LD helpers', () => {
  it('measures depth without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(jsonDepthExceeds(deep, 64)).toBe(true);
    expect(jsonDepthExceeds({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(jsonDepthExceeds({ a: [{ b: {} }] }, 3)).toBe(true);
  });

  it('strips schema.org prefixes in every spelling', () => {
    expect(['https://schema.org/Product', 'http://www.schema.org/Product', 'schema.org/Product', 'schema:Product', 'Product'].map(stripSchemaPrefix)).toEqual(Array(5).fill('Product'));
  });

  it('lists each type once, breadth-first', () => {
    expect(collectTypes({ '@graph': [{ '@type': 'A', x: { '@type': 'C' } }, { '@type': 'B' }, { '@type': 'A' }] })).toEqual(['A', 'B', 'C']);
  });
});
