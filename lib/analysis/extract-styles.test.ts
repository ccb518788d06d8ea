import { describe, expect, it } from 'vitest';
import { createStyleCollector } from '@/lib/analysis/extract-styles';
import { collectFrom } from '@/test/extract-test-support';

const stylesOf = (html: string) => collectFrom(html, createStyleCollector);

describe('style collector', () => {
  it('collects px font sizes from style attributes and <style>, and @font-face rules without font-display', () => {
    const facts = stylesOf('<p style="font-size: 11px">a</p><style>h1 { font-size: 32px } @font-face { font-family: A } @font-face { font-family: B; font-display: swap }</style>');
    expect(facts.fontSizesPx).toEqual([11, 32]);
    expect(facts.fontFacesWithoutDisplay).toBe(1);
    expect(facts.inlineStyleBytes).toBe(Buffer.byteLength('h1 { font-size: 32px } @font-face { font-family: A } @font-face { font-family: B; font-display: swap }'));
  });

  it('reports fixed widths of at least 320 px on non-replaced elements, from style or a width attribute', () => {
    const facts = stylesOf('<div style="width: 980px"></div><section style="max-width: 980px"></section><img style="width: 800px"><table width="600"></table><td width="319"></td><p width="900"></p>');
    expect(facts.fixedWidthElements).toEqual([{ tag: 'div', widthPx: 980 }, { tag: 'table', widthPx: 600 }]);
  });

  it('takes the base font size from the last body rule, in <style> or on <body>', () => {
    expect(stylesOf('<style>html, body { font-size: 14px }</style><body><p></p></body>').baseFontSizePx).toBe(14);
    expect(stylesOf('<head><style>body { font-size: 14px }</style></head><body style="font-size: 18px"></body>').baseFontSizePx).toBe(18);
    expect(stylesOf('<style>.body { font-size: 14px }</style>').baseFontSizePx).toBeNull();
  });
});
