import type { Metadata } from 'next';
import { AnalyzeForm } from './analyze-form';

export const metadata: Metadata = { title: 'Analyse a page' };

export default function AnalyzePage() {
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Instant page analysis</h1>
      <p className="text-slate-600">Fetches one page, runs every page-level SEO check and scores it, in a few seconds.</p>
      <AnalyzeForm />
    </div>
  );
}
