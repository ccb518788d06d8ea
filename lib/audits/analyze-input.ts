import { z } from 'zod';
import { httpUrl, renderMode } from '@/lib/audits/audit-input';

export const analyzeInput = z.object({
  url: httpUrl,
  keyword: z
    .string()
    .trim()
    .max(100, 'Keep the keyword under 100 characters.')
    .optional()
    .transform((k) => k || undefined),
  render: renderMode.default('auto'),
});
export type AnalyzeInput = z.output<typeof analyzeInput>;
