// Keyword analysis for one target phrase: where it appears (title, description, headings, URL,
// opening text, alts, anchors), how often, how early, whether it's stuffed, which related terms
// surround it, and what to change. Matching is case-, diacritic- and hyphen-insensitive on whole
// words ("cafe" matches "Café", "roof repair" matches "roof-repair", "repairs" does not match "repair").
import type { PageFacts } from '@/lib/crawler/page-facts';
import { isStopWord, normalizeText } from '@/lib/analysis/text-utils';

// Keyword mode's own numbers (no check reads them, so they live with the analysis).
const KEYWORD_THRESHOLDS = {
  /** Density above this share of words is stuffing for the target phrase. */
  stuffingDensity: 0.04,
  /** Density below this (with ≥ 300 words) is "barely mentioned". */
  minDensity: 0.003,
  /** Words counted as the opening of the page. */
  firstWords: 100,
};

export type KeywordPlacement = { found: boolean; /** Word index of the first match (0 = first word). */ position: number | null };

export type KeywordAnalysis = {
  keyword: string;
  /** Normalised tokens the analysis matched on. */
  tokens: string[];
  title: KeywordPlacement;
  metaDescription: KeywordPlacement;
  h1: { found: boolean; text: string | null };
  h2s: { matches: string[]; total: number };
  url: { found: boolean; path: string };
  firstWords: KeywordPlacement & { window: number };
  imageAlts: { matches: number; total: number };
  anchorTexts: { matches: number; total: number };
  /** Occurrences in the visible text. */
  count: number;
  /** Share of words belonging to keyword occurrences, in percent (count × phrase length / words). */
  density: number;
  /** Word index of the first occurrence in the visible text. */
  firstOccurrence: number | null;
  /** 0–100: 100 = the text starts with the keyword, 0 = not found (or only at the very end). */
  prominence: number;
  stuffing: boolean;
  relatedTerms: { term: string; count: number }[];
  suggestions: string[];
};

/** Normalised word tokens; apostrophes dropped so "men's" == "mens". */
export function tokenizeForMatch(text: string): string[] {
  return normalizeText(text.replace(/['’]/g, '')).match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu) ?? [];
}

/** Word indexes where `needle` occurs as a whole-word sequence in `hay`. */
export function findPhrase(hay: readonly string[], needle: readonly string[]): number[] {
  const out: number[] = [];
  if (needle.length === 0) return out;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    out.push(i);
  }
  return out;
}

function placement(text: string | null | undefined, needle: string[]): KeywordPlacement {
  if (!text) return { found: false, position: null };
  const at = findPhrase(tokenizeForMatch(text), needle)[0];
  return at === undefined ? { found: false, position: null } : { found: true, position: at };
}

function urlPath(url: string): string {
  try {
    const u = new URL(url);
    return decodeURIComponent(u.pathname);
  } catch {
    return '';
  }
}

function findRelatedTerms(words: string[], needle: string[], hits: number[]): { term: string; count: number }[] {
  const skip = new Set(needle);
  const useful = (w: string | undefined): w is string => !!w && w.length >= 3 && !/^\d+$/.test(w) && !isStopWord(w) && !skip.has(w);
  // Around the keyword when it occurs (co-occurrence), otherwise across the page.
  const ranges: [number, number][] = hits.length ? hits.map((i) => [Math.max(0, i - 15), Math.min(words.length, i + needle.length + 15)]) : [[0, words.length]];
  const counts = new Map<string, number>();
  const seenPositions = new Set<number>();
  for (const [from, to] of ranges) {
    for (let i = from; i < to; i++) {
      if (seenPositions.has(i)) continue;
      seenPositions.add(i);
      const w = words[i];
      if (useful(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
      const next = words[i + 1];
      if (useful(w) && useful(next) && i + 1 < to) counts.set(`${w} ${next}`, (counts.get(`${w} ${next}`) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([term, n]) => n >= (term.includes(' ') ? 2 : 3))
    // Phrases first on ties: "metal roof" says more than "metal".
    .sort((a, b) => b[1] - a[1] || b[0].split(' ').length - a[0].split(' ').length || a[0].localeCompare(b[0]))
    .slice(0, 10)
    .map(([term, count]) => ({ term, count }));
}

/** Pure keyword analysis of one page for one phrase. */
export function analyzeKeyword(page: PageFacts, keyword: string): KeywordAnalysis {
  const needle = tokenizeForMatch(keyword);
  const words = tokenizeForMatch(page.text);
  const hits = findPhrase(words, needle);
  const totalWords = words.length;
  const h1 = page.h1s.find((h) => findPhrase(tokenizeForMatch(h), needle).length > 0) ?? null;
  const h2s = page.headings.filter((h) => h.level === 2);
  const h2Matches = h2s.filter((h) => findPhrase(tokenizeForMatch(h.text), needle).length > 0).map((h) => h.text);
  const path = urlPath(page.finalUrl);
  const pathTokens = tokenizeForMatch(path);
  const urlFound = needle.length > 0 && (findPhrase(pathTokens, needle).length > 0 || pathTokens.join('').includes(needle.join('')));
  const firstWindow = KEYWORD_THRESHOLDS.firstWords;
  const first = hits[0] ?? null;
  const alts = page.images.map((i) => i.alt ?? '').filter((a) => a.trim() !== '');
  const anchors = page.links.map((l) => l.text).filter((t) => t.trim() !== '');
  const density = totalWords > 0 ? (hits.length * needle.length * 100) / totalWords : 0;
  const stuffing = totalWords > 0 && density / 100 > KEYWORD_THRESHOLDS.stuffingDensity && hits.length >= 3;

  const analysis: KeywordAnalysis = {
    keyword,
    tokens: needle,
    title: placement(page.title, needle),
    metaDescription: placement(page.metaDescription, needle),
    h1: { found: h1 !== null, text: h1 },
    h2s: { matches: h2Matches, total: h2s.length },
    url: { found: urlFound, path },
    firstWords: { found: first !== null && first < firstWindow, position: first !== null && first < firstWindow ? first : null, window: firstWindow },
    imageAlts: { matches: alts.filter((a) => findPhrase(tokenizeForMatch(a), needle).length > 0).length, total: alts.length },
    anchorTexts: { matches: anchors.filter((a) => findPhrase(tokenizeForMatch(a), needle).length > 0).length, total: anchors.length },
    count: hits.length,
    density: Math.round(density * 100) / 100,
    firstOccurrence: first,
    prominence: first === null || totalWords === 0 ? 0 : Math.round(100 * (1 - first / totalWords)),
    stuffing,
    relatedTerms: findRelatedTerms(words, needle, hits),
    suggestions: [],
  };
  analysis.suggestions = buildSuggestions(page, analysis, totalWords);
  return analysis;
}

function buildSuggestions(page: PageFacts, a: KeywordAnalysis, totalWords: number): string[] {
  const k = `"${a.keyword.trim()}"`;
  const out: string[] = [];
  if (a.tokens.length === 0) return ['Enter a keyword made of letters or digits.'];
  if (!a.title.found) out.push(`Add ${k} to the title${page.title ? ` (currently "${page.title}")` : ''}, ideally near the start.`);
  else if ((a.title.position ?? 0) > 3) out.push(`Move ${k} closer to the start of the title; it is word ${(a.title.position ?? 0) + 1} of "${page.title}".`);
  if (!a.metaDescription.found) out.push(`Use ${k} in the meta description — Google bolds matching words in the snippet.`);
  if (!a.h1.found) out.push(page.h1s.length ? `Work ${k} into the H1 (currently "${page.h1s[0]}").` : `Add an H1 that contains ${k}.`);
  if (a.h2s.total > 0 && a.h2s.matches.length === 0) out.push(`Use ${k} or a close variant in at least one of the ${a.h2s.total} H2 subheadings.`);
  if (!a.url.found) out.push(`Include ${k} in the URL slug (e.g. /${a.tokens.join('-')}) if you create a new page — don’t change an established URL just for this.`);
  if (!a.firstWords.found) out.push(a.firstOccurrence === null ? `Mention ${k} in the body text — it doesn’t appear anywhere in the visible copy.` : `Mention ${k} within the first ${a.firstWords.window} words (it first appears at word ${a.firstOccurrence + 1}).`);
  if (a.imageAlts.total > 0 && a.imageAlts.matches === 0) out.push(`Describe at least one relevant image with alt text that includes ${k}.`);
  if (a.stuffing) out.push(`Reduce repetitions of ${k}: ${a.count} uses make up ${a.density}% of the text (keep it under ${KEYWORD_THRESHOLDS.stuffingDensity * 100}%); use synonyms and related terms instead.`);
  else if (totalWords >= 300 && a.density / 100 < KEYWORD_THRESHOLDS.minDensity) out.push(`${k} appears only ${a.count} time${a.count === 1 ? '' : 's'} in ${totalWords} words; cover the topic more directly.`);
  return out;
}
