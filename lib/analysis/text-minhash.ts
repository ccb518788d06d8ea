// MinHash signatures of page text, for near-duplicate detection across a crawl (Broder 1997; the
// method behind Screaming Frog's "near duplicates" filter). A signature is a fixed-size list of
// numbers per page; the share of positions where two signatures agree estimates the Jaccard
// similarity of the pages' word-shingle sets, so comparing pages never needs their text.
//
// Pure and linear in the text length: one tokenising pass (a single negated character class, no
// backtracking) and NEAR_DUPLICATE.hashes cheap integer mixes per shingle.
// The extractor computes it once per page (PageFacts.textMinhash); the site graph carries it to
// the near-duplicate-content check.

/** Words per shingle and signature size; changing either invalidates stored signatures. */
export const MINHASH_PARAMS = {
  /** 3-word shingles: a changed word breaks only 3 shingles, so "the same page with a different city" stays close. */
  shingleWords: 3,
  /** 128 hashes: standard error of the similarity estimate ≈ 0.027 at 90% similarity. */
  hashes: 128,
  /** LSH banding for candidate pairs: 16 bands × 8 rows finds ≥ 99.9% of pairs at 90% similarity. */
  bands: 16,
} as const;

const WORD_SPLIT = /[^\p{L}\p{N}]+/u;
const MINHASH_MAX_CHARS = 200_000;

/** murmur3 fmix32: a fast bijective mixer, so each seed gives an independent-looking permutation. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units. */
function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const SEEDS: readonly number[] = Array.from({ length: MINHASH_PARAMS.hashes }, (_, i) => mix32(0x9e3779b9 + Math.imul(i + 1, 0x7f4a7c15)));

/**
 * MinHash signature of the text's word shingles (lower-cased letters and digits only), or null
 * when the text has fewer words than one shingle.
 */
export function computeTextMinhash(text: string): number[] | null {
  // The first words are enough to tell near-duplicates apart, and keep a 5 MB page cheap.
  const words = text.slice(0, MINHASH_MAX_CHARS).toLowerCase().split(WORD_SPLIT).filter((word) => word.length > 0);
  const size = MINHASH_PARAMS.shingleWords;
  if (words.length < size) return null;
  const wordHashes = words.map(hashWord);
  const shingles = new Set<number>();
  for (let i = 0; i + size <= wordHashes.length; i++) {
    let h = 0;
    for (let j = 0; j < size; j++) h = mix32(Math.imul(h, 31) + wordHashes[i + j]!);
    shingles.add(h);
  }
  const signature: number[] = new Array<number>(SEEDS.length).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let k = 0; k < SEEDS.length; k++) {
      const value = mix32(shingle ^ SEEDS[k]!);
      if (value < signature[k]!) signature[k] = value;
    }
  }
  return signature;
}

/** Estimated Jaccard similarity (0..1) of two signatures; 0 when they are not comparable. */
export function estimateSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * Pairs of indexes whose signatures agree on every row of at least one band (locality-sensitive
 * hashing): the only pairs worth comparing, so a crawl of n pages is not n² comparisons.
 */
export function findCandidatePairs(signatures: readonly (readonly number[])[]): [number, number][] {
  const rows = Math.floor(MINHASH_PARAMS.hashes / MINHASH_PARAMS.bands);
  const seen = new Set<string>();
  const pairs: [number, number][] = [];
  for (let band = 0; band < MINHASH_PARAMS.bands; band++) {
    const buckets = new Map<string, number[]>();
    signatures.forEach((signature, index) => {
      if (signature.length !== MINHASH_PARAMS.hashes) return;
      const key = signature.slice(band * rows, band * rows + rows).join(',');
      const bucket = buckets.get(key);
      if (bucket) bucket.push(index);
      else buckets.set(key, [index]);
    });
    for (const bucket of buckets.values()) {
      for (let i = 0; i < bucket.length; i++) {
        for (let j = i + 1; j < bucket.length; j++) {
          const pairKey = `${bucket[i]},${bucket[j]}`;
          if (seen.has(pairKey)) continue;
          seen.add(pairKey);
          pairs.push([bucket[i]!, bucket[j]!]);
        }
      }
    }
  }
  return pairs;
}
