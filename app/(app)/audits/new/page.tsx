import type { Metadata } from 'next';
import { AuditForm } from './audit-form';

export const metadata: Metadata = { title: 'New site audit' };

export default function NewAuditPage() {
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Professional site audit</h1>
      <p className="text-slate-600">Crawls the site politely (robots.txt respected), checks every page and the site as a whole, and streams progress live.</p>
      <AuditForm />
    </div>
  );
}
