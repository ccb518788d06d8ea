// Shown while the dashboard's queries run (sites, running audits, recent ones).
export default function DashboardLoading() {
  return (
    <div className="flex flex-col gap-8" aria-busy="true" aria-label="Loading the dashboard">
      <div className="h-8 w-40 animate-pulse rounded bg-slate-200" />
      <div className="h-24 animate-pulse rounded-lg bg-white shadow-sm" />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {[0, 1, 2].map((i) => <div key={i} className="h-36 animate-pulse rounded-lg bg-white shadow-sm" />)}
      </div>
    </div>
  );
}
