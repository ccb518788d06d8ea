import type { Category, Severity } from '@/lib/checks/types';

// Words people read, for identifiers the code uses: one place, so every page says "E-E-A-T", not "Local Eeat".

const CATEGORY_LABELS: Record<Category, string> = {
  crawlability: 'Crawlability',
  http: 'HTTP',
  canonical: 'Canonicals',
  'on-page': 'On-page',
  content: 'Content',
  links: 'Links',
  urls: 'URLs',
  images: 'Images',
  performance: 'Performance',
  mobile: 'Mobile',
  'structured-data': 'Structured data',
  security: 'Security',
  international: 'International',
  social: 'Social',
  'local-eeat': 'Local & E-E-A-T',
};

export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category as Category] ?? category;
}

const SEVERITY_LABELS: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

export function severityLabel(severity: string): string {
  return SEVERITY_LABELS[severity.toLowerCase() as Severity] ?? severity;
}

const STATUS_LABELS: Record<string, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  COMPLETED_WITH_ERRORS: 'Completed with errors',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

/** An audit or report status ("COMPLETED_WITH_ERRORS") as words ("Completed with errors"). */
export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status.charAt(0) + status.slice(1).toLowerCase().replaceAll('_', ' ');
}

/** "1 invalid line", "3 invalid lines". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? singular : plural}`;
}
