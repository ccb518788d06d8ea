// Cheap string heuristics (no DOM, no browser) so callers need not load puppeteer to ask.

const APP_ROOT_IDS = ['root', 'app', '__next', '__nuxt', '___gatsby', 'svelte', 'q-app'];
const EMPTY_APP_ROOT = new RegExp(`<div\\b[^>]*\\bid\\s*=\\s*["']?(?:${APP_ROOT_IDS.join('|')})["'\\s>][^>]*>\\s*</div>`, 'i');
const NEAR_EMPTY_TEXT_CHARS = 100;
const NOSCRIPT_TEXT_LIMIT = 500;
/** Raw HTML with fewer words than this (and scripts) looks client-rendered (IN client_rendered_content). */
export const CLIENT_RENDERED_MAX_RAW_WORDS = 50;

/**
 * Heuristic: does this server HTML need a browser to show its content? True for an empty SPA mount
 * point, a near-empty body that loads scripts, or an "enable JavaScript" notice with little else.
 */
export function looksClientRendered(html: string): boolean {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  if (EMPTY_APP_ROOT.test(withoutComments)) return true;
  const text = extractVisibleText(withoutComments);
  const hasScripts = /<script\b/i.test(withoutComments);
  if (hasScripts && text.length < NEAR_EMPTY_TEXT_CHARS) return true;
  const noscripts = [...withoutComments.matchAll(/<noscript\b[^>]*>([\s\S]*?)<\/noscript\s*>/gi)].map((m) => m[1] ?? '');
  const asksForJs = noscripts.some((n) => /javascript/i.test(n) && /\b(enable|turn on|activate|allow|requires?|needs?)\b/i.test(n));
  return asksForJs && text.length < NOSCRIPT_TEXT_LIMIT;
}

function extractVisibleText(html: string): string {
  const body = /<body\b[^>]*>([\s\S]*)/i.exec(html)?.[1] ?? html;
  return body
    .replace(/<(script|style|noscript|template|svg)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The same question asked of facts already extracted from the raw HTML (extractPageFacts has
 * walked the DOM; no second pass over the string). Without an app mount point a short page is just
 * short ("Coming soon").
 */
export function looksClientRenderedFromFacts(facts: { wordCount: number; hasAppRoot: boolean; hasExternalScript: boolean }): boolean {
  if (facts.wordCount >= CLIENT_RENDERED_MAX_RAW_WORDS) return false;
  return facts.hasAppRoot && facts.hasExternalScript;
}
