import { describe, expect, it } from 'vitest';
import { computeFleschReadingEase, countSyllables, countWords, guessLanguage, normalizeText, tokenizeWords, truncate, truncateForMessage } from '@/lib/analysis/text-utils';

describe('text utils', () => {
  it('normalizeText strips diacritics, case and extra whitespace', () => {
    expect(normalizeText('  Crème  BRÛLÉE\n')).toBe('creme brulee');
  });

  it('tokenizes words, keeps apostrophes inside words and splits CJK per character', () => {
    expect(tokenizeWords("Don't stop — 3 times")).toEqual(["Don't", 'stop', '3', 'times']);
    expect(countWords('日本語 text')).toBe(4);
  });

  it('counts syllables roughly', () => {
    expect(countSyllables('cat')).toBe(1);
    expect(countSyllables('readability')).toBeGreaterThanOrEqual(4);
  });

  it('Flesch: easy prose scores high, dense prose low, lists are ignored', () => {
    const easy = 'The cat sat on the mat. It was a sunny day. We went out to play. The dog ran fast. We had fun in the park. '.repeat(6);
    const hard = 'Institutional heterogeneity substantially complicates comprehensive organizational implementation methodologies. '.repeat(20);
    expect(computeFleschReadingEase(easy)).toBeGreaterThan(80);
    expect(computeFleschReadingEase(hard)).toBeLessThan(0);
    expect(computeFleschReadingEase(Array.from({ length: 300 }, (_, i) => `lib/file${i}.c`).join(' '))).toBeNull();
    expect(computeFleschReadingEase('Too short.')).toBeNull();
  });

  it('guessLanguage needs enough words and a clear winner', () => {
    expect(guessLanguage('the and of '.repeat(60))?.lang).toBe('en');
    expect(guessLanguage('und nicht auch '.repeat(60))?.lang).toBe('de');
    expect(guessLanguage('the cat')).toBeNull();
    expect(guessLanguage('zzz qqq xxx '.repeat(60))).toBeNull();
  });

  it('truncates with an ellipsis, never between the halves of an emoji', () => {
    expect(truncate('short', 5)).toBe('short');
    expect(truncate('abcdef', 4)).toBe('abc…');
    // 'ab😀' is four UTF-16 units: a cut after three would keep half of the emoji.
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('a😀cd', 4)).toBe('a😀…');
    expect(truncateForMessage(`  x\n${'😀'.repeat(50)}`, 10)).toBe('x 😀😀😀…');
  });
});
