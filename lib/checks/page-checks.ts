// The page-scope check catalogue, in report order (category by category).
import { canonicalChecks } from '@/lib/checks/canonical';
import { contentChecks } from '@/lib/checks/content';
import { crawlabilityChecks } from '@/lib/checks/crawlability';
import { httpChecks } from '@/lib/checks/http';
import { imageChecks } from '@/lib/checks/images';
import { internationalChecks } from '@/lib/checks/international';
import { linkChecks } from '@/lib/checks/links';
import { localEeatChecks } from '@/lib/checks/local-eeat';
import { mobileChecks } from '@/lib/checks/mobile';
import { onPageChecks } from '@/lib/checks/on-page';
import { performanceChecks } from '@/lib/checks/performance';
import { securityChecks } from '@/lib/checks/security';
import { socialChecks } from '@/lib/checks/social';
import { structuredDataChecks } from '@/lib/checks/structured-data';
import type { PageCheck } from '@/lib/checks/types';
import { urlChecks } from '@/lib/checks/urls';

/** All page-scope checks (they read one page's PageFacts). */
export const pageChecks: readonly PageCheck[] = [
  ...crawlabilityChecks,
  ...httpChecks,
  ...canonicalChecks,
  ...onPageChecks,
  ...contentChecks,
  ...linkChecks,
  ...urlChecks,
  ...imageChecks,
  ...performanceChecks,
  ...mobileChecks,
  ...structuredDataChecks,
  ...securityChecks,
  ...internationalChecks,
  ...socialChecks,
  ...localEeatChecks,
];
