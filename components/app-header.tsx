import Link from 'next/link';
import { signOut } from '@/lib/auth/auth';
import type { CurrentUser } from '@/lib/auth/require-user';

const LINKS = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/analyze', label: 'Analyse a page' },
  { href: '/audits/new', label: 'Site audit' },
  { href: '/bulk', label: 'Bulk' },
];

export function AppHeader({ user }: { user: CurrentUser }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav className="mx-auto flex max-w-6xl items-center gap-6 px-6 py-3 text-sm">
        <Link href="/dashboard" className="text-base font-bold text-brand-700">Rival Outranker</Link>
        {LINKS.map((l) => (
          <Link key={l.href} href={l.href} className="text-slate-600 hover:text-slate-900">{l.label}</Link>
        ))}
        {user.role === 'ADMIN' && <Link href="/admin" className="text-slate-600 hover:text-slate-900">Admin</Link>}
        <span className="ml-auto text-slate-500" data-testid="current-user">{user.email} · {user.role.toLowerCase()}</span>
        <form action={async () => { 'use server'; await signOut({ redirectTo: '/sign-in' }); }}>
          <button type="submit" className="text-slate-600 hover:text-slate-900">Sign out</button>
        </form>
      </nav>
    </header>
  );
}
