import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, neutralizeFormula, toCell, toCellText } from '@/lib/reports/cell-text';

describe('neutralizeFormula', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")', '＝1+1', '＋1', '－1', '＠SUM(A1)'])('quotes %j so no spreadsheet runs it', (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
  });

  it.each(['Home page', 'https://example.com/?a=1', '1-2', ' =not first', '', "'already"])('leaves %j alone', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});

describe('toCellText', () => {
  it('removes characters XML cannot hold and unpaired surrogates, keeps tab/newline and emoji', () => {
    expect(toCellText('a\u0000b\u0007c\u000Bd\uFFFEe\uD800f')).toBe('abcdef');
    expect(toCellText('line\nnext\ttab 😀')).toBe('line\nnext\ttab 😀');
  });

  it('neutralises after cleaning, so a control character cannot hide a leading =', () => {
    expect(toCellText('\u0001=cmd')).toBe("'=cmd");
  });

  it("cuts text to Excel's cell limit, quote included", () => {
    const cut = toCellText(`=${'x'.repeat(40_000)}`);
    expect(cut.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(cut.startsWith("'=")).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never leaves half a surrogate pair at the cut', () => {
    const cut = toCellText('😀'.repeat(20_000));
    expect(cut.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(cut.at(-2)).not.toMatch(/[\uD800-\uDBFF]/);
  });
});

describe('toCell', () => {
  it('keeps numbers as numbers (negative ones too) and empties as null', () => {
    expect(toCell(-5)).toBe(-5);
    expect(toCell(0)).toBe(0);
    expect(toCell(null)).toBeNull();
    expect(toCell(undefined)).toBeNull();
    expect(toCell('-5')).toBe("'-5");
  });
});
