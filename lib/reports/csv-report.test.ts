import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeCsvReport, type CsvKind } from '@/lib/reports/csv-report';
import { reportDataOf, reportFixture } from '@/test/report-fixture';

async function csvOf(kind: CsvKind): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeCsvReport(reportDataOf(reportFixture()), kind, out);
  return Buffer.concat(chunks);
}

/** Record count, honouring quoted CR/LF inside fields. */
function countRecords(text: string): number {
  let records = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text[i] === '\r' && text[i + 1] === '\n') records++;
  }
  return records;
}

describe('CSV report', () => {
  it('starts with a UTF-8 BOM and ends every record with CRLF', async () => {
    const bytes = await csvOf('findings');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.startsWith('Severity,Category,Check,Title,URL,Message\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(countRecords(text)).toBe(1 + 4);
  });

  it('quotes and neutralises crawled text', async () => {
    const text = (await csvOf('findings')).toString('utf8');
    expect(text).toContain(`"'@SUM(A1:A9) line one\nline two, with a comma"`);
    expect(text).toContain(`"'+cmd|"" /C calc""!A0"`);
    const pages = (await csvOf('pages')).toString('utf8');
    expect(pages).toContain(`"'=HYPERLINK(""http://attacker.example"",""click"")"`);
    expect(pages).toContain(`"Home, ""quoted"""`);
  });

  it('writes pages and issues tables', async () => {
    const pages = (await csvOf('pages')).toString('utf8').slice(1);
    expect(pages.split('\r\n')[0]).toBe('URL,Status,Depth,Title,Word count,Load (ms),Score,Findings,Error');
    expect(countRecords(pages)).toBe(1 + 4);
    const issues = (await csvOf('issues')).toString('utf8').slice(1);
    expect(countRecords(issues)).toBe(1 + 4);
    expect(issues).toContain("'=Add a title");
  });
});
