import { z } from 'zod';
import type { ReportFormat, ReportKind } from '@/lib/generated/prisma/enums';
import { CSV_KINDS, type CsvKind } from '@/lib/reports/csv-report';

// What a report request may ask for, for the API and the CLI alike. The database spells formats and
// kinds in capitals; everything outside lib/reports sees the lowercase names.

export const REPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ReportFormatName = (typeof REPORT_FORMATS)[number];
/** `workbook` is the xlsx (every table as a sheet); the others are the CSV tables. */
export type ReportKindName = 'workbook' | CsvKind;

export const requestReportInput = z
  .object({
    format: z.enum(REPORT_FORMATS, { error: 'format must be "xlsx" or "csv".' }),
    kind: z.enum(CSV_KINDS, { error: `kind must be one of ${CSV_KINDS.join(', ')}.` }).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.format === 'xlsx' && input.kind) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'kind applies to CSV only: the xlsx holds every table as a sheet.' });
    }
  })
  .transform(({ format, kind }) => ({ format, kind: format === 'xlsx' ? ('workbook' as const) : (kind ?? 'findings') }) satisfies { format: ReportFormatName; kind: ReportKindName });

export type ReportRequest = z.output<typeof requestReportInput>;

export const toDbFormat = (format: ReportFormatName): ReportFormat => (format === 'xlsx' ? 'XLSX' : 'CSV');
export const toDbKind = (kind: ReportKindName): ReportKind => kind.toUpperCase() as ReportKind;
export const fromDbFormat = (format: ReportFormat): ReportFormatName => (format === 'XLSX' ? 'xlsx' : 'csv');
export const fromDbKind = (kind: ReportKind): ReportKindName => kind.toLowerCase() as ReportKindName;

export const FILE_EXTENSION: Record<ReportFormatName, string> = { xlsx: 'xlsx', csv: 'csv' };

export const CONTENT_TYPE: Record<ReportFormatName, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};
