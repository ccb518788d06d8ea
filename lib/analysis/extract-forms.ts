// Forms (where they post, whether they take a password) and the labels of buttons.
import type { Element } from 'domhandler';
import type { PageFacts } from '@/lib/crawler/page-facts';
import type { Collector } from '@/lib/analysis/extract-dom-walk';
import type { PageContext } from '@/lib/analysis/extract-page-context';
import { readText } from '@/lib/analysis/extract-read-text';
import { resolveUrl } from '@/lib/analysis/extract-urls';
import { collapseWhitespace } from '@/lib/analysis/text-utils';

export type FormFacts = Required<Pick<PageFacts, 'forms' | 'buttons'>>;
type FormFact = PageFacts['forms'][number];

export function createFormCollector(page: PageContext): Collector<FormFacts> {
  const forms: FormFact[] = [];
  const formOf = new Map<Element, FormFact>();
  const buttons: string[] = [];
  return {
    element(el, at) {
      const a = el.attribs;
      if (a['role'] === 'button' && el.name !== 'button') buttons.push(collapseWhitespace(readText(el)));
      switch (el.name) {
        case 'form': {
          const action = a['action'] !== undefined && a['action'].trim() !== '' ? (resolveUrl(a['action'].trim(), page.baseUrl) ?? a['action']) : null;
          const form = { action, method: (a['method'] ?? 'get').trim().toLowerCase() || 'get', hasPassword: false };
          forms.push(form);
          formOf.set(el, form);
          break;
        }
        case 'input': {
          const type = (a['type'] ?? '').toLowerCase();
          const form = at.form && formOf.get(at.form);
          if (type === 'password' && form) form.hasPassword = true;
          if ((type === 'submit' || type === 'button') && a['value']) buttons.push(collapseWhitespace(a['value']));
          break;
        }
        case 'button':
          buttons.push(collapseWhitespace(readText(el)));
          break;
        default:
          break;
      }
    },
    finish: () => ({ forms, buttons: buttons.filter(Boolean) }),
  };
}
