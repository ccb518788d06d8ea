// Parsing one <script type="application/ld+json"> block as Google does, and the schema.org types
// it (or a microdata item shaped like it) declares.
import type { StructuredDataFact } from '@/lib/crawler/page-facts';

// Everything downstream (checks, thread transfer, the database) walks the parsed value recursively.
export const JSON_LD_MAX_DEPTH = 64;
const RAW_SAMPLE_CHARS = 2000;

export function parseJsonLd(content: string): StructuredDataFact {
  const raw = content.trim();
  const cleaned = raw
    .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
    .trim();
  const rawSample = raw.length > RAW_SAMPLE_CHARS ? `${raw.slice(0, RAW_SAMPLE_CHARS)}…` : raw;
  let data: unknown;
  try {
    data = JSON.parse(cleaned);
  } catch (error) {
    // Google tolerates raw line breaks inside strings; so do we (only that, nothing else).
    try {
      data = JSON.parse(escapeControlCharsInStrings(cleaned));
    } catch {
      return { format: 'json-ld', types: [], data: null, error: (error as Error).message, raw: rawSample };
    }
  }
  if (jsonDepthExceeds(data, JSON_LD_MAX_DEPTH)) {
    return { format: 'json-ld', types: [], data: null, error: `Nested more than ${JSON_LD_MAX_DEPTH} levels deep; not read.`, raw: rawSample };
  }
  return { format: 'json-ld', types: collectTypes(data), data, raw: rawSample };
}

/** Iterative, so the check itself can't overflow the stack on the value it guards against. */
export function jsonDepthExceeds(data: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value: data, depth: 0 }];
  while (stack.length) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (!value || typeof value !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

function escapeControlCharsInStrings(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i] as string;
    if (inString) {
      if (ch === '\\') {
        out += ch + (json[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === '"') inString = false;
      else if (ch === '\n') {
        out += '\\n';
        continue;
      } else if (ch === '\r') {
        out += '\\r';
        continue;
      } else if (ch === '\t') {
        out += '\\t';
        continue;
      }
    } else if (ch === '"') inString = true;
    out += ch;
  }
  return out;
}

export function stripSchemaPrefix(type: string): string {
  return type.replace(/^(?:https?:\/\/)?(?:www\.)?schema\.org\//i, '').replace(/^schema:/i, '');
}

/** Every @type in the value, outermost first. */
export function collectTypes(data: unknown): string[] {
  const types = new Set<string>();
  // Breadth-first in document order so the outermost types come first.
  const queue: unknown[] = [data];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i];
    if (Array.isArray(v)) queue.push(...v);
    else if (v && typeof v === 'object') {
      const t = (v as Record<string, unknown>)['@type'];
      if (typeof t === 'string') types.add(stripSchemaPrefix(t));
      else if (Array.isArray(t)) for (const x of t) if (typeof x === 'string') types.add(stripSchemaPrefix(x));
      for (const [k, child] of Object.entries(v)) if (k !== '@type' && child && typeof child === 'object') queue.push(child);
    }
  }
  return [...types];
}
