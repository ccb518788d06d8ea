// Turns response bytes into text the way browsers do: BOM, then HTTP charset, then in-document declaration.

export type DecodedBody = { body: string; charset: string; hasBom: boolean };

const META_SCAN_BYTES = 2048;

const BOMS: { bytes: number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** Splits a Content-Type header into a lower-cased MIME type and its charset parameter. */
export function parseContentType(header: string | undefined): { mimeType: string; charset?: string } {
  const [type = '', ...params] = (header ?? '').split(';');
  const charsetParam = params.map((p) => p.trim()).find((p) => /^charset\s*=/i.test(p));
  const charset = charsetParam?.slice(charsetParam.indexOf('=') + 1).trim().replace(/^["']|["']$/g, '');
  return { mimeType: type.trim().toLowerCase(), charset: charset || undefined };
}

/** Text-like MIME types whose body we decode; a missing type is treated as text (browsers sniff it). */
export function isTextContentType(mimeType: string): boolean {
  if (!mimeType || mimeType.startsWith('text/')) return true;
  if (/\+(xml|json)$/.test(mimeType)) return true;
  return /^application\/(xml|xhtml\+xml|json|javascript|ecmascript|x-javascript)$/.test(mimeType);
}

/** Returns the canonical WHATWG encoding name for a label, or undefined if unsupported. */
export function normalizeEncoding(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

export function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const bom = BOMS.find(({ bytes: b }) => b.every((byte, i) => bytes[i] === byte));
  return bom && { encoding: bom.encoding, length: bom.bytes.length };
}

/** Finds a `<meta charset>`, http-equiv Content-Type, or `<?xml encoding>` declaration near the top. */
export function findDeclaredCharset(bytes: Uint8Array): string | undefined {
  // latin1 maps bytes 1:1, so ASCII markup is readable whatever the real encoding is.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, META_SCAN_BYTES)).toString('latin1');
  const withoutComments = head.replace(/<!--[\s\S]*?-->/g, '');
  for (const [tag] of withoutComments.matchAll(/<meta\b[^>]*>/gi)) {
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct) return direct[1];
  }
  return /^<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(withoutComments)?.[1];
}

/**
 * Decodes a body: a BOM wins (as in browsers), then the HTTP charset, then an in-document declaration,
 * else UTF-8. The BOM is stripped from the text and reported via `hasBom`.
 */
export function decodeBody(bytes: Uint8Array, headerCharset?: string): DecodedBody {
  const bom = sniffBom(bytes);
  let charset = bom?.encoding ?? normalizeEncoding(headerCharset);
  if (!charset) {
    const declared = normalizeEncoding(findDeclaredCharset(bytes));
    // A UTF-16 declaration inside the document can't be true (we just read it as ASCII), per the HTML spec.
    charset = declared?.startsWith('utf-16') ? 'utf-8' : declared;
  }
  charset ??= 'utf-8';
  const content = bom ? bytes.subarray(bom.length) : bytes;
  const body = charset === 'windows-1252' ? decodeWindows1252(content) : new TextDecoder(charset, { ignoreBOM: true }).decode(content);
  return { body, charset, hasBom: !!bom };
}

// Node 20's TextDecoder decodes windows-1252 (and its aliases iso-8859-1, ascii) as plain latin1,
// turning 0x80-0x9F into control characters instead of € ‚ “ ” – — etc. Map that block ourselves.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]!));
}
