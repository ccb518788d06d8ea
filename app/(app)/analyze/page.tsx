import type { Metadata } from 'next';
import { requirePageUser } from '@/lib/auth/require-user';
import { AnalyzeForm } from './analyze-form';

export const metadata: Metadata = { title: 'Analyse a page' };

export default async function AnalyzePage() {
  // Checked here too: a layout's check does not protect the page (it renders in parallel).
  await requirePageUser();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Instant page analysis</h1>
      <p className="text-slate-600">Fetches one page, runs every page-level SEO check and scores it, in a few seconds.</p>
      <AnalyzeForm />
    </div>
  );
}
