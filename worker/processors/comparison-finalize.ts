import { finalizeComparison } from '@/lib/comparisons/finalize-comparison';
import { analyzeHomeKeyword } from '@/lib/comparisons/start-comparison';
import type { Processor } from '@/worker/processor';

export const comparisonFinalize: Processor<'comparison.finalize'> = async ({ comparisonId }) => {
  await finalizeComparison(comparisonId, { analyzeKeyword: analyzeHomeKeyword });
};
