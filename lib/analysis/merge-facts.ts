// Builds one facts object from the parts the collectors return. Not `{ ...a, ...b, … }`: V8 gave
// an object literal with a dozen spreads a new hidden class on every call (~0.2 ms and ~70 KB per
// page), so every check reading the facts then missed its inline caches. Copying key by key into
// one object keeps a single shape for pages with the same keys.

/** The type of `{ ...P[0], ...P[1], … }`: later parts win. */
export type Merged<P extends readonly object[]> = P extends readonly [infer First extends object, ...infer Rest extends readonly object[]]
  ? Omit<First, keyof Merged<Rest>> & Merged<Rest>
  : unknown;

/** Later parts win, as with spreads. */
export function mergeFacts<const P extends readonly object[]>(...parts: P): Merged<P> {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    for (const key of Object.keys(part)) out[key] = (part as Record<string, unknown>)[key];
  }
  return out as Merged<P>;
}
