import { NavLinks, type NavLink } from '@/components/nav-links';

const LINKS: NavLink[] = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/queues', label: 'Queues' },
  { href: '/admin/dead-letters', label: 'Dead letters' },
  { href: '/admin/users', label: 'Users' },
];

/** The admin area's sections (links only: each page checks the role itself). */
export function AdminNav() {
  return (
    <nav aria-label="Admin" className="mb-6 border-b border-slate-200 pb-3 text-sm">
      <NavLinks links={LINKS} />
    </nav>
  );
}
