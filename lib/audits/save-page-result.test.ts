import { describe, expect, it } from 'vitest';
import { newRowId, toJsonRows } from '@/lib/audits/save-page-result';

describe('newRowId', () => {
  it('makes distinct UUIDv7s that start with the time, so later batches sort after earlier ones', async () => {
    const before = Date.now();
    const first = Array.from({ length: 1000 }, newRowId);
    await new Promise((r) => setTimeout(r, 5));
    const later = [newRowId()];
    expect(new Set(first).size).toBe(1000);
    for (const id of [...first, ...later]) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ms = parseInt(first[0]!.replaceAll('-', '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
    expect(first.every((id) => id < later[0]!)).toBe(true);
  });
});

describe('toJsonRows', () => {
  it('turns a NUL and half a surrogate pair into U+FFFD, and leaves whole pairs and the text \\u0000 alone', () => {
    const rows = [{ title: 'a\u0000b', cut: 'x\ud83d', tail: '\ude00y', emoji: '😀', shown: '\\u0000 and \\ud83d', deep: { list: ['\u0000'] } }];
    expect(JSON.parse(toJsonRows(rows))).toEqual([{ title: 'a\ufffdb', cut: 'x\ufffd', tail: '\ufffdy', emoji: '😀', shown: '\\u0000 and \\ud83d', deep: { list: ['\ufffd'] } }]);
  });
});
