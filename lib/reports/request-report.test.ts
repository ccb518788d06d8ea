import { describe, expect, it } from 'vitest';
import { reportableProblem } from '@/lib/reports/request-report';

describe('reportableProblem', () => {
  it('allows finished audits, and failed ones that crawled something', () => {
    expect(reportableProblem('COMPLETED', 0)).toBeNull();
    expect(reportableProblem('COMPLETED_WITH_ERRORS', 3)).toBeNull();
    expect(reportableProblem('FAILED', 12)).toBeNull();
  });

  it('says why the others cannot have a report yet', () => {
    expect(reportableProblem('RUNNING', 10)).toMatch(/still running/);
    expect(reportableProblem('QUEUED', 0)).toMatch(/still running/);
    expect(reportableProblem('CANCELLED', 10)).toMatch(/cancelled/);
    expect(reportableProblem('FAILED', 0)).toMatch(/before any page/);
  });
});
