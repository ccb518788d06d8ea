import { describe, expect, it } from 'vitest';

// The key comes from the environment; this test brings its own.
process.env.CRAWL_SECRETS_KEY = 'unit-test-key-unit-test-key';
const { crawlSecretsSchema, decryptSecrets, encryptSecrets, hasSecrets, secretHeaders } = await import('@/lib/audits/crawl-secrets');

const secrets = crawlSecretsSchema.parse({ headers: [{ name: 'X-Staging-Token', value: 's3cret' }], cookies: 'session=abc; theme=dark', basicAuth: { username: 'ann', password: 'pa:ss' } });

describe('crawl secrets', () => {
  it('round-trip through encryption without the plain text appearing', () => {
    const sealed = encryptSecrets(secrets);
    expect(sealed).not.toContain('s3cret');
    expect(sealed).not.toContain('session=abc');
    expect(decryptSecrets(sealed)).toEqual(secrets);
    expect(encryptSecrets(secrets)).not.toBe(sealed); // a fresh IV each time
  });

  it('refuse tampered text with a message a person can act on', () => {
    const sealed = encryptSecrets(secrets);
    const [v, iv, tag, data] = sealed.split('.');
    const flipped = data!.slice(0, -2) + (data!.endsWith('A') ? 'BB' : 'AA');
    expect(() => decryptSecrets([v, iv, tag, flipped].join('.'))).toThrow(/cannot be decrypted/);
    expect(() => decryptSecrets('plain text')).toThrow(/not in a known format/);
  });

  it('become request headers', () => {
    expect(secretHeaders(secrets)).toEqual({ 'x-staging-token': 's3cret', cookie: 'session=abc; theme=dark', authorization: `Basic ${Buffer.from('ann:pa:ss').toString('base64')}` });
    expect(hasSecrets(crawlSecretsSchema.parse({}))).toBe(false);
  });

  it('refuse headers that would break the request or that the crawler sets', () => {
    expect(crawlSecretsSchema.safeParse({ headers: [{ name: 'X-A', value: 'a\r\nHost: evil' }] }).success).toBe(false);
    expect(crawlSecretsSchema.safeParse({ headers: [{ name: 'Host', value: 'x' }] }).success).toBe(false);
    expect(crawlSecretsSchema.safeParse({ headers: [{ name: 'bad name', value: 'x' }] }).success).toBe(false);
    expect(crawlSecretsSchema.safeParse({ basicAuth: { username: 'a:b', password: '' } }).success).toBe(false);
  });
});
