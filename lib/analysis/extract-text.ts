// The page's visible text (what a reader sees, in reading order), the same without code samples
// ("prose"), paragraph count, duplicate-detection fingerprints and unrendered template placeholders.
import { createHash } from 'node:crypto';
import type { PageFacts } from '@/lib/crawler/page-facts';
import type { DocumentVisitor } from '@/lib/analysis/extract-dom-walk';
import { INLINE_ELEMENTS, readText } from '@/lib/analysis/extract-read-text';
import { computeTextMinhash } from '@/lib/analysis/text-minhash';
import { collapseWhitespace, countWords } from '@/lib/analysis/text-utils';

export type TextFacts = Required<
  Pick<PageFacts, 'text' | 'proseText' | 'wordCount' | 'textHash' | 'textMinhash' | 'paragraphs' | 'templateTokens' | 'hiddenText'>
> & {
  /** UTF-8 size of the visible text (the caller divides it by the HTML size). */
  textBytes: number;
};

/** Template tokens are also looked for in the title and description, which the walk doesn't see as text. */
export type TextCollector = DocumentVisitor & { finish(head: { title: string | null; metaDescription: string | null }): TextFacts };

const MAX_TEMPLATE_TOKENS = 10;
// Hidden text kept to count its words: far more than any threshold needs, bounded on hostile pages.
const HIDDEN_TEXT_MAX_CHARS = 50_000;
const HIDDEN_SAMPLE_CHARS = 160;
// Hidden on purpose in common UI, shown on a click: menus, dialogs, tab panels, tooltips.
const HIDDEN_UI_ELEMENTS = new Set(['nav', 'menu', 'dialog', 'details', 'select', 'datalist']);
const HIDDEN_UI_ROLES = new Set(['navigation', 'menu', 'menubar', 'dialog', 'alertdialog', 'tabpanel', 'tablist', 'tooltip', 'listbox', 'combobox']);

/** An element whose hidden content is ordinary UI (see HIDDEN_UI_*), or a modal dialog. */
function isHiddenUi(el: { name: string; attribs: Record<string, string> }): boolean {
  if (HIDDEN_UI_ELEMENTS.has(el.name)) return true;
  const a = el.attribs;
  if (a['aria-modal'] !== undefined && a['aria-modal'].trim().toLowerCase() === 'true') return true;
  const role = a['role'];
  return role !== undefined && HIDDEN_UI_ROLES.has(role.trim().toLowerCase());
}
const TEMPLATE_TOKEN = /\{\{[^{}\n]{1,60}\}\}|\{%[^%\n]{1,60}%\}|%%[a-z_]{2,30}%%|\$\{[A-Za-z_][\w.]{0,40}\}/gi;

export function createTextCollector(): TextCollector {
  const textParts: string[] = [];
  const proseParts: string[] = [];
  const templateTokens = new Set<string>();
  let paragraphs = 0;
  // Hidden text outside hidden UI (uiDepth: how many HIDDEN_UI elements enclose the current node).
  const hiddenParts: string[] = [];
  let hiddenChars = 0;
  let uiDepth = 0;
  const hiddenBreak = () => {
    if (hiddenParts.length > 0 && hiddenParts[hiddenParts.length - 1] !== ' ') hiddenParts.push(' ');
  };
  // A block boundary separates words even when the markup has no whitespace there (<p>a</p><p>b</p>).
  const space = () => {
    textParts.push(' ');
    proseParts.push(' ');
  };

  return {
    text(data, at) {
      if (at.hidden) {
        if (uiDepth === 0 && at.landmark !== 'nav' && !at.inCode && hiddenChars < HIDDEN_TEXT_MAX_CHARS) {
          const part = data.length > HIDDEN_TEXT_MAX_CHARS - hiddenChars ? data.slice(0, HIDDEN_TEXT_MAX_CHARS - hiddenChars) : data;
          hiddenParts.push(part);
          hiddenChars += part.length;
        }
        return;
      }
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
      if (isHiddenUi(el)) uiDepth++;
      if (!INLINE_ELEMENTS.has(el.name)) {
        space();
        hiddenBreak();
      }
    },
    close(el) {
      if (isHiddenUi(el)) uiDepth--;
      if (!INLINE_ELEMENTS.has(el.name)) {
        space();
        hiddenBreak();
      }
    },
    finish({ title, metaDescription }) {
      const text = collapseWhitespace(textParts.join(''));
      const hidden = collapseWhitespace(hiddenParts.join(''));
      for (const t of [title, metaDescription]) if (t) collectTemplateTokens(t, templateTokens);
      return {
        text,
        proseText: collapseWhitespace(proseParts.join('')),
        wordCount: countWords(text),
        textHash: hashText(text),
        textMinhash: computeTextMinhash(text),
        paragraphs,
        templateTokens: [...templateTokens].slice(0, MAX_TEMPLATE_TOKENS),
        hiddenText: { words: countWords(hidden), sample: hidden.slice(0, HIDDEN_SAMPLE_CHARS) },
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
