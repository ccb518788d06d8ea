import Link from 'next/link';

export function EmptyState({ title, children, action }: { title: string; children?: React.ReactNode; action?: { href: string; label: string } }) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-10 text-center">
      <p className="font-medium text-slate-700">{title}</p>
      {children && <div className="max-w-prose text-sm text-slate-500">{children}</div>}
      {action && (
        <Link href={action.href} className="text-sm font-medium text-brand-600 underline focus-visible:outline-2 focus-visible:outline-brand-500">
          {action.label}
        </Link>
      )}
    </div>
  );
}
