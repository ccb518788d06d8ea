// What the page loads or embeds: scripts (and what inline ones do), stylesheets, frames, media and
// plugins. Every resource URL is also reported to the page context for the mixed-content check.
import type { Element } from 'domhandler';
import type { PageFacts } from '@/lib/crawler/page-facts';
import type { Collector } from '@/lib/analysis/extract-dom-walk';
import type { PageContext } from '@/lib/analysis/extract-page-context';
import { readRawText } from '@/lib/analysis/extract-read-text';
import { resolveUrl } from '@/lib/analysis/extract-urls';

export type ResourceFacts = Required<
  Pick<
    PageFacts,
    'scripts' | 'stylesheets' | 'iframes' | 'usesPlugins' | 'hasNoscript' | 'inlineScriptBytes' | 'jsRedirect' | 'usesDocumentWrite'
  >
>;

const JS_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module', 'text/ecmascript', 'application/ecmascript', 'application/x-javascript', 'text/jscript']);
const PLUGIN_REFERENCE = /shockwave|flash|x-java|silverlight|\.swf\b|\.flv\b|\.class\b|\.xap\b|\.jar\b|clsid:/;

export function createResourceCollector(page: PageContext): Collector<ResourceFacts> {
  const scripts: PageFacts['scripts'] = [];
  const stylesheets: PageFacts['stylesheets'] = [];
  let iframes = 0;
  let usesPlugins = false;
  let hasNoscript = false;
  let inlineScriptBytes = 0;
  let jsRedirect: string | null = null;
  let usesDocumentWrite = false;

  const readScript = (el: Element, inHead: boolean) => {
    const a = el.attribs;
    const src = a['src'] !== undefined ? (resolveUrl(a['src'].trim(), page.baseUrl) ?? a['src']) : null;
    scripts.push({ src, async: a['async'] !== undefined, defer: a['defer'] !== undefined, inHead, type: a['type'] ?? null });
    if (src) page.noteResource(a['src']);
    if (src !== null || !JS_TYPES.has((a['type'] ?? '').trim().toLowerCase())) return;
    const content = readRawText(el);
    inlineScriptBytes += Buffer.byteLength(content);
    if (jsRedirect === null) jsRedirect = findJsRedirect(content);
    if (/\bdocument\.write(?:ln)?\s*\(/.test(content)) usesDocumentWrite = true;
  };

  const readStylesheet = (el: Element, inHead: boolean) => {
    const a = el.attribs;
    const href = a['href']?.trim();
    if (!href || !(a['rel'] ?? '').toLowerCase().split(/\s+/).includes('stylesheet')) return;
    stylesheets.push({ href: resolveUrl(href, page.baseUrl) ?? href, inHead, media: a['media'] ?? null });
    page.noteResource(href);
  };

  return {
    tags: ['script', 'link', 'noscript', 'iframe', 'video', 'audio', 'source', 'track', 'embed', 'object', 'applet'],
    element(el, _at, inHead) {
      const a = el.attribs;
      switch (el.name) {
        case 'script':
          readScript(el, inHead);
          break;
        case 'link':
          readStylesheet(el, inHead);
          break;
        case 'noscript':
          hasNoscript = true;
          break;
        case 'iframe':
          iframes++;
          page.noteResource(a['src']);
          break;
        case 'video':
        case 'audio':
        case 'source':
        case 'track':
          page.noteResource(a['src']);
          break;
        case 'embed':
        case 'object':
        case 'applet': {
          const ref = `${a['type'] ?? ''} ${a['src'] ?? ''} ${a['data'] ?? ''} ${a['classid'] ?? ''}`.toLowerCase();
          if (el.name === 'applet' || PLUGIN_REFERENCE.test(ref)) usesPlugins = true;
          page.noteResource(a['src'] ?? a['data']);
          break;
        }
        default:
          break;
      }
    },
    finish: () => ({ scripts, stylesheets, iframes, usesPlugins, hasNoscript, inlineScriptBytes, jsRedirect, usesDocumentWrite }),
  };
}

/** Target of a top-level location assignment in an inline script, if any. */
export function findJsRedirect(script: string): string | null {
  const re = /(?:\b(?:window|document|self|top)\.)?\blocation(?:\.href)?\s*=\s*(['"])([^'"]+)\1|\blocation\.(?:replace|assign)\(\s*(['"])([^'"]+)\3\s*\)/g;
  for (const m of script.matchAll(re)) {
    const target = m[2] ?? m[4] ?? '';
    if (!target || target.startsWith('#')) continue;
    // Only top-level assignments count: a redirect inside a click handler isn't a page redirect.
    const before = script.slice(0, m.index);
    if (/\bfunction\b|=>|addEventListener|\bon[a-z]+\s*=/.test(before)) continue;
    return target;
  }
  return null;
}
