import type { Metadata } from 'next';
import { Logo } from '@/components/logo';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-4 sm:px-6">
      <div className="flex flex-col gap-3">
        <span className="text-brand-700"><Logo size={40} /></span>
        <h1 className="text-2xl font-bold">Sign in to Rival Outranker</h1>
      </div>
      <SignInForm next={next} />
    </main>
  );
}
