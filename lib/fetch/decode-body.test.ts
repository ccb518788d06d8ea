import { describe, expect, it } from 'vitest';
import { decodeBody, findDeclaredCharset, isTextContentType, normalizeEncoding, parseContentType } from '@/lib/fetch/decode-body';

// "café – “q”" in windows-1252 and "日本語" in Shift_JIS.
const CP1252_BYTES = [0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x93, 0x71, 0x94];
const CP1252_TEXT = 'café – “q”';
const SJIS_BYTES = [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea];
const SJIS_TEXT = '日本語';

const ascii = (text: string) => [...Buffer.from(text, 'latin1')];
const bytes = (...parts: number[][]) => Uint8Array.from(parts.flat());

describe('parseContentType', () => {
  it('splits type and charset, tolerating quotes and case', () => {
    expect(parseContentType('Text/HTML; Charset="Shift_JIS"')).toEqual({ mimeType: 'text/html', charset: 'Shift_JIS' });
    expect(parseContentType('text/html')).toEqual({ mimeType: 'text/html', charset: undefined });
    expect(parseContentType(undefined)).toEqual({ mimeType: '', charset: undefined });
  });
});

describe('isTextContentType', () => {
  it.each(['text/html', 'text/plain', 'application/xhtml+xml', 'application/json', 'application/ld+json', 'image/svg+xml', ''])('%s is text', (type) => {
    expect(isTextContentType(type)).toBe(true);
  });
  it.each(['image/png', 'application/pdf', 'application/octet-stream', 'video/mp4', 'font/woff2'])('%s is not text', (type) => {
    expect(isTextContentType(type)).toBe(false);
  });
});

describe('normalizeEncoding', () => {
  it('canonicalizes labels and rejects unknown ones', () => {
    expect(normalizeEncoding('ISO-8859-1')).toBe('windows-1252');
    expect(normalizeEncoding('sjis')).toBe('shift_jis');
    expect(normalizeEncoding('no-such-charset')).toBeUndefined();
  });
});

describe('findDeclaredCharset', () => {
  it('reads <meta charset>, http-equiv and the XML declaration', () => {
    expect(findDeclaredCharset(bytes(ascii('<html><head><meta charset="windows-1252">')))).toBe('windows-1252');
    expect(findDeclaredCharset(bytes(ascii('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">')))).toBe('Shift_JIS');
    expect(findDeclaredCharset(bytes(ascii('<?xml version="1.0" encoding="ISO-8859-1"?><rss/>')))).toBe('ISO-8859-1');
  });

  it('ignores declarations in comments and past the first 2 KB', () => {
    expect(findDeclaredCharset(bytes(ascii('<!-- <meta charset="koi8-r"> --><p>')))).toBeUndefined();
    expect(findDeclaredCharset(bytes(ascii(' '.repeat(2100) + '<meta charset="koi8-r">')))).toBeUndefined();
  });
});

describe('decodeBody', () => {
  it('decodes windows-1252 from the header, including the 0x80-0x9F block', () => {
    expect(decodeBody(bytes(CP1252_BYTES), 'windows-1252')).toEqual({ body: CP1252_TEXT, charset: 'windows-1252', hasBom: false });
    expect(decodeBody(bytes(CP1252_BYTES), 'iso-8859-1').body).toBe(CP1252_TEXT);
  });

  it('decodes Shift_JIS declared in a meta tag', () => {
    const result = decodeBody(bytes(ascii('<meta charset="shift_jis"><h1>'), SJIS_BYTES));
    expect(result.charset).toBe('shift_jis');
    expect(result.body).toBe(`<meta charset="shift_jis"><h1>${SJIS_TEXT}`);
  });

  it('prefers the header charset over the meta tag', () => {
    expect(decodeBody(bytes(ascii('<meta charset="shift_jis">'), CP1252_BYTES), 'windows-1252').body).toContain(CP1252_TEXT);
  });

  it('falls back to UTF-8, and ignores a meta claiming UTF-16', () => {
    const utf8 = [...Buffer.from('<meta charset="utf-16">héllo')];
    expect(decodeBody(bytes(utf8))).toEqual({ body: '<meta charset="utf-16">héllo', charset: 'utf-8', hasBom: false });
    expect(decodeBody(bytes(utf8), 'bogus').charset).toBe('utf-8');
  });

  it('strips and reports a UTF-8 BOM, which wins over the header', () => {
    const result = decodeBody(bytes([0xef, 0xbb, 0xbf], [...Buffer.from('héllo')]), 'windows-1252');
    expect(result).toEqual({ body: 'héllo', charset: 'utf-8', hasBom: true });
  });

  it('decodes UTF-16LE and UTF-16BE by BOM', () => {
    expect(decodeBody(bytes([0xff, 0xfe], [...Buffer.from('hé', 'utf16le')]))).toEqual({ body: 'hé', charset: 'utf-16le', hasBom: true });
    expect(decodeBody(bytes([0xfe, 0xff, 0x00, 0x68, 0x00, 0xe9]))).toEqual({ body: 'hé', charset: 'utf-16be', hasBom: true });
  });
});
