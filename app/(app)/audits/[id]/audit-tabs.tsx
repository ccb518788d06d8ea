import Link from 'next/link';
import { auditHref, type Tab } from './explorer-links';

const TAB_LABELS: Record<Tab, string> = { overview: 'Overview', issues: 'Issues', pages: 'Pages' };

/** The explorer's views as plain links (each view is its own URL), the current one marked for screen readers. */
export function AuditTabs({ auditId, current }: { auditId: string; current: Tab }) {
  return (
    <nav aria-label="Audit views" className="border-b border-slate-200">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {(Object.keys(TAB_LABELS) as Tab[]).map((tab) => (
          <li key={tab}>
            <Link
              href={auditHref(auditId, { tab })}
              aria-current={tab === current ? 'page' : undefined}
              className={`block whitespace-nowrap border-b-2 px-4 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-500 ${
                tab === current ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'
              }`}
            >
              {TAB_LABELS[tab]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
