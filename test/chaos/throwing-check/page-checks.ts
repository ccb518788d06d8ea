// The page-check catalogue with one faulty check, for the fault suite: a worker started with
// TSX_TSCONFIG_PATH=test/chaos/throwing-check/tsconfig.json loads this module wherever the code
// imports @/lib/checks/page-checks (in its analysis threads too, which inherit the environment).
// The first check throws on pages whose URL contains CHAOS_THROWING_CHECK_URL, as a check with a
// bug would; everywhere else it runs as usual.
import type { PageCheck } from '@/lib/checks/types';
import { pageChecks as realChecks } from '../../../lib/checks/page-checks';

const target = process.env.CHAOS_THROWING_CHECK_URL;
const [faulty, ...others] = realChecks;
if (!faulty || !target) throw new Error('the throwing-check catalogue needs CHAOS_THROWING_CHECK_URL and a non-empty catalogue');

export const THROWN_MESSAGE = 'chaos: this check has a bug';

export const pageChecks: readonly PageCheck[] = [
  {
    ...faulty,
    run: (page) => {
      if (page.finalUrl.includes(target)) throw new Error(THROWN_MESSAGE);
      return faulty.run(page);
    },
  },
  ...others,
];
