// Who wrote the page and when: author markup of any kind, and visible dates (<time>).
import type { PageFacts } from '@/lib/crawler/page-facts';
import type { Collector } from '@/lib/analysis/extract-dom-walk';
import { collapseWhitespace } from '@/lib/analysis/text-utils';

export type AuthorshipFacts = Required<Pick<PageFacts, 'metaAuthor' | 'authorSignals' | 'timeElements'>>;

export function createAuthorshipCollector(): Collector<AuthorshipFacts> {
  let metaAuthor: string | null = null;
  const authorSignals = new Set<string>();
  let timeElements = 0;
  return {
    element(el) {
      const a = el.attribs;
      if (a['itemprop'] !== undefined && /\bauthor\b/.test(a['itemprop'])) authorSignals.add('itemprop=author');
      if (a['class'] !== undefined && /(?:^|[\s_-])(?:author|byline)(?:$|[\s_-])/i.test(a['class'])) authorSignals.add('class:author');
      if (a['rel'] !== undefined && /\bauthor\b/i.test(a['rel'])) authorSignals.add('rel=author');
      if (el.name === 'meta' && (a['name'] ?? '').trim().toLowerCase() === 'author') {
        const content = a['content'] ?? '';
        if (metaAuthor === null && content.trim()) metaAuthor = collapseWhitespace(content);
        authorSignals.add('meta:author');
      }
      if (el.name === 'time') timeElements++;
    },
    finish: () => ({ metaAuthor, authorSignals: [...authorSignals], timeElements }),
  };
}
