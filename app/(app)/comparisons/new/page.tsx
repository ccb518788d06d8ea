import type { Metadata } from 'next';
import { requirePageUser } from '@/lib/auth/require-user';
import { DEFAULT_COMPARISON_PAGES, MAX_RIVALS } from '@/lib/comparisons/comparison-input';
import { ComparisonForm } from './comparison-form';

export const metadata: Metadata = { title: 'New comparison' };

export default async function NewComparisonPage() {
  // Checked here too: a layout's check does not protect the page (it renders in parallel).
  await requirePageUser();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Compare with your rivals</h1>
      <p className="text-slate-600">Audits your site and up to four rivals side by side: scores per category, where you win and lose, what they do that you don’t, and, with a keyword, where each home page uses it.</p>
      <ComparisonForm maxRivals={MAX_RIVALS} defaultPages={DEFAULT_COMPARISON_PAGES} />
    </div>
  );
}
