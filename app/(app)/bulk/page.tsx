import type { Metadata } from 'next';
import { BulkForm } from './bulk-form';

export const metadata: Metadata = { title: 'Bulk analysis' };

export default function BulkPage() {
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Bulk analysis</h1>
      <p className="text-slate-600">Each URL is analysed on its own; invalid lines are reported and duplicates removed. One failing URL never stops the batch.</p>
      <BulkForm />
    </div>
  );
}
