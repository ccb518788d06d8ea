// Every check the product knows: page scope and site scope, looked up by id.
import { pageChecks } from '@/lib/checks/page-checks';
import { siteChecks } from '@/lib/checks/site-checks';
import type { Check } from '@/lib/checks/types';

export { pageChecks };

export const ALL_CHECKS: readonly Check[] = [...pageChecks, ...siteChecks];

const BY_ID = new Map<string, Check>(ALL_CHECKS.map((c) => [c.id, c]));

export function getCheck(id: string): Check | undefined {
  return BY_ID.get(id);
}
