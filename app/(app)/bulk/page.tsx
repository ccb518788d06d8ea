import type { Metadata } from 'next';
import { requirePageUser } from '@/lib/auth/require-user';
import { BulkForm } from './bulk-form';

export const metadata: Metadata = { title: 'Bulk analysis' };

export default async function BulkPage() {
  // Checked here too: a layout's check does not protect the page (it renders in parallel).
  await requirePageUser();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Bulk analysis</h1>
      <p className="text-slate-600">Each URL is analysed on its own; invalid lines are reported and duplicates removed. One failing URL never stops the batch.</p>
      <BulkForm />
    </div>
  );
}
