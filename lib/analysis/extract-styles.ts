// What the page's own CSS says about legibility and layout on phones: font sizes, the body's base
// font size, fixed widths wider than a phone, @font-face rules without font-display. Only inline
// CSS (style attributes and <style>); stylesheets are not fetched.
import type { PageFacts } from '@/lib/crawler/page-facts';
import type { Collector } from '@/lib/analysis/extract-dom-walk';
import { readRawText } from '@/lib/analysis/extract-read-text';

export type StyleFacts = Required<
  Pick<PageFacts, 'inlineStyleBytes' | 'fontSizesPx' | 'fixedWidthElements' | 'baseFontSizePx' | 'fontFacesWithoutDisplay'>
>;

const REPLACED_ELEMENTS = new Set(['img', 'video', 'iframe', 'canvas', 'svg', 'embed', 'object', 'picture', 'source', 'audio']);
const WIDTH_ATTRIBUTE_ELEMENTS = new Set(['table', 'td', 'th', 'div']);
// 320 px is the narrowest common phone viewport; anything fixed below it can't overflow.
const PHONE_WIDTH_PX = 320;
const FONT_SIZE_PX = /font-size\s*:\s*(\d+(?:\.\d+)?)px/i;

export function createStyleCollector(): Collector<StyleFacts> {
  let inlineStyleBytes = 0;
  const fontSizesPx: number[] = [];
  const fixedWidthElements: { tag: string; widthPx: number }[] = [];
  let baseFontSizePx: number | null = null;
  let fontFacesWithoutDisplay = 0;

  const readStyleAttribute = (tag: string, style: string) => {
    const fs = FONT_SIZE_PX.exec(style);
    if (fs) fontSizesPx.push(Number(fs[1]));
    if (REPLACED_ELEMENTS.has(tag)) return;
    const w = /(?:^|;)\s*width\s*:\s*(\d+(?:\.\d+)?)px/i.exec(style);
    if (w && Number(w[1]) >= PHONE_WIDTH_PX) fixedWidthElements.push({ tag, widthPx: Number(w[1]) });
  };

  const readStyleSheet = (css: string) => {
    inlineStyleBytes += Buffer.byteLength(css);
    for (const m of css.matchAll(/font-size\s*:\s*(\d+(?:\.\d+)?)px/gi)) fontSizesPx.push(Number(m[1]));
    for (const m of css.matchAll(/@font-face\s*\{([^}]*)\}/gi)) if (!/font-display\s*:/i.test(m[1] ?? '')) fontFacesWithoutDisplay++;
    for (const m of css.matchAll(/(?:^|[}\s,])body\s*(?:,[^{]*)?\{([^}]*)\}/gi)) {
      const fs = FONT_SIZE_PX.exec(m[1] ?? '');
      if (fs) baseFontSizePx = Number(fs[1]);
    }
  };

  return {
    element(el) {
      const name = el.name;
      const style = el.attribs['style'];
      if (style !== undefined) readStyleAttribute(name, style);
      if (name === 'style') {
        readStyleSheet(readRawText(el));
      } else if (WIDTH_ATTRIBUTE_ELEMENTS.has(name)) {
        const w = el.attribs['width'];
        if (w && /^\d+$/.test(w.trim()) && Number(w) >= PHONE_WIDTH_PX) fixedWidthElements.push({ tag: name, widthPx: Number(w) });
      } else if (name === 'body' && style) {
        const fs = FONT_SIZE_PX.exec(style);
        if (fs) baseFontSizePx = Number(fs[1]);
      }
    },
    finish: () => ({ inlineStyleBytes, fontSizesPx, fixedWidthElements, baseFontSizePx, fontFacesWithoutDisplay }),
  };
}
