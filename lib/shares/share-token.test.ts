import { describe, expect, it } from 'vitest';
import { createShareToken, hashShareToken, looksLikeShareToken } from '@/lib/shares/share-token';

describe('share tokens', () => {
  it('are 256 random bits in base64url, stored only as their SHA-256', () => {
    const { token, tokenHash } = createShareToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(looksLikeShareToken(token)).toBe(true);
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).toBe(hashShareToken(token));
    expect(tokenHash).not.toContain(token);
  });

  it('never repeat', () => {
    const tokens = new Set(Array.from({ length: 1_000 }, () => createShareToken().token));
    expect(tokens.size).toBe(1_000);
  });

  it('refuse anything that is not a token before a query runs', () => {
    expect(looksLikeShareToken('')).toBe(false);
    expect(looksLikeShareToken('clx0000000000000000000000')).toBe(false);
    expect(looksLikeShareToken(`${'a'.repeat(42)}/`)).toBe(false);
    expect(looksLikeShareToken('a'.repeat(44))).toBe(false);
  });
});
