import type { Metadata } from 'next';
import { requirePageUser } from '@/lib/auth/require-user';
import { AuditForm } from './audit-form';

export const metadata: Metadata = { title: 'New site audit' };

export default async function NewAuditPage() {
  // Checked here too: a layout's check does not protect the page (it renders in parallel).
  await requirePageUser();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Professional site audit</h1>
      <p className="text-slate-600">Crawls the site politely (robots.txt respected), checks every page and the site as a whole, and streams progress live.</p>
      <AuditForm />
    </div>
  );
}
