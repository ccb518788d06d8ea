import { describe, expect, it } from 'vitest';
import { CSV_EOL, csvField, csvLine } from '@/lib/reports/csv-format';

describe('csvField (RFC 4180)', () => {
  it('leaves plain text unquoted', () => {
    expect(csvField('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
  });

  it.each([
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
  ])('quotes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('neutralises formulas, then quotes what needs it', () => {
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+cmd|" /C calc"!A0')).toBe(`"'+cmd|"" /C calc""!A0"`);
    expect(csvField('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
    expect(csvField('\t=1')).toBe("'\t=1");
  });

  it('writes numbers as they are and null as an empty field', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
  });
});

describe('csvLine', () => {
  it('joins fields with commas and ends with CRLF', () => {
    expect(csvLine(['a', 1, null, 'b,c'])).toBe(`a,1,,"b,c"${CSV_EOL}`);
    expect(CSV_EOL).toBe('\r\n');
  });
});
