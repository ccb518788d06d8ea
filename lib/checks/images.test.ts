import { describe, it } from 'vitest';
import { imageChecks } from '@/lib/checks/images';
import { buildHtml, buildTestPage, createCheckTester } from '@/test/test-page';

const t = createCheckTester(imageChecks);
const page = (body: string) => buildTestPage(buildHtml(`<h1>x</h1>${body}`));
const img = (attrs: string) => `<img ${attrs}>`;
const good = page(`${img('src="/hero.webp" alt="Crew on a roof" width="1200" height="600" srcset="/hero-600.webp 600w, /hero.webp 1200w"')}${img('src="/b.webp" alt="" width="10" height="10" loading="lazy"')}`);

describe('alt text (Lighthouse image-alt)', () => {
  it('image-alt-missing: decorative, aria-label, role=presentation and 1×1 pixels are fine', () => {
    t.expectFires('image-alt-missing', page(img('src="/a.jpg"') + img('src="/b.jpg" alt="B"')), '1 image has no alt attribute: "/a.jpg"');
    t.expectSilent('image-alt-missing', page(img('src="/d.png" alt=""') + img('src="/e.png" aria-label="Chart"') + img('src="/f.png" role="presentation"') + img('src="/px.gif" width="1" height="1"') + img('src="/h.png" aria-hidden="true"')));
  });

  it('image-alt-too-long', () => {
    t.expectFires('image-alt-too-long', page(img(`src="/a.jpg" alt="${'word '.repeat(25)}"`)), 'Alt text of /a.jpg is 124 characters (max 100)');
    t.expectSilent('image-alt-too-long', good);
  });

  it('image-alt-filename', () => {
    t.expectFires('image-alt-filename', page(img('src="/u/IMG_2041.jpg" alt="IMG_2041.jpg"') + img('src="/u/hero_banner_v2.png" alt="hero_banner_v2"')), '2 images use a file name as alt text: "IMG_2041.jpg", "hero_banner_v2"');
    t.expectSilent('image-alt-filename', page(img('src="/u/roof.jpg" alt="roof"')));
  });

  it('image-alt-generic', () => {
    t.expectFires('image-alt-generic', page(img('src="/logo.svg" alt="Logo"')), 'generic alt text: "Logo" on "/logo.svg"');
    t.expectSilent('image-alt-generic', page(img('src="/logo.svg" alt="Acme Roofing logo"')));
  });
});

describe('loading and formats', () => {
  it('image-dimensions-missing (inline style sizing counts)', () => {
    t.expectFires('image-dimensions-missing', page(img('src="/a.jpg" alt="a" width="300"')), '1 image lacks width/height attributes: "/a.jpg"');
    t.expectSilent('image-dimensions-missing', page(img('src="/a.jpg" alt="a" style="width: 300px; height: 200px"') + img('src="/p.gif" width="1" height="1"')));
  });

  it('image-lazy-above-fold: the first non-icon content image', () => {
    t.expectFires('image-lazy-above-fold', page(img('src="/hero.jpg" alt="h" loading="lazy" width="1200" height="600"')), 'The first content image /hero.jpg has loading="lazy"');
    t.expectSilent('image-lazy-above-fold', page(`<nav>${img('src="/menu.jpg" alt="m" loading="lazy"')}</nav>${img('src="/icon.png" alt="i" width="24" height="24" loading="lazy"')}${img('src="/hero.jpg" alt="h"')}${img('src="/below.jpg" alt="b" loading="lazy"')}`));
  });

  it('images-not-lazy: ten or more images without any lazy loading', () => {
    const many = Array.from({ length: 10 }, (_, i) => img(`src="/i${i}.webp" alt="Image ${i}" width="400" height="300"`)).join('');
    t.expectFires('images-not-lazy', page(many), 'None of the page’s 10 images uses lazy loading');
    t.expectSilent('images-not-lazy', page(many.replace('alt="Image 9"', 'alt="Image 9" data-src="/i9.webp" class="lazyload"')));
  });

  it('image-missing-srcset', () => {
    t.expectFires('image-missing-srcset', page(img('src="/wide.jpg" alt="w" width="1600" height="900"')), '1 image at least 800 px wide without srcset: "/wide.jpg"');
    t.expectSilent('image-missing-srcset', good);
    t.expectSilent('image-missing-srcset', page(img('src="/_next/image?url=%2Fwide.jpg&w=1920" alt="w" width="1600" height="900"')));
  });

  it('image-legacy-format: CDN auto-format and <picture> count as modern', () => {
    const jpgs = ['a', 'b', 'c'].map((n) => img(`src="/${n}.jpg" alt="${n}" width="10" height="10"`)).join('');
    t.expectFires('image-legacy-format', page(jpgs), '3 images are JPEG/PNG/GIF and none use WebP or AVIF');
    t.expectSilent('image-legacy-format', page(jpgs + img('src="/d.webp" alt="d"')));
    t.expectSilent('image-legacy-format', page(jpgs.replace(/src="\/(\w)\.jpg"/g, 'src="https://res.cloudinary.com/x/image/upload/f_auto/$1.jpg"')));
  });

  it('picture-without-img', () => {
    t.expectFires('picture-without-img', page('<picture><source srcset="/a.avif" type="image/avif"></picture>'), '1 <picture> element has no <img> fallback');
    t.expectSilent('picture-without-img', page('<picture><source srcset="/a.avif"><img src="/a.jpg" alt="a"></picture>'));
  });

  it('image-filename-poor (info)', () => {
    t.expectFires('image-filename-poor', page(img('src="/uploads/DSC_0042.JPG" alt="Team photo"')), '"DSC_0042.JPG"');
    t.expectSilent('image-filename-poor', good);
  });

  it('image-src-missing: lazy-loader placeholders are fine', () => {
    t.expectFires('image-src-missing', page(img('alt="Team"')), '1 <img> has no src or srcset (e.g. alt "Team")');
    t.expectSilent('image-src-missing', page(img('data-src="/team.jpg" alt="Team"')));
  });

  it('image-data-uri-large', () => {
    t.expectFires('image-data-uri-large', page(img(`src="data:image/png;base64,${'A'.repeat(20000)}" alt="x"`)), '1 inline data: image over 10 KB (largest 15 KB)');
    t.expectSilent('image-data-uri-large', page(img('src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt=""')));
  });

  it('covers every check both ways', () => {
    t.expectFullCoverage();
  });
});
