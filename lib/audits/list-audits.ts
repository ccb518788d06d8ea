import { z } from 'zod';
import { db } from '@/lib/db';
import type { AuditKind } from '@/lib/generated/prisma/enums';
import type { Prisma } from '@/lib/generated/prisma/client';
import { AUDIT_STATUSES } from '@/lib/progress/events';

export const AUDIT_KINDS = ['SINGLE', 'PROFESSIONAL', 'BULK', 'COMPARISON'] as const satisfies readonly AuditKind[];

const KIND_LABELS: Record<AuditKind, string> = {
  SINGLE: 'Page analysis',
  PROFESSIONAL: 'Site audit',
  BULK: 'Bulk analysis',
  COMPARISON: 'Comparison',
};

/** "PROFESSIONAL" → "Site audit". */
export function kindLabel(kind: string): string {
  return KIND_LABELS[kind as AuditKind] ?? kind;
}

export const AUDITS_PAGE_SIZE = 25;

// From the URL's search params: anything unknown or malformed reads as "no filter" (a hand-edited
// link still shows a list), never as an error page.
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);

export const auditListQuery = z.object({
  q: z
    .string()
    .optional()
    .catch(undefined)
    .transform((q) => q?.trim().slice(0, 200) || undefined),
  /** A dashboard site ("example.com", "127.0.0.1:8080"): its audits under http(s), with or without "www.". */
  site: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9.:[\]-]{1,300}$/)
    .optional()
    .catch(undefined),
  kind: optionalEnum(AUDIT_KINDS),
  status: optionalEnum(AUDIT_STATUSES),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

/** The list's query from `searchParams` (a repeated key counts once: its first value). */
export function parseAuditListQuery(params: Record<string, string | string[] | undefined>): AuditListQuery {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return auditListQuery.parse({ q: first(params.q), site: first(params.site), kind: first(params.kind), status: first(params.status), page: first(params.page) });
}

/** Search params for a link to this list: only what differs from the defaults, page last. */
export function auditListHref(query: Partial<AuditListQuery>, path = '/audits'): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.site) params.set('site', query.site);
  if (query.kind) params.set('kind', query.kind);
  if (query.status) params.set('status', query.status);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The search as a literal substring: Prisma passes `contains` to LIKE without escaping % and _. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Whose audits and which of them: the search is a case-insensitive substring of the URL. */
export function auditListWhere(userId: string, query: Partial<Pick<AuditListQuery, 'q' | 'site' | 'kind' | 'status'>>): Prisma.AuditWhereInput {
  // Stored URLs are normalised (lower-case host, a "/" after it), so a site is four prefixes.
  const site = query.site;
  return {
    userId,
    // A bulk run's per-URL children are listed on the run's own page.
    parentId: null,
    ...(query.q ? { url: { contains: escapeLike(query.q), mode: 'insensitive' as const } } : {}),
    ...(site ? { OR: ['http://', 'https://', 'http://www.', 'https://www.'].map((prefix) => ({ url: { startsWith: escapeLike(`${prefix}${site}/`) } })) } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
}

/** The page asked for, moved back to the last one when the list got shorter than that. */
export function clampPage(page: number, total: number, pageSize = AUDITS_PAGE_SIZE): number {
  return Math.min(page, Math.max(1, Math.ceil(total / pageSize)));
}

/**
 * One page of a user's audits, newest first, with the total that matched (so the page can say
 * "page 2 of 7" and nothing is cut silently). Served by the (userId, createdAt desc) index.
 */
export async function listAudits(userId: string, query: AuditListQuery, pageSize = AUDITS_PAGE_SIZE) {
  const where = auditListWhere(userId, query);
  const total = await db.audit.count({ where });
  const page = clampPage(query.page, total, pageSize);
  const rows = await db.audit.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: { id: true, kind: true, status: true, url: true, score: true, pagesDone: true, pagesTotal: true, pagesFailed: true, createdAt: true },
  });
  return { rows, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** The newest audits of one user (the dashboard's "recent" list); `listAudits` pages through all of them. */
export function listAuditsForUser(userId: string, take = 50) {
  return db.audit.findMany({
    where: { userId, parentId: null },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: { id: true, kind: true, status: true, url: true, score: true, pagesDone: true, pagesTotal: true, createdAt: true },
  });
}
