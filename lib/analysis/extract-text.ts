// The page's visible text (what a reader sees, in reading order), the same without code samples
// ("prose"), paragraph count, duplicate-detection fingerprints and unrendered template placeholders.
import { createHash } from 'node:crypto';
import type { PageFacts } from '@/lib/crawler/page-facts';
import type { DocumentVisitor } from '@/lib/analysis/extract-dom-walk';
import { INLINE_ELEMENTS, readText } from '@/lib/analysis/extract-read-text';
import { computeTextMinhash } from '@/lib/analysis/text-minhash';
import { collapseWhitespace, countWords } from '@/lib/analysis/text-utils';

export type TextFacts = Required<
  Pick<PageFacts, 'text' | 'proseText' | 'wordCount' | 'textHash' | 'textMinhash' | 'paragraphs' | 'templateTokens'>
> & {
  /** UTF-8 size of the visible text (the caller divides it by the HTML size). */
  textBytes: number;
};

/** Template tokens are also looked for in the title and description, which the walk doesn't see as text. */
export type TextCollector = DocumentVisitor & { finish(head: { title: string | null; metaDescription: string | null }): TextFacts };

const MAX_TEMPLATE_TOKENS = 10;
const TEMPLATE_TOKEN = /\{\{[^{}\n]{1,60}\}\}|\{%[^%\n]{1,60}%\}|%%[a-z_]{2,30}%%|\$\{[A-Za-z_][\w.]{0,40}\}/gi;

export function createTextCollector(): TextCollector {
  const textParts: string[] = [];
  const proseParts: string[] = [];
  const templateTokens = new Set<string>();
  let paragraphs = 0;
  // A block boundary separates words even when the markup has no whitespace there (<p>a</p><p>b</p>).
  const space = () => {
    textParts.push(' ');
    proseParts.push(' ');
  };

  return {
    text(data, at) {
      if (at.hidden) return;
      if (data.trim() === '') {
        space();
        return;
      }
      textParts.push(data);
      if (at.inCode) return;
      proseParts.push(data);
      collectTemplateTokens(data, templateTokens);
    },
    tags: ['p'],
    element(el, at) {
      if (!at.hidden && readText(el).trim() !== '') paragraphs++;
    },
    open(el) {
      if (!INLINE_ELEMENTS.has(el.name)) space();
    },
    close(el) {
      if (!INLINE_ELEMENTS.has(el.name)) space();
    },
    finish({ title, metaDescription }) {
      const text = collapseWhitespace(textParts.join(''));
      for (const t of [title, metaDescription]) if (t) collectTemplateTokens(t, templateTokens);
      return {
        text,
        proseText: collapseWhitespace(proseParts.join('')),
        wordCount: countWords(text),
        textHash: hashText(text),
        textMinhash: computeTextMinhash(text),
        paragraphs,
        templateTokens: [...templateTokens].slice(0, MAX_TEMPLATE_TOKENS),
        textBytes: Buffer.byteLength(text),
      };
    },
  };
}

/** Stable hash of the normalised visible text (duplicate detection across pages). */
export function hashText(text: string): string {
  const normalised = text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha1').update(normalised).digest('hex');
}

// Per text node rather than over the joined text, which would also match a token split by markup
// ({{a<b>b</b>}}). An exec loop, not matchAll: matchAll copies the regex on every call, and this
// runs for every text node.
function collectTemplateTokens(text: string, into: Set<string>): void {
  if (into.size >= MAX_TEMPLATE_TOKENS) return;
  TEMPLATE_TOKEN.lastIndex = 0;
  for (let m = TEMPLATE_TOKEN.exec(text); m !== null; m = TEMPLATE_TOKEN.exec(text)) into.add(m[0]);
}
