// Security / HTTPS: scheme, mixed content, security headers, insecure forms, leaked secrets and
// known-vulnerable libraries.
import type { PageFacts } from '@/lib/crawler/page-facts';
import { capDetails, formatList, getHeader, isAnalyzable, plural } from '@/lib/checks/page-check-helpers';
import { PAGE_THRESHOLDS } from '@/lib/checks/thresholds';
import type { Issue, PageCheck } from '@/lib/checks/types';

function isHttps(page: PageFacts): boolean {
  return page.finalUrl.startsWith('https:');
}

function isSuccess(page: PageFacts): boolean {
  return page.status >= 200 && page.status < 300;
}

/** Security headers matter for documents users load: 2xx HTML over HTTPS. */
function needsHeaders(page: PageFacts): boolean {
  return isAnalyzable(page) && isHttps(page);
}

function cspOf(page: PageFacts): string {
  return [getHeader(page, 'content-security-policy'), page.cspMeta].filter(Boolean).join('; ');
}

/** jQuery version from common file/CDN URL shapes. */
export function findJqueryVersion(src: string): [number, number, number] | null {
  const m = /jquery[-.@/]v?(\d+)\.(\d+)(?:\.(\d+))?(?:[./-]|$)/i.exec(src);
  if (!m || /jquery[.-](?:ui|migrate|validate|mobile|cookie)/i.test(src)) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

/** Splits a joined Set-Cookie header; commas inside Expires dates are not separators. */
function splitCookies(value: string): string[] {
  return value.split(/,\s*(?=[^;,=\s]+=)/).map((c) => c.trim()).filter(Boolean);
}

export const securityChecks = [
  {
    id: 'http-not-https',
    scope: 'page',
    category: 'security',
    severity: 'critical',
    title: 'Page is served over HTTP',
    why: 'Browsers mark HTTP pages "Not secure", HTTPS is a ranking signal, and traffic can be read or altered in transit.',
    fix: 'Serve the site over HTTPS and 301-redirect every http:// URL to its https:// version.',
    run: (page): Issue[] => (isSuccess(page) && page.finalUrl.startsWith('http:') ? [{ message: `${page.finalUrl} is served without HTTPS` }] : []),
  },
  {
    id: 'mixed-content',
    scope: 'page',
    category: 'security',
    severity: 'high',
    title: 'Mixed content (http:// resources on an https:// page)',
    why: 'Browsers block or warn about insecure scripts, styles, frames and images on HTTPS pages, breaking the page and the padlock.',
    fix: 'Load every resource over https:// (or protocol-relative to the page).',
    run: (page): Issue[] => {
      if (!needsHeaders(page) || page.mixedContent.length === 0) return [];
      return [{ message: `${plural(page.mixedContent.length, 'resource is', 'resources are')} loaded over http://: ${formatList(page.mixedContent)}`, details: { urls: capDetails(page.mixedContent) } }];
    },
  },
  {
    id: 'hsts-missing',
    scope: 'page',
    category: 'security',
    severity: 'low',
    title: 'Missing Strict-Transport-Security header',
    why: 'Without HSTS the first request can be downgraded to HTTP by an attacker, and browsers keep making an extra http→https redirect.',
    fix: 'Send "Strict-Transport-Security: max-age=31536000; includeSubDomains" on HTTPS responses.',
    run: (page): Issue[] => (needsHeaders(page) && !getHeader(page, 'strict-transport-security') ? [{ message: 'The HTTPS response has no Strict-Transport-Security header' }] : []),
  },
  {
    id: 'hsts-short-max-age',
    scope: 'page',
    category: 'security',
    severity: 'low',
    title: 'HSTS max-age is too short',
    why: 'A short max-age lets the protection expire between visits.',
    fix: `Use max-age of at least ${PAGE_THRESHOLDS.minHstsMaxAgeSeconds} seconds (6 months); 31536000 (1 year) is common.`,
    run: (page): Issue[] => {
      const hsts = getHeader(page, 'strict-transport-security');
      if (!needsHeaders(page) || !hsts) return [];
      const m = /max-age\s*=\s*"?(\d+)/i.exec(hsts);
      const age = m ? Number(m[1]) : 0;
      return age < PAGE_THRESHOLDS.minHstsMaxAgeSeconds ? [{ message: `Strict-Transport-Security max-age is ${age} s (min ${PAGE_THRESHOLDS.minHstsMaxAgeSeconds} s): "${hsts}"` }] : [];
    },
  },
  {
    id: 'csp-missing',
    scope: 'page',
    category: 'security',
    severity: 'low',
    title: 'No Content-Security-Policy',
    why: 'A CSP limits what scripts can run, the main defence against cross-site scripting and injected spam links.',
    fix: 'Add a Content-Security-Policy header (start with Content-Security-Policy-Report-Only to test).',
    run: (page): Issue[] => (needsHeaders(page) && !cspOf(page) && !getHeader(page, 'content-security-policy-report-only') ? [{ message: 'No Content-Security-Policy header or meta tag' }] : []),
  },
  {
    id: 'nosniff-missing',
    scope: 'page',
    category: 'security',
    severity: 'low',
    title: 'Missing X-Content-Type-Options: nosniff',
    why: 'Without nosniff browsers may interpret files as a different type (e.g. run an upload as script).',
    fix: 'Send "X-Content-Type-Options: nosniff".',
    run: (page): Issue[] => (needsHeaders(page) && (getHeader(page, 'x-content-type-options') ?? '').trim().toLowerCase() !== 'nosniff' ? [{ message: 'X-Content-Type-Options is not "nosniff"' }] : []),
  },
  {
    id: 'clickjacking-unprotected',
    scope: 'page',
    category: 'security',
    severity: 'low',
    title: 'No clickjacking protection',
    why: 'Without X-Frame-Options or CSP frame-ancestors other sites can frame the page and trick users into clicks.',
    fix: 'Send "X-Frame-Options: SAMEORIGIN" or a CSP with "frame-ancestors \'self\'".',
    run: (page): Issue[] => {
      if (!needsHeaders(page)) return [];
      const xfo = getHeader(page, 'x-frame-options');
      // frame-ancestors is ignored in <meta> CSP, so only the header counts.
      const csp = getHeader(page, 'content-security-policy') ?? '';
      return xfo || /frame-ancestors/i.test(csp) ? [] : [{ message: 'Neither X-Frame-Options nor a CSP frame-ancestors directive is set' }];
    },
  },
  {
    id: 'referrer-policy-missing',
    scope: 'page',
    category: 'security',
    severity: 'info',
    title: 'No Referrer-Policy',
    why: 'Browsers default to strict-origin-when-cross-origin, which is fine; an explicit policy documents the choice.',
    fix: 'Send "Referrer-Policy: strict-origin-when-cross-origin".',
    run: (page): Issue[] => (needsHeaders(page) && !getHeader(page, 'referrer-policy') && !page.metaReferrer ? [{ message: 'No Referrer-Policy header or <meta name="referrer">' }] : []),
  },
  {
    id: 'permissions-policy-missing',
    scope: 'page',
    category: 'security',
    severity: 'info',
    title: 'No Permissions-Policy',
    why: 'A Permissions-Policy stops embedded third parties from using the camera, microphone or location.',
    fix: 'Send e.g. "Permissions-Policy: camera=(), microphone=(), geolocation=()".',
    run: (page): Issue[] => (needsHeaders(page) && !getHeader(page, 'permissions-policy') ? [{ message: 'No Permissions-Policy header' }] : []),
  },
  {
    id: 'form-on-http',
    scope: 'page',
    category: 'security',
    severity: 'high',
    title: 'Form on an HTTP page',
    why: 'Anything typed into a form on an HTTP page travels in clear text; browsers warn users at the field.',
    fix: 'Move the page to HTTPS.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page) || isHttps(page) || page.forms.length === 0) return [];
      const pw = page.forms.some((f) => f.hasPassword);
      return [{ message: `${plural(page.forms.length, 'form')} on an http:// page${pw ? ', including a password field' : ''}` }];
    },
  },
  {
    id: 'form-action-insecure',
    scope: 'page',
    category: 'security',
    severity: 'high',
    title: 'Form submits to http://',
    why: 'Even on an HTTPS page, a form whose action is http:// sends the data unencrypted.',
    fix: 'Change the form action to https:// (or a relative URL).',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      return page.forms.filter((f) => f.action?.startsWith('http:')).map((f) => ({ message: `Form submits to ${f.action}${f.hasPassword ? ' (with a password field)' : ''}` }));
    },
  },
  {
    id: 'target-blank-noopener',
    scope: 'page',
    category: 'security',
    severity: 'info',
    title: 'target="_blank" links without rel="noopener"',
    why: 'Old browsers let the opened page control this tab (reverse tabnabbing); modern browsers imply noopener.',
    fix: 'Add rel="noopener" (or "noreferrer") to external target="_blank" links.',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const bad = page.links.filter((l) => l.target?.toLowerCase() === '_blank' && !l.internal && l.url && !l.rel.includes('noopener') && !l.rel.includes('noreferrer'));
      return bad.length ? [{ message: `${plural(bad.length, 'external link opens', 'external links open')} a new tab without rel="noopener": ${formatList(bad.map((l) => l.url ?? ''))}` }] : [];
    },
  },
  {
    id: 'leaked-secrets',
    scope: 'page',
    category: 'security',
    severity: 'high',
    title: 'Secret keys exposed in the HTML',
    why: 'Anyone can read page source; leaked API keys and private keys get abused within hours.',
    fix: 'Revoke and rotate the exposed keys now, then move them to server-side configuration.',
    run: (page): Issue[] => {
      const secrets = page.secrets ?? [];
      return isAnalyzable(page) && secrets.length ? secrets.map((s) => ({ message: `The HTML contains what looks like a ${s.kind} (${s.sample})` })) : [];
    },
  },
  {
    id: 'vulnerable-jquery',
    scope: 'page',
    category: 'security',
    severity: 'low',
    title: 'jQuery version with known vulnerabilities',
    why: 'jQuery before 3.5.0 has known XSS vulnerabilities (CVE-2020-11022/11023) that scanners and attackers look for.',
    fix: 'Upgrade to jQuery 3.7+ (use jquery-migrate to find breaking changes).',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      const issues: Issue[] = [];
      for (const s of page.scripts) {
        const v = s.src ? findJqueryVersion(s.src) : null;
        if (v && (v[0] < 3 || (v[0] === 3 && v[1] < 5))) issues.push({ message: `jQuery ${v.join('.')} (${s.src}) is older than 3.5.0` });
      }
      return issues;
    },
  },
  {
    id: 'server-version-disclosed',
    scope: 'page',
    category: 'security',
    severity: 'info',
    title: 'Server software version disclosed',
    why: 'Version numbers in Server/X-Powered-By headers tell attackers which known exploits to try.',
    fix: 'Hide version details (e.g. nginx server_tokens off, Apache ServerTokens Prod, remove X-Powered-By).',
    run: (page): Issue[] => {
      if (!isAnalyzable(page)) return [];
      return ['server', 'x-powered-by', 'x-aspnet-version']
        .map((h) => [h, getHeader(page, h)] as const)
        .filter(([, v]) => v && /\d+\.\d+/.test(v))
        .map(([h, v]) => ({ message: `${h}: ${v}` }));
    },
  },
  {
    id: 'cookie-without-secure',
    scope: 'page',
    category: 'security',
    severity: 'low',
    title: 'Cookies set without the Secure flag',
    why: 'A cookie without Secure can be sent over plain HTTP and intercepted.',
    fix: 'Add the Secure attribute (and HttpOnly, SameSite) to cookies set over HTTPS.',
    run: (page): Issue[] => {
      const header = getHeader(page, 'set-cookie');
      if (!needsHeaders(page) || !header) return [];
      const insecure = splitCookies(header).filter((c) => !/;\s*secure\s*(?:;|$)/i.test(c)).map((c) => c.split('=')[0] ?? '');
      return insecure.length ? [{ message: `${plural(insecure.length, 'cookie lacks', 'cookies lack')} the Secure flag: ${formatList(insecure)}` }] : [];
    },
  },
] satisfies PageCheck[];
