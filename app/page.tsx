import Link from 'next/link';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';

export default async function HomePage() {
  const session = await auth();
  if (session?.user) redirect('/dashboard');
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-6 px-6 py-24">
      <h1 className="text-4xl font-bold tracking-tight">Rival Outranker</h1>
      <p className="text-lg text-slate-600">
        Paste a URL for an instant on-page SEO analysis, crawl a whole site in a professional audit, analyse hundreds of URLs
        in bulk and download the reports.
      </p>
      <div>
        <Link href="/sign-in" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          Sign in
        </Link>
      </div>
    </main>
  );
}
