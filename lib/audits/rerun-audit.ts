import type { CurrentUser } from '@/lib/auth/require-user';
import { readAuditSettings } from '@/lib/audits/audit-json';
import { decryptSecrets } from '@/lib/audits/crawl-secrets';
import { startProfessionalAudit } from '@/lib/audits/start-audit';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';

/** A new audit of the same site with the same settings (and the same stored headers, cookies and credentials). */
export async function rerunAudit(id: string, user: Pick<CurrentUser, 'id' | 'role'>) {
  const audit = await db.audit.findUnique({ where: { id }, select: { kind: true, url: true, options: true, secrets: true, userId: true } });
  if (!audit || (audit.userId !== user.id && user.role !== 'ADMIN')) throw new AppError('NOT_FOUND', 'Audit not found.');
  if (audit.kind !== 'PROFESSIONAL') throw new AppError('BAD_REQUEST', 'Only site audits can be run again with their settings.');
  const secrets = audit.secrets ? decryptSecrets(audit.secrets) : undefined;
  return startProfessionalAudit({ url: audit.url, ...readAuditSettings(audit.options), secrets }, user);
}
