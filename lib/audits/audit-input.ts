import { z } from 'zod';

// Input validated once, at the boundary (API route, server action, CLI); the worker trusts
// the options stored with the audit because they were parsed by these schemas.

export const httpUrl = z
  .string({ error: 'Enter a URL.' })
  .trim()
  .min(1, 'Enter a URL.')
  .max(2048, 'That URL is too long (2,048 characters at most).')
  .transform((raw, ctx) => {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
    let url: URL;
    try {
      url = new URL(withScheme);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${raw}" is not a valid URL.` });
      return z.NEVER;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `Only http and https URLs can be analysed (got ${url.protocol}).` });
      return z.NEVER;
    }
    if (!url.hostname.includes('.') && url.hostname !== 'localhost' && !url.hostname.startsWith('[')) {
      ctx.addIssue({ code: 'custom', message: `"${url.hostname}" is not a full host name.` });
      return z.NEVER;
    }
    url.hash = '';
    return url.toString();
  });

export const renderMode = z.enum(['auto', 'always', 'never']);
export type RenderMode = z.infer<typeof renderMode>;

const pattern = z.string().trim().min(1).max(500);

export const auditOptions = z.object({
  maxPages: z.coerce.number().int().min(1, 'At least 1 page.').max(10_000, 'At most 10,000 pages.').default(100),
  maxDepth: z.coerce.number().int().min(0).max(50, 'At most depth 50.').default(10),
  renderMode: renderMode.default('auto'),
  respectRobots: z.boolean().default(true),
  include: z.array(pattern).max(50).default([]),
  exclude: z.array(pattern).max(50).default([]),
  /** How long one page may take to answer before it is reported as timed out. */
  pageTimeoutMs: z.coerce.number().int().min(1_000).max(60_000).default(10_000),
});
export type AuditOptions = z.infer<typeof auditOptions>;

export const startAuditInput = z.object({ url: httpUrl }).and(auditOptions);
export type StartAuditInput = z.input<typeof startAuditInput>;

export const MAX_BULK_URLS = 1_000;

export type ParsedUrlList = { urls: string[]; invalid: { line: number; text: string; reason: string }[]; duplicates: number };

/** One URL per line (or CSV: the first cell that looks like a URL); blank lines and # comments skipped. */
export function parseUrlList(text: string): ParsedUrlList {
  const seen = new Set<string>();
  const urls: string[] = [];
  const invalid: ParsedUrlList['invalid'] = [];
  let duplicates = 0;
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) return;
    const cells = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
    const candidate = cells.find((c) => /^https?:\/\//i.test(c)) ?? cells[0] ?? '';
    if (i === 0 && !/[./]/.test(candidate)) return; // a CSV header such as "url"
    const parsed = httpUrl.safeParse(candidate);
    if (!parsed.success) {
      invalid.push({ line: i + 1, text: line.slice(0, 200), reason: parsed.error.issues[0]?.message ?? 'invalid URL' });
      return;
    }
    if (seen.has(parsed.data)) {
      duplicates++;
      return;
    }
    seen.add(parsed.data);
    urls.push(parsed.data);
  });
  return { urls, invalid, duplicates };
}
