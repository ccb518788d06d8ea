// Images: alt text (Lighthouse image-alt), dimensions (CLS), lazy loading, responsive sources and
// formats.
import type { ImageFact } from '@/lib/crawler/page-facts';
import { normalizeText } from '@/lib/analysis/text-utils';
import { capDetails, describeImage, formatList, isAnalyzable, parseUrl, plural } from '@/lib/checks/page-check-helpers';
import { PAGE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, PageCheck } from '@/lib/checks/types';

const GENERIC_ALTS = new Set(['image', 'img', 'photo', 'picture', 'pic', 'graphic', 'icon', 'logo', 'banner', 'placeholder', 'untitled', 'spacer', 'thumbnail', 'foto', 'bild', 'imagen', 'immagine', 'image description', 'alt', 'alt text']);
const CAMERA_NAME = /^(?:img|image|dsc|dscn|dcim|pxl|photo|screenshot|screen[ _-]?shot|untitled|whatsapp[ _-]image|mvimg|gopr)[-_ ]?\d/i;
const RASTER_LEGACY = /\.(?:jpe?g|png|gif|bmp)$/i;
// CDNs that negotiate WebP/AVIF from the same URL.
const AUTO_FORMAT = /f_auto|format=auto|auto=format|fm=(?:webp|avif)|\/_next\/image|\/cdn-cgi\/image\/|[?&]format=(?:webp|avif)/i;

function px(value: string | null): number | null {
  if (value === null) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/i.exec(value);
  return m ? Number(m[1]) : null;
}

/** Tracking pixels and hidden images aren't content: skip them. */
function isContentImage(img: ImageFact): boolean {
  const w = px(img.width);
  const h = px(img.height);
  if (w !== null && h !== null && w <= 1 && h <= 1) return false;
  if (img.ariaHidden) return false;
  return true;
}

function isDecorative(img: ImageFact): boolean {
  return img.role === 'presentation' || img.role === 'none';
}

function isSmall(img: ImageFact): boolean {
  const w = px(img.width);
  const h = px(img.height);
  return w !== null && h !== null && w <= PAGE_THRESHOLDS.smallImagePx && h <= PAGE_THRESHOLDS.smallImagePx;
}

function fileName(img: ImageFact): string {
  const url = parseUrl(img.url);
  const path = url ? url.pathname : (img.src ?? '');
  const last = path.split('/').filter(Boolean).pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function listImages(images: readonly ImageFact[]): string {
  return formatList(images.map((i) => describeImage(i.src)));
}

export const imageChecks = [
  {
    id: 'image-alt-missing',
    scope: 'page',
    category: 'images',
    severity: 'medium',
    title: 'Images without alt attribute',
    why: 'Alt text is how search engines and screen readers understand images; missing alt loses image-search traffic and fails accessibility (Lighthouse image-alt).',
    fix: 'Add alt="…" describing each meaningful image; use alt="" for purely decorative ones.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const bad = page.images.filter((i) => i.alt === null && isContentImage(i) && !isDecorative(i) && !(i.ariaLabel ?? '').trim() && !(i.title ?? '').trim());
      return bad.length ? [{ message: `${plural(bad.length, 'image has', 'images have')} no alt attribute: ${listImages(bad)}`, details: { srcs: capDetails(bad.map((i) => i.src)) } }] : [];
    },
  },
  {
    id: 'image-alt-too-long',
    scope: 'page',
    category: 'images',
    severity: 'low',
    title: 'Alt text is too long',
    why: 'Very long alt text is tedious for screen-reader users and looks like keyword stuffing.',
    fix: `Describe the image in under ${PAGE_THRESHOLDS.maxAltChars} characters; put longer explanations in a caption.`,
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      return page.images
        .filter((i) => i.alt !== null && [...i.alt.trim()].length > PAGE_THRESHOLDS.maxAltChars)
        .map((i) => ({ message: `Alt text of ${describeImage(i.src)} is ${[...(i.alt ?? '').trim()].length} characters (max ${PAGE_THRESHOLDS.maxAltChars}): "${(i.alt ?? '').trim().slice(0, 60)}…"` }));
    },
  },
  {
    id: 'image-alt-filename',
    scope: 'page',
    category: 'images',
    severity: 'low',
    title: 'Alt text is a file name',
    why: 'Alt text like "IMG_2041.jpg" or "hero_banner_v2" describes nothing; CMSs often fill it in from the upload name.',
    fix: 'Replace it with a short description of what the image shows.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const bad = page.images.filter((i) => {
        const alt = (i.alt ?? '').trim();
        if (!alt) return false;
        if (/\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)$/i.test(alt) || CAMERA_NAME.test(alt)) return true;
        const base = fileName(i).replace(/\.[a-z0-9]+$/i, '');
        return base.length > 0 && alt === base && /[-_]|\d/.test(base) && !/\s/.test(alt);
      });
      return bad.length ? [{ message: `${plural(bad.length, 'image uses', 'images use')} a file name as alt text: ${formatList(bad.map((i) => i.alt ?? ''))}` }] : [];
    },
  },
  {
    id: 'image-alt-generic',
    scope: 'page',
    category: 'images',
    severity: 'low',
    title: 'Generic alt text',
    why: 'Alt text like "image" or "logo" tells search engines and screen-reader users nothing.',
    fix: 'Say what the image shows, e.g. "Acme Roofing logo" or "crew replacing shingles".',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const bad = page.images.filter((i) => GENERIC_ALTS.has(normalizeText(i.alt ?? '')));
      return bad.length ? [{ message: `${plural(bad.length, 'image has', 'images have')} generic alt text: ${formatList(bad.map((i) => `${i.alt ?? ''}" on "${describeImage(i.src)}`))}` }] : [];
    },
  },
  {
    id: 'image-dimensions-missing',
    scope: 'page',
    category: 'images',
    severity: 'low',
    title: 'Images without width and height',
    why: 'Without dimensions the browser can’t reserve space, so content jumps when the image loads (Cumulative Layout Shift).',
    fix: 'Add width and height attributes matching the intrinsic aspect ratio (CSS can still resize the image).',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const bad = page.images.filter((i) => isContentImage(i) && (i.width === null || i.height === null) && !i.styleSized);
      return bad.length ? [{ message: `${plural(bad.length, 'image lacks', 'images lack')} width/height attributes: ${listImages(bad)}`, details: { srcs: capDetails(bad.map((i) => i.src)) } }] : [];
    },
  },
  {
    id: 'image-lazy-above-fold',
    scope: 'page',
    category: 'images',
    severity: 'medium',
    title: 'First image is lazy-loaded',
    why: 'The first large image is usually the Largest Contentful Paint element; loading="lazy" delays it until layout, hurting LCP.',
    fix: 'Remove loading="lazy" from the hero/first image (and consider fetchpriority="high").',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const first = page.images.find((i) => isContentImage(i) && !isSmall(i) && i.position !== 'nav' && i.position !== 'footer' && i.position !== 'aside');
      return first && first.loading === 'lazy' ? [{ message: `The first content image ${describeImage(first.src)} has loading="lazy"` }] : [];
    },
  },
  {
    id: 'images-not-lazy',
    scope: 'page',
    category: 'images',
    severity: 'low',
    title: 'Many images and no lazy loading',
    why: 'Loading every image up front wastes bandwidth and competes with the content the user sees first.',
    fix: 'Add loading="lazy" to images below the first screen (not to the hero image).',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const content = page.images.filter(isContentImage);
      if (content.length < PAGE_THRESHOLDS.offscreenLazyMinImages) return [];
      if (content.some((i) => i.loading === 'lazy' || i.lazyHint)) return [];
      return [{ message: `None of the page’s ${content.length} images uses lazy loading` }];
    },
  },
  {
    id: 'image-missing-srcset',
    scope: 'page',
    category: 'images',
    severity: 'low',
    title: 'Large images without responsive sources',
    why: 'Without srcset, phones download the full desktop image — often several times larger than needed.',
    fix: 'Provide srcset/sizes (or <picture> sources) with smaller variants.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const bad = page.images.filter((i) => {
        const w = px(i.width);
        return w !== null && w >= PAGE_THRESHOLDS.srcsetMinWidthPx && !i.srcset && !i.inPicture && !/\.svg(?:$|\?)/i.test(i.src ?? '') && !(i.src ?? '').startsWith('data:') && !AUTO_FORMAT.test(i.src ?? '');
      });
      return bad.length ? [{ message: `${plural(bad.length, 'image', 'images')} at least ${PAGE_THRESHOLDS.srcsetMinWidthPx} px wide without srcset: ${listImages(bad)}` }] : [];
    },
  },
  {
    id: 'image-legacy-format',
    scope: 'page',
    category: 'images',
    severity: 'low',
    title: 'No modern image formats (WebP/AVIF)',
    why: 'WebP and AVIF are typically 25–50% smaller than JPEG/PNG at the same quality.',
    fix: 'Serve WebP/AVIF (via <picture>, an image CDN with automatic format, or your framework’s image component).',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const urls = page.images.flatMap((i) => [i.src ?? '', ...(i.srcset ?? '').split(',').map((c) => c.trim().split(/\s+/)[0] ?? '')]);
      if (urls.some((u) => /\.(?:webp|avif)(?:$|\?)/i.test(u) || AUTO_FORMAT.test(u))) return [];
      const legacy = page.images.filter((i) => !i.inPicture && isContentImage(i) && RASTER_LEGACY.test(parseUrl(i.url)?.pathname ?? ''));
      if (legacy.length < PAGE_THRESHOLDS.legacyFormatMinImages) return [];
      return [{ message: `${legacy.length} images are JPEG/PNG/GIF and none use WebP or AVIF: ${listImages(legacy)}` }];
    },
  },
  {
    id: 'picture-without-img',
    scope: 'page',
    category: 'images',
    severity: 'low',
    title: '<picture> without <img>',
    why: 'A <picture> element renders nothing without its <img> child, and the image has no alt text.',
    fix: 'Add an <img src="…" alt="…"> as the last child of every <picture>.',
    run: (page): Issue[] => {
      const n = page.picturesWithoutImg ?? 0;
      return isAnalyzable(page) && n > 0 ? [{ message: `${plural(n, '<picture> element has', '<picture> elements have')} no <img> fallback` }] : [];
    },
  },
  {
    id: 'image-filename-poor',
    scope: 'page',
    category: 'images',
    severity: 'info',
    title: 'Camera-style image file names',
    why: 'Descriptive file names (roof-repair-crew.jpg) are a small image-search signal; IMG_2041.jpg carries none.',
    fix: 'Rename images to short, hyphenated descriptions before uploading.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const bad = page.images.filter((i) => {
        const name = fileName(i);
        return CAMERA_NAME.test(name) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i.test(name);
      });
      return bad.length ? [{ message: `${plural(bad.length, 'image has', 'images have')} camera-style file names: ${formatList(bad.map(fileName))}` }] : [];
    },
  },
  {
    id: 'image-src-missing',
    scope: 'page',
    category: 'images',
    severity: 'medium',
    title: 'Images without a source',
    why: 'An <img> without src/srcset shows as broken (or nothing) and can’t be indexed.',
    fix: 'Set src to the image URL; if a lazy-loading script fills it in, also provide a <noscript> fallback.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const bad = page.images.filter((i) => !(i.src ?? '').trim() && !(i.srcset ?? '').trim() && !i.lazyHint);
      return bad.length ? [{ message: `${plural(bad.length, '<img> has', '<img> elements have')} no src or srcset${bad[0]?.alt ? ` (e.g. alt "${bad[0].alt}")` : ''}` }] : [];
    },
  },
  {
    id: 'image-data-uri-large',
    scope: 'page',
    category: 'images',
    severity: 'low',
    title: 'Large images inlined as data: URIs',
    why: 'Inlined images bloat every HTML download, can’t be cached separately and block rendering of the text.',
    fix: `Serve images over ${PAGE_THRESHOLDS.maxDataUriBytes / 1024} KB as separate files.`,
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const big = page.images.filter((i) => (i.src ?? '').startsWith('data:') && Math.round(((i.src ?? '').length * 3) / 4) > PAGE_THRESHOLDS.maxDataUriBytes);
      return big.length ? [{ message: `${plural(big.length, 'inline data: image', 'inline data: images')} over ${PAGE_THRESHOLDS.maxDataUriBytes / 1024} KB (largest ${Math.round(Math.max(...big.map((i) => (i.src ?? '').length)) * 0.75 / 1024)} KB)` }] : [];
    },
  },
] satisfies PageCheck[];
