'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export type NavLink = { href: string; label: string };

/** The signed-in area's links; the current section is marked (aria-current) and underlined. */
export function NavLinks({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  // "/audits/new" belongs to "Site audit", not to "Audits"; the longest matching link wins.
  const current = links
    .filter((l) => pathname === l.href || pathname.startsWith(`${l.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <ul className="flex flex-wrap items-center gap-x-4 gap-y-1">
      {links.map((l) => (
        <li key={l.href}>
          <Link
            href={l.href}
            aria-current={l.href === current ? 'page' : undefined}
            className="rounded py-1 text-slate-600 underline-offset-4 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500 aria-[current=page]:font-medium aria-[current=page]:text-slate-900 aria-[current=page]:underline"
          >
            {l.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
