import { toCell, type CellValue } from '@/lib/reports/cell-text';

// RFC 4180 with the choices Excel needs to open the file right: CRLF line ends, and a UTF-8 byte
// order mark, without which Excel reads the bytes as the machine's legacy code page.
export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

const NEEDS_QUOTES = /[",\r\n]/;

/** One field: neutralised against formulas, then quoted when it holds a comma, quote, CR or LF. */
export function csvField(value: CellValue | undefined): string {
  const cell = toCell(value);
  if (cell === null) return '';
  const text = typeof cell === 'number' ? String(cell) : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly (CellValue | undefined)[]): string {
  return values.map(csvField).join(',') + CSV_EOL;
}
