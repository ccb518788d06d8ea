// Crawled text (titles, URLs, messages) goes into spreadsheets that people open in Excel, LibreOffice
// or Google Sheets. A cell that starts with one of these characters can be read as a formula there
// (CSV/formula injection, e.g. `=HYPERLINK(…)` in a page title), so it gets a leading quote. The
// full-width forms count too: some spreadsheets (e.g. with East Asian input) read them as the ASCII ones.
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** Excel refuses cells longer than this and "repairs" (empties) the workbook. */
export const MAX_CELL_CHARS = 32_767;

/** Prefixes text that a spreadsheet could take for a formula with a single quote. */
export function neutralizeFormula(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]!) ? `'${text}` : text;
}

// Characters XML 1.0 cannot carry (an xlsx with one is "corrupt"), and UTF-16 halves without their
// partner, which would be written as invalid UTF-8. Tab, LF and CR are allowed.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text a report cell gets: printable, within Excel's limit, never a formula. */
export function toCellText(text: string): string {
  let clean = text.replace(XML_INVALID, '');
  if (clean.length > MAX_CELL_CHARS - 1) {
    // Room for the ellipsis and a quote; never cut a surrogate pair in half.
    let end = MAX_CELL_CHARS - 2;
    if (/[\uD800-\uDBFF]/.test(clean[end - 1]!)) end--;
    clean = `${clean.slice(0, end)}…`;
  }
  return neutralizeFormula(clean);
}

export type CellValue = string | number | null;

/** Numbers stay numbers (sortable in a spreadsheet); every string goes through toCellText. */
export function toCell(value: CellValue | undefined): CellValue {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' ? value : toCellText(value);
}
