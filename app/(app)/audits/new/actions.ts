'use server';

import { redirect } from 'next/navigation';
import { startAuditInput } from '@/lib/audits/audit-input';
import { startProfessionalAudit } from '@/lib/audits/start-audit';
import { requireUser } from '@/lib/auth/require-user';
import { toErrorResponse } from '@/lib/errors';
import { failedSubmission, type FormState } from '@/components/form-state';

// Given back after a failed submission. The login fields (headers, cookies, password) never are.
const FIELDS = ['url', 'maxPages', 'maxDepth', 'renderMode', 'ignoreRobots', 'include', 'exclude', 'scope', 'userAgentPreset', 'customUserAgent', 'maxRequestsPerSecond'] as const;

// The form's own labels in front of a field's message; the URL's messages name the URL already.
const LABELS: Record<string, string> = {
  maxPages: 'Max pages',
  maxDepth: 'Max depth',
  renderMode: 'JavaScript rendering',
  include: 'Only URLs matching',
  exclude: 'Skip URLs matching',
  pageTimeoutMs: 'Page timeout',
  scope: 'Scope',
  customUserAgent: 'Custom user agent',
  maxRequestsPerSecond: 'Maximum requests per second',
  secrets: 'Login',
};

/** "Name: value" per line; a line without a colon is kept whole so the schema names it. */
const headerLines = (v: FormDataEntryValue | null) =>
  lines(v).map((line) => {
    const colon = line.indexOf(':');
    return colon > 0 ? { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() } : { name: line, value: '' };
  });

function secretsOf(form: FormData) {
  const username = String(form.get('authUser') ?? '').trim();
  return {
    headers: headerLines(form.get('headers')),
    cookies: String(form.get('cookies') ?? ''),
    ...(username ? { basicAuth: { username, password: String(form.get('authPassword') ?? '') } } : {}),
  };
}

const lines = (v: FormDataEntryValue | null) => String(v ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

export async function startAuditAction(prev: FormState, form: FormData): Promise<FormState> {
  let id: string;
  try {
    const user = await requireUser();
    const parsed = startAuditInput.safeParse({
      url: form.get('url'),
      maxPages: form.get('maxPages') || undefined,
      maxDepth: form.get('maxDepth') || undefined,
      renderMode: form.get('renderMode') || undefined,
      respectRobots: form.get('ignoreRobots') !== 'on',
      include: lines(form.get('include')),
      exclude: lines(form.get('exclude')),
      scope: form.get('scope') || undefined,
      userAgentPreset: form.get('userAgentPreset') || undefined,
      customUserAgent: form.get('customUserAgent') || undefined,
      maxRequestsPerSecond: form.get('maxRequestsPerSecond') || undefined,
      secrets: secretsOf(form),
    });
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => {
        const label = LABELS[String(i.path[0])];
        return label ? `${label}: ${i.message}` : i.message;
      });
      return failedSubmission(prev, form, FIELDS, message.join(' '));
    }
    id = (await startProfessionalAudit(parsed.data, user)).id;
  } catch (err) {
    return failedSubmission(prev, form, FIELDS, toErrorResponse(err).body.error.message);
  }
  redirect(`/audits/${id}`);
}
