import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

// What a crawl sends to reach a site behind a login (a staging site, say): custom request
// headers, cookies, HTTP basic auth. Stored encrypted with the audit, handed to the fetcher and
// the renderer, never shown back, never logged.

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
// Set by the fetcher itself or meaningless for one request: a custom value would only confuse the crawl.
const RESERVED = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'user-agent', 'accept-encoding', 'authorization', 'cookie']);

export const crawlSecretsSchema = z.object({
  headers: z
    .array(
      z.object({
        name: z
          .string()
          .trim()
          .regex(HEADER_NAME, 'A header name is letters, digits and - only.')
          .refine((n) => !RESERVED.has(n.toLowerCase()), { message: 'That header is set by the crawler (use the cookie and basic-auth fields for those).' }),
        value: z.string().max(4_096, 'A header value is 4,096 characters at most.').refine((v) => !/[\r\n]/.test(v), { message: 'A header value cannot span lines.' }),
      }),
    )
    .max(20, 'At most 20 custom headers.')
    .default([]),
  /** "name=value; other=value", as a browser's Cookie header. */
  cookies: z.string().trim().max(8_192).refine((v) => !/[\r\n]/.test(v), { message: 'Cookies go on one line.' }).default(''),
  basicAuth: z.object({ username: z.string().min(1).max(200).refine((u) => !u.includes(':'), { message: 'A basic-auth user name cannot contain ":".' }), password: z.string().max(500) }).optional(),
});
export type CrawlSecrets = z.output<typeof crawlSecretsSchema>;

export function hasSecrets(s: CrawlSecrets): boolean {
  return s.headers.length > 0 || s.cookies !== '' || s.basicAuth !== undefined;
}

/** The request headers the secrets amount to, for the fetcher and the renderer. */
export function secretHeaders(s: CrawlSecrets): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of s.headers) headers[h.name.toLowerCase()] = h.value;
  if (s.cookies) headers.cookie = s.cookies;
  if (s.basicAuth) headers.authorization = `Basic ${Buffer.from(`${s.basicAuth.username}:${s.basicAuth.password}`).toString('base64')}`;
  return headers;
}

function key(): Buffer {
  const secret = env.CRAWL_SECRETS_KEY ?? env.AUTH_SECRET;
  if (!secret) throw new AppError('UNAVAILABLE', 'Custom headers, cookies and basic auth need CRAWL_SECRETS_KEY (or AUTH_SECRET) set on the server.');
  return createHash('sha256').update(`rival-outranker:crawl-secrets:${secret}`).digest();
}

/** "v1.<iv>.<tag>.<ciphertext>" (base64url), AES-256-GCM. */
export function encryptSecrets(s: CrawlSecrets): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(s), 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** Throws when the key changed or the text was tampered with: the audit then fails with that reason. */
export function decryptSecrets(sealed: string): CrawlSecrets {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Stored crawl secrets are not in a known format.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const text = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    return crawlSecretsSchema.parse(JSON.parse(text));
  } catch {
    throw new AppError('BAD_REQUEST', 'The stored headers, cookies or password of this audit cannot be decrypted (was CRAWL_SECRETS_KEY changed?). Start the audit again with them.');
  }
}
