import { z } from 'zod';
import { httpUrl } from '@/lib/audits/audit-input';
import { auditSettingsSchema } from '@/lib/crawler/crawl-options';
import { siteKeyOf } from '@/lib/sites/site-key';

export const MAX_RIVALS = 4;
/** Pages per site unless asked otherwise: five crawls run for one comparison. */
export const DEFAULT_COMPARISON_PAGES = 50;

const sameSite = (a: string, b: string) => {
  const ka = siteKeyOf(a);
  const kb = siteKeyOf(b);
  return ka.origin === kb.origin && ka.startPath === kb.startPath;
};

/** A comparison as requested (API, form, CLI): the user's site, 1–4 distinct rivals, the pages per site and a keyword. */
export const startComparisonInput = z
  .object({
    url: httpUrl,
    rivals: z
      .array(httpUrl, { error: 'rivals must be a list of URLs.' })
      .min(1, 'Add at least one rival.')
      .max(MAX_RIVALS, `At most ${MAX_RIVALS} rivals.`),
    // The same bounds as an audit's maxPages (the one settings schema), with a smaller default.
    maxPages: auditSettingsSchema.shape.maxPages.removeDefault().optional(),
    keyword: z.string().trim().max(100, 'A keyword is 100 characters at most.').optional().transform((k) => (k ? k : undefined)),
  })
  .superRefine((input, ctx) => {
    input.rivals.forEach((rival, i) => {
      if (sameSite(rival, input.url)) ctx.addIssue({ code: 'custom', path: ['rivals', i], message: `${rival} is your own site; a rival must be another site.` });
      else if (input.rivals.slice(0, i).some((other) => sameSite(other, rival))) ctx.addIssue({ code: 'custom', path: ['rivals', i], message: `${rival} is listed twice.` });
    });
  });
export type StartComparisonInput = z.input<typeof startComparisonInput>;
export type ComparisonRequest = z.output<typeof startComparisonInput>;
