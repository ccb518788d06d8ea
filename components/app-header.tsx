import Link from 'next/link';
import { Logo } from '@/components/logo';
import { NavLinks, type NavLink } from '@/components/nav-links';
import { NotificationBell } from '@/components/notification-bell';
import { signOut } from '@/lib/auth/auth';
import type { CurrentUser } from '@/lib/auth/require-user';

const LINKS: NavLink[] = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/audits', label: 'Audits' },
  { href: '/sites', label: 'Sites' },
  { href: '/analyze', label: 'Analyse a page' },
  { href: '/audits/new', label: 'Site audit' },
  { href: '/bulk', label: 'Bulk' },
  { href: '/comparisons', label: 'Compare' },
  { href: '/schedules', label: 'Schedules' },
];

/**
 * Brand, the signed-in user and "Sign out" on the first line; the links beside them on a wide
 * screen and wrapped onto their own line on a narrow one (nothing is ever pushed off screen).
 */
export function AppHeader({ user }: { user: CurrentUser }) {
  const links = user.role === 'ADMIN' ? [...LINKS, { href: '/admin', label: 'Admin' }] : LINKS;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 text-sm sm:px-6">
        <Link href="/dashboard" className="flex shrink-0 items-center gap-2 text-base font-bold text-brand-700">
          <Logo />
          Rival Outranker
        </Link>
        <nav aria-label="Main" className="order-last w-full lg:order-none lg:w-auto">
          <NavLinks links={links} />
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-3">
          {/* Not on a phone: beside the brand it would push "Sign out" onto a line of its own. */}
          <span className="hidden min-w-0 max-w-xs truncate text-slate-500 sm:inline" data-testid="current-user" title={user.email}>
            {user.email} · {user.role.toLowerCase()}
          </span>
          <NotificationBell />
          <form action={async () => { 'use server'; await signOut({ redirectTo: '/sign-in' }); }}>
            <button type="submit" className="shrink-0 whitespace-nowrap rounded-md border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
