// Every <img>: source, alt, dimensions, lazy-loading hints, and whether a <picture> or link wraps it.
import type { Element } from 'domhandler';
import type { ImageFact, PageFacts } from '@/lib/crawler/page-facts';
import type { Collector, WalkContext } from '@/lib/analysis/extract-dom-walk';
import type { PageContext } from '@/lib/analysis/extract-page-context';
import { resolveUrl } from '@/lib/analysis/extract-urls';

export type ImageFacts = Required<Pick<PageFacts, 'images' | 'picturesWithoutImg'>>;

export function createImageCollector(page: PageContext): Collector<ImageFacts> {
  const images: ImageFact[] = [];
  let pictures = 0;
  const picturesWithImg = new Set<Element>();
  return {
    tags: ['img', 'picture'],
    element(el, at) {
      if (el.name === 'picture') pictures++;
      if (el.name !== 'img') return;
      images.push(buildImage(el, page.baseUrl, at));
      if (at.picture) picturesWithImg.add(at.picture);
      const a = el.attribs;
      page.noteResource(a['src']);
      if (a['srcset']) for (const c of a['srcset'].split(',')) page.noteResource(c.trim().split(/\s+/)[0]);
    },
    // A <picture> without an <img> renders nothing: its <source>s are only candidates for the img.
    finish: () => ({ images, picturesWithoutImg: pictures - picturesWithImg.size }),
  };
}

function buildImage(el: Element, baseUrl: string, at: WalkContext): ImageFact {
  const a = el.attribs;
  const src = a['src'] !== undefined ? a['src'].trim() : null;
  const style = a['style'] ?? '';
  return {
    src,
    url: src ? resolveUrl(src, baseUrl) : null,
    alt: a['alt'] !== undefined ? a['alt'] : null,
    width: a['width'] ?? null,
    height: a['height'] ?? null,
    loading: a['loading'] !== undefined ? a['loading'].trim().toLowerCase() : null,
    inLink: at.inLink,
    srcset: a['srcset'] ?? null,
    role: a['role'] !== undefined ? a['role'].trim().toLowerCase() : null,
    ariaLabel: a['aria-label'] ?? null,
    ariaHidden: (a['aria-hidden'] ?? '').trim().toLowerCase() === 'true',
    title: a['title'] ?? null,
    inPicture: at.picture !== null,
    lazyHint: a['data-src'] !== undefined || a['data-srcset'] !== undefined || a['data-lazy-src'] !== undefined || /\blazy(?:load)?\b/i.test(a['class'] ?? ''),
    fetchpriority: a['fetchpriority'] ?? null,
    styleSized: (/(?:^|;)\s*width\s*:/i.test(style) && /(?:^|;)\s*height\s*:/i.test(style)) || /aspect-ratio\s*:/i.test(style),
    position: at.landmark,
  };
}
