import { z } from 'zod';
import { crawlSecretsSchema } from '@/lib/audits/crawl-secrets';
import { auditSettingsSchema, RENDER_MODES } from '@/lib/crawler/crawl-options';

// Input validated once, at the boundary (API route, server action, CLI); the worker trusts
// the options stored with the audit because they were parsed by these schemas.

// "mailto:x@y.z" has no "//" but is still a scheme; "localhost:3000" and "example.com:8080/a" are
// a host and a port.
const SCHEME_PREFIX = /^([a-z][a-z0-9+.-]*):(.*)$/is;
const PORT_AFTER_COLON = /^\d+(?:[/?#]|$)/;

/** The scheme the user typed ("https", "mailto"), lower-cased, or null for "example.com/page" or "localhost:3000". */
export function typedScheme(raw: string): string | null {
  const match = SCHEME_PREFIX.exec(raw.trim());
  if (!match || PORT_AFTER_COLON.test(match[2]!)) return null;
  return match[1]!.toLowerCase();
}

/** False when the URL was typed without a scheme, so https:// was assumed (and http:// may be tried next). */
export function hasExplicitScheme(raw: string): boolean {
  return typedScheme(raw) !== null;
}

/** Any http(s) URL; a URL typed without a scheme becomes https:// (see `hasExplicitScheme`). */
export const httpUrl = z
  .string({ error: 'Enter a URL.' })
  .trim()
  .min(1, 'Enter a URL.')
  .max(2048, 'That URL is too long (2,048 characters at most).')
  .transform((raw, ctx) => {
    const scheme = typedScheme(raw);
    if (scheme !== null && scheme !== 'http' && scheme !== 'https') {
      ctx.addIssue({ code: 'custom', message: `Only http and https URLs can be analysed ("${raw.slice(0, 200)}" uses ${scheme}:).` });
      return z.NEVER;
    }
    let url: URL;
    try {
      url = new URL(scheme ? raw : `https://${raw}`);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${raw.slice(0, 200)}" is not a valid URL.` });
      return z.NEVER;
    }
    if (!url.hostname.includes('.') && url.hostname !== 'localhost' && !url.hostname.startsWith('[')) {
      ctx.addIssue({ code: 'custom', message: `"${url.hostname || raw.slice(0, 200)}" is not a full host name.` });
      return z.NEVER;
    }
    url.hash = '';
    return url.toString();
  });

export const renderMode = z.enum(RENDER_MODES);

/** A professional audit as requested: the start URL, the one settings schema, and what reaches a site behind a login. */
export const startAuditInput = auditSettingsSchema.extend({ url: httpUrl, secrets: crawlSecretsSchema.optional() });
export type StartAuditInput = z.input<typeof startAuditInput>;

export const MAX_BULK_URLS = 1_000;

export const invalidLine = z.object({
  line: z.number().int(),
  text: z.string(),
  reason: z.string(),
  /** The uploaded file the line came from; absent for pasted text and the JSON API. */
  source: z.string().optional(),
});
export type InvalidLine = z.infer<typeof invalidLine>;

export type ParsedUrlList = { urls: string[]; invalid: InvalidLine[]; duplicates: number };

// First-line header names of a one-column list ("url"); a lone word anywhere else is reported.
const HEADER_WORDS = /^(urls?|links?|address(es)?|pages?|websites?|sites?|loc|href)$/i;

function isHeaderLine(cells: string[]): boolean {
  if (cells.some((c) => /[./:]/.test(c))) return false;
  return cells.length > 1 || HEADER_WORDS.test(cells[0] ?? '');
}

/** One URL per line (or CSV: the first cell that looks like a URL); blank lines and # comments skipped. */
export function parseUrlList(text: string, source?: string): ParsedUrlList {
  const seen = new Set<string>();
  const urls: string[] = [];
  const invalid: InvalidLine[] = [];
  let duplicates = 0;
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) return;
    const cells = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
    if (i === 0 && isHeaderLine(cells)) return; // a CSV header such as "url" or "title,url"
    const candidate = cells.find((c) => /^https?:\/\//i.test(c)) ?? cells[0] ?? '';
    const parsed = httpUrl.safeParse(candidate);
    if (!parsed.success) {
      const reason = parsed.error.issues[0]?.message ?? 'Not a valid URL.';
      invalid.push({ line: i + 1, text: line.slice(0, 200), reason, ...(source ? { source } : {}) });
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

/** Lists parsed separately (pasted text, an uploaded file) as one, de-duplicated across them. */
export function combineUrlLists(lists: ParsedUrlList[]): ParsedUrlList {
  const seen = new Set<string>();
  const combined: ParsedUrlList = { urls: [], invalid: [], duplicates: 0 };
  for (const list of lists) {
    combined.invalid.push(...list.invalid);
    combined.duplicates += list.duplicates;
    for (const url of list.urls) {
      if (seen.has(url)) combined.duplicates++;
      else {
        seen.add(url);
        combined.urls.push(url);
      }
    }
  }
  return combined;
}

/** `Line 4: "hello" is not a full host name.` (or `urls.csv line 4: …`). */
export function describeInvalidLine(entry: InvalidLine): string {
  return `${entry.source ? `${entry.source} line` : 'Line'} ${entry.line}: ${entry.reason}`;
}

/** Every rejected line up to `cap`, then one "…and N more" line; `total` counts lines no longer listed. */
export function describeInvalidLines(invalid: InvalidLine[], cap = 100, total = invalid.length): string[] {
  const shown = invalid.slice(0, cap).map(describeInvalidLine);
  const more = total - shown.length;
  return more > 0 ? [...shown, `…and ${more.toLocaleString('en')} more.`] : shown;
}


// What a BULK audit's `options` JSON holds: the URLs, and what was left out of the input and why
// (absent on audits started before it was stored).
const MAX_STORED_INVALID = 1_000;

export const bulkOptions = z.object({
  urls: z.array(z.string()),
  skipped: z
    .object({
      invalid: z.array(invalidLine).max(MAX_STORED_INVALID),
      /** All rejected lines, including those beyond the stored ones. */
      invalidTotal: z.number().int().min(0),
      duplicates: z.number().int().min(0),
    })
    .optional(),
});
export type BulkOptions = z.infer<typeof bulkOptions>;

export function toBulkOptions(urls: string[], skipped?: Pick<ParsedUrlList, 'invalid' | 'duplicates'>): BulkOptions {
  return bulkOptions.parse({
    urls,
    skipped: skipped && { invalid: skipped.invalid.slice(0, MAX_STORED_INVALID), invalidTotal: skipped.invalid.length, duplicates: skipped.duplicates },
  });
}

/** The one reader of a BULK audit's options; null when they do not have this shape. */
export function readBulkOptions(json: unknown): BulkOptions | null {
  const parsed = bulkOptions.safeParse(json);
  return parsed.success ? parsed.data : null;
}
