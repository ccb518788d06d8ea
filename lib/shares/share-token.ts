import { createHash, randomBytes } from 'node:crypto';

// A share link's token: 256 random bits, base64url (43 characters). Only its SHA-256 is stored, so
// a leaked database does not leak working links; the token is shown once, when the link is made.

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function createShareToken(): { token: string; tokenHash: string } {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, tokenHash: hashShareToken(token) };
}

export function hashShareToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check before any database read, so junk in the URL never reaches a query. */
export function looksLikeShareToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
