import { siteBusinessChecks } from '@/lib/checks/site-business';
import { siteResourceChecks } from '@/lib/checks/site-resources';
import { siteCanonicalChecks } from '@/lib/checks/site-canonical';
import { siteContentChecks } from '@/lib/checks/site-content';
import { siteCrawlabilityChecks } from '@/lib/checks/site-crawlability';
import { siteDuplicateChecks } from '@/lib/checks/site-duplicates';
import { siteHttpChecks } from '@/lib/checks/site-http';
import { siteInternationalChecks } from '@/lib/checks/site-international';
import { siteLinkChecks } from '@/lib/checks/site-links';
import { siteRedirectChecks } from '@/lib/checks/site-redirects';
import { siteSitemapChecks } from '@/lib/checks/site-sitemaps';
import { siteUrlChecks } from '@/lib/checks/site-urls';
import type { SiteCheck } from '@/lib/checks/types';

/** All site-scope checks (they read the crawler's SiteGraph). */
export const siteChecks: SiteCheck[] = [
  ...siteCrawlabilityChecks,
  ...siteSitemapChecks,
  ...siteLinkChecks,
  ...siteHttpChecks,
  ...siteRedirectChecks,
  ...siteCanonicalChecks,
  ...siteDuplicateChecks,
  ...siteContentChecks,
  ...siteUrlChecks,
  ...siteInternationalChecks,
  ...siteBusinessChecks,
  ...siteResourceChecks,
];
