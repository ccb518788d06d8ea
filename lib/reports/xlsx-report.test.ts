import { mkdtemp, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET_NAMES, writeXlsxReport } from '@/lib/reports/xlsx-report';
import { reportDataOf, reportFixture } from '@/test/report-fixture';

let dir: string;
let workbook: ExcelJS.Workbook;
const progress: number[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'xlsx-report-'));
  const file = path.join(dir, 'report.xlsx');
  const out = createWriteStream(file);
  await writeXlsxReport(reportDataOf(reportFixture()), out, { onRows: (n) => void progress.push(n), now: new Date('2026-12-02T08:00:00Z') });
  await finished(out);
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sheet = (name: string) => workbook.getWorksheet(name)!;
const column = (ws: ExcelJS.Worksheet, header: string) => (ws.getRow(1).values as unknown[]).indexOf(header);

describe('xlsx report', () => {
  it('has every sheet, in order', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      SHEET_NAMES.summary,
      SHEET_NAMES.fixFirst,
      SHEET_NAMES.issues,
      SHEET_NAMES.findings,
      SHEET_NAMES.pages,
      SHEET_NAMES.redirects,
    ]);
  });

  it('writes one row per record under a header, across batches', () => {
    expect(sheet(SHEET_NAMES.findings).actualRowCount).toBe(1 + 4);
    expect(sheet(SHEET_NAMES.pages).actualRowCount).toBe(1 + 4);
    expect(sheet(SHEET_NAMES.redirects).actualRowCount).toBe(1 + 2);
    expect(sheet(SHEET_NAMES.issues).actualRowCount).toBe(1 + 4);
    expect(progress.reduce((a, b) => a + b, 0)).toBe(4 + 4 + 4 + 4 + 2);
  });

  it('freezes the header row, filters every column and sets widths', () => {
    const ws = sheet(SHEET_NAMES.findings);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:F5');
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getColumn(5).width).toBe(60);
  });

  it('colours severities', () => {
    const ws = sheet(SHEET_NAMES.findings);
    const critical = ws.getRow(2).getCell(1);
    expect(critical.value).toBe('critical');
    expect(critical.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF7F1D1D' } });
  });

  it('keeps crawled text that looks like a formula as plain, neutralised text', () => {
    const pages = sheet(SHEET_NAMES.pages);
    const titleCol = column(pages, 'Title');
    const evil = pages.getRow(3).getCell(titleCol);
    expect(pages.getRow(3).getCell(1).value).toBe('https://example.com/evil');
    expect(evil.type).toBe(ExcelJS.ValueType.String);
    expect(evil.value).toBe(`'=HYPERLINK("http://attacker.example","click")`);
    expect(pages.getRow(5).getCell(titleCol).value).toBe("'-1+1");

    const findings = sheet(SHEET_NAMES.findings);
    const messages = [2, 3, 4, 5].map((r) => findings.getRow(r).getCell(column(findings, 'Message')).value);
    expect(messages).toContain("'@SUM(A1:A9) line one\nline two, with a comma");
    expect(messages).toContain(`'+cmd|" /C calc"!A0`);
  });

  it('writes URLs as plain strings, never hyperlinks or formulas', () => {
    for (const ws of workbook.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Hyperlink);
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        }),
      );
    }
  });

  it('ranks Fix first and summarises the audit', () => {
    const fix = sheet(SHEET_NAMES.fixFirst);
    expect(fix.getRow(2).getCell(column(fix, 'Title')).value).toBe('Page is noindex');
    expect(fix.getRow(3).getCell(column(fix, 'How to fix')).value).toBe("'=Add a title");

    const summary = sheet(SHEET_NAMES.summary);
    const labels = new Map<string, unknown>();
    summary.eachRow((row) => labels.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(labels.get('Site')).toBe('https://example.com/');
    expect(labels.get('Overall')).toBe(71);
    expect(labels.get('critical')).toBe(1);
    expect(labels.get('Total')).toBe(4);
    expect(labels.get('Pages crawled')).toBe(4);
    expect(labels.get('4xx (client errors)')).toBe(1);
  });

  it('lists redirects with their targets and what the status means', () => {
    const ws = sheet(SHEET_NAMES.redirects);
    expect(ws.getRow(2).values).toEqual([undefined, 'https://example.com/old', 301, 'Moved Permanently', 'https://example.com/', 1]);
  });
});
