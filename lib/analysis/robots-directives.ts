// Robots directive parsing shared by fact extraction and the crawlability checks (kept free of
// the HTML parser so the check catalogue stays light to import).
import type { MetaRobots } from '@/lib/crawler/page-facts';

/** Directives that take a value after ":" and therefore aren't user-agent prefixes in X-Robots-Tag. */
const VALUED_DIRECTIVES = new Set(['unavailable_after', 'max-snippet', 'max-image-preview', 'max-video-preview']);

/**
 * X-Robots-Tag may scope directives to a bot: "googlebot: noindex, nofollow, otherbot: none".
 * A token "name: value" whose name isn't a valued directive starts a new bot scope.
 */
export function parseXRobotsTag(value: string): MetaRobots['sources'] {
  if (value.trim() === '') return [];
  const groups: { bot?: string; parts: string[] }[] = [{ parts: [] }];
  for (const token of value.split(',')) {
    const t = token.trim();
    if (!t) continue;
    // Bot names never contain spaces or start with a digit (which keeps dates like "25-Jun-2010 15:00" intact).
    const m = /^([A-Za-z][A-Za-z0-9_.-]*)\s*:\s*(.*)$/.exec(t);
    const name = m?.[1]?.toLowerCase();
    if (m && name && !VALUED_DIRECTIVES.has(name)) {
      groups.push({ bot: name, parts: m[2] ? [m[2]] : [] });
    } else {
      groups[groups.length - 1]?.parts.push(t);
    }
  }
  return groups
    .filter((g) => g.parts.length > 0)
    .map((g) => ({ source: 'x-robots-tag' as const, value: g.parts.join(', '), ...(g.bot ? { bot: g.bot } : {}) }));
}

const KNOWN_DIRECTIVES = new Set(['all', 'index', 'noindex', 'follow', 'nofollow', 'none', 'noarchive', 'nocache', 'nosnippet', 'noimageindex', 'notranslate', 'noodp', 'noydir', 'indexifembedded']);

/** Splits a robots value into lower-cased directives, tolerating space separators and RFC 850 dates. */
export function splitDirectives(value: string): string[] {
  const out: string[] = [];
  for (const token of value.split(',')) {
    const plain = token.trim().toLowerCase();
    if (!plain) continue;
    const prev = out[out.length - 1];
    // "unavailable_after: Wednesday, 25-Jun-2025 …" was cut at its comma: glue the date back.
    if (prev?.startsWith('unavailable_after:') && /^\d/.test(plain)) {
      out[out.length - 1] = `${prev}, ${plain}`;
      continue;
    }
    const d = plain.replace(/^([a-z_-]+)\s*:\s*/, '$1: ');
    const words = d.split(/\s+/);
    if (words.length > 1 && words.every((w) => KNOWN_DIRECTIVES.has(w))) out.push(...words);
    else out.push(d);
  }
  return out;
}
