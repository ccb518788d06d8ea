import { describe, expect, it } from 'vitest';
import { fromDbKind, requestReportInput, toDbKind } from '@/lib/reports/report-input';

describe('requestReportInput', () => {
  it('defaults a CSV to the findings table and an xlsx to the workbook', () => {
    expect(requestReportInput.parse({ format: 'csv' })).toEqual({ format: 'csv', kind: 'findings' });
    expect(requestReportInput.parse({ format: 'csv', kind: 'pages' })).toEqual({ format: 'csv', kind: 'pages' });
    expect(requestReportInput.parse({ format: 'xlsx' })).toEqual({ format: 'xlsx', kind: 'workbook' });
  });

  it('refuses unknown formats and kinds, a kind with xlsx, and extra fields, saying why', () => {
    expect(requestReportInput.safeParse({ format: 'pdf' }).error?.issues[0]?.message).toMatch(/xlsx.*csv/);
    expect(requestReportInput.safeParse({ format: 'csv', kind: 'workbook' }).error?.issues[0]?.message).toMatch(/findings, pages, issues/);
    expect(requestReportInput.safeParse({ format: 'xlsx', kind: 'pages' }).error?.issues[0]?.message).toMatch(/CSV only/);
    expect(requestReportInput.safeParse({ format: 'csv', path: '/etc/passwd' }).success).toBe(false);
    expect(requestReportInput.safeParse({}).success).toBe(false);
  });

  it('maps kinds to the database enum and back', () => {
    expect(toDbKind('issues')).toBe('ISSUES');
    expect(fromDbKind('WORKBOOK')).toBe('workbook');
  });
});
