// Flattens JSON-LD and microdata into typed nodes so checks can ask "is there a Product node and
// which properties does it have?" without caring about @graph, arrays or nesting.
import type { PageFacts, StructuredDataFact } from '@/lib/crawler/page-facts';

export type SchemaNode = {
  types: string[];
  node: Record<string, unknown>;
  format: StructuredDataFact['format'];
  /** Index of the structured-data block the node came from. */
  block: number;
  /** True when the node is the value of another node's property (e.g. Product.offers). */
  nested: boolean;
};

function typesOf(node: Record<string, unknown>): string[] {
  const t = node['@type'];
  const list = typeof t === 'string' ? [t] : Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
  return list.map((x) => x.replace(/^(?:https?:\/\/)?(?:www\.)?schema\.org\//i, '').replace(/^schema:/i, ''));
}

export function collectSchemaNodes(page: PageFacts): SchemaNode[] {
  const out: SchemaNode[] = [];
  page.structuredData.forEach((block, index) => {
    if (block.data === null || block.data === undefined) return;
    const queue: { value: unknown; nested: boolean }[] = [{ value: block.data, nested: false }];
    for (let i = 0; i < queue.length && i < 5000; i++) {
      const { value, nested } = queue[i] as { value: unknown; nested: boolean };
      if (Array.isArray(value)) {
        for (const v of value) queue.push({ value: v, nested });
        continue;
      }
      if (!value || typeof value !== 'object') continue;
      const node = value as Record<string, unknown>;
      const types = typesOf(node);
      if (types.length) out.push({ types, node, format: block.format, block: index, nested });
      for (const [key, child] of Object.entries(node)) {
        if (key === '@context' || key === '@type' || !child || typeof child !== 'object') continue;
        // @graph members are top-level entities, not property values.
        queue.push({ value: child, nested: key === '@graph' ? nested : true });
      }
    }
  });
  return out;
}

export function hasType(node: SchemaNode, types: readonly string[]): boolean {
  return node.types.some((t) => types.includes(t));
}

/** A property is "present" when it has a non-empty value. */
export function hasProp(node: Record<string, unknown>, prop: string): boolean {
  const v = node[prop];
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/** First string value of a property (follows arrays and {name}/{@id}/{url} objects). */
export function readString(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length ? readString(value[0]) : null;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return readString(o['name'] ?? o['url'] ?? o['@id'] ?? null);
  }
  return null;
}

export const ARTICLE_TYPES = ['Article', 'NewsArticle', 'BlogPosting', 'TechArticle', 'ScholarlyArticle', 'Report', 'AnalysisNewsArticle', 'OpinionNewsArticle', 'ReviewNewsArticle', 'LiveBlogPosting', 'SocialMediaPosting'];

/** Article pages: Article-type schema or og:type=article. */
export function isArticlePage(page: PageFacts, nodes: SchemaNode[] = collectSchemaNodes(page)): boolean {
  if ((page.openGraph['og:type'] ?? '').toLowerCase() === 'article') return true;
  return nodes.some((n) => !n.nested && hasType(n, ARTICLE_TYPES));
}
