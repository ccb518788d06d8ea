import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCsvReport } from '@/lib/reports/csv-report';
import { createFileSink, downloadFileName, reportFilePath, reportIdOfFile } from '@/lib/reports/report-files';
import { reportDataOf, reportFixture } from '@/test/report-fixture';

describe('report files', () => {
  it('names a download after the host, the date and the kind', () => {
    const date = new Date('2026-12-01T23:59:00Z');
    expect(downloadFileName('https://www.example.com/start', date, 'findings', 'csv')).toBe('www.example.com-2026-12-01-findings.csv');
    expect(downloadFileName('https://example.com', date, 'workbook', 'xlsx')).toBe('example.com-2026-12-01-audit.xlsx');
    // A bulk audit's url is a description; nothing in it may break the header.
    expect(downloadFileName('12 URLs "x"', date, 'pages', 'csv')).toBe('site-2026-12-01-pages.csv');
  });

  it('recognises its own files and nothing else', () => {
    expect(reportIdOfFile('cmabc123.xlsx')).toBe('cmabc123');
    expect(reportIdOfFile('cmabc123.csv.part')).toBe('cmabc123');
    expect(reportIdOfFile('notes.txt')).toBeNull();
    expect(reportIdOfFile('.gitkeep')).toBeNull();
  });

  it('refuses stored names that would leave the reports directory', () => {
    expect(() => reportFilePath('../.env')).toThrow();
    expect(() => reportFilePath('a/b.csv')).toThrow();
    expect(reportFilePath('abc.csv')).toMatch(/abc\.csv$/);
  });
});

describe('createFileSink', () => {
  it.skipIf(!existsSync('/dev/full'))('rejects its failure promise when the disk is full, so a writer never waits forever', async () => {
    // Enough rows that the writer has to wait for 'drain', which a failed file never emits.
    const fixture = reportFixture();
    const finding = fixture.findings[0]!;
    fixture.findings = Array.from({ length: 20_000 }, (_, i) => ({ ...finding, id: `f${i}`, message: `${'x'.repeat(200)} ${i}` }));
    const sink = createFileSink('/dev/full');
    const writing = writeCsvReport(reportDataOf(fixture, 500), 'findings', sink.stream);
    writing.catch(() => {});
    await expect(Promise.race([writing, sink.failure])).rejects.toMatchObject({ code: 'ENOSPC' });
  });

  it('hashes and counts what it writes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sink-'));
    const sink = createFileSink(path.join(dir, 'x.csv'));
    sink.stream.end('hello');
    expect(await sink.done()).toEqual({ sizeBytes: 5, sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' });
    await rm(dir, { recursive: true });
  });

  it('abort() resolves only once the file is closed: a file removed then never comes back', async () => {
    // Destroying the stream and removing the file at once raced the file's opening (about 1 in 300
    // left a .part file behind); abort() waits for the close.
    const dir = await mkdtemp(path.join(tmpdir(), 'sink-'));
    const files = Array.from({ length: 300 }, (_, i) => path.join(dir, `r${i}.xlsx.part`));
    for (const file of files) {
      await createFileSink(file).abort();
      await rm(file, { force: true });
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(files.filter((file) => existsSync(file))).toEqual([]);
    await rm(dir, { recursive: true });
  });
});
