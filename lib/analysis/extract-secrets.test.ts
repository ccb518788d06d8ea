import { describe, expect, it } from 'vitest';
import { findSecrets } from '@/lib/analysis/extract-secrets';

describe('findSecrets', () => {
  it('finds credentials anywhere in the HTML and masks them', () => {
    const key = 'AKIA' + 'ABCDEFGHIJKLMNOP';
    const secrets = findSecrets(`<script>var k = "${key}";</script><!-- -----BEGIN RSA PRIVATE KEY----- -->`);
    expect(secrets).toEqual([
      { kind: 'private key', sample: '-----BEGIN RSA PRIVATE KEY-----…' },
      { kind: 'AWS access key id', sample: 'AKIAABCD…' },
    ]);
    expect(JSON.stringify(secrets)).not.toContain(key);
  });

  it('ignores look-alikes', () => {
    expect(findSecrets('<p>AKIA1234 sk_test_abcdefghijklmnopqrstuvwxyz</p>')).toEqual([]);
  });
});
