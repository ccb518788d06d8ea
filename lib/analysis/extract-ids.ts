// Element ids: duplicates, the #fragment targets links may point at, and a single-page-app mount point.
import type { PageFacts } from '@/lib/crawler/page-facts';
import type { Collector } from '@/lib/analysis/extract-dom-walk';

export type IdFacts = Required<Pick<PageFacts, 'duplicateIds' | 'fragmentTargets'>> & {
  /** An element id that frameworks mount a client-rendered app on (#root, #__next…). */
  hasAppRoot: boolean;
};

const APP_ROOT_ID = /^(?:root|app|__next|__nuxt|___gatsby|svelte|ember-app)$/;

export function createIdCollector(): Collector<IdFacts> {
  const idCounts = new Map<string, number>();
  const fragmentTargets = new Set<string>();
  let hasAppRoot = false;
  return {
    element(el) {
      const id = el.attribs['id'];
      if (id !== undefined && id !== '') {
        idCounts.set(id, (idCounts.get(id) ?? 0) + 1);
        fragmentTargets.add(id);
        if (APP_ROOT_ID.test(id)) hasAppRoot = true;
      }
      // <a name> is the legacy way to make a fragment target.
      const name = el.name === 'a' ? el.attribs['name'] : undefined;
      if (name !== undefined && name !== '') fragmentTargets.add(name);
    },
    finish: () => ({
      duplicateIds: [...idCounts].filter(([, n]) => n > 1).map(([id]) => id),
      fragmentTargets: [...fragmentTargets],
      hasAppRoot,
    }),
  };
}
