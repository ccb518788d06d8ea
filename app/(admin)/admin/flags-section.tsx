import { describeFlagChange, listFlagChanges, listFlags } from '@/lib/flags/flags';
import { FlagControls } from './flag-controls';

const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);

/** Feature flags and their change history; the page that renders this has checked the admin role. */
export async function FlagsSection() {
  const [flags, changes] = await Promise.all([listFlags(), listFlagChanges(30)]);
  return (
    <section className="flex flex-col gap-3" aria-labelledby="flags-heading">
      <h2 id="flags-heading" className="text-lg font-semibold">Feature flags</h2>
      <p className="text-sm text-slate-600">
        Changes reach the app and the workers within a few seconds. Sync runs the work in the web process; async queues it (for the rollout share of users; the rest run sync).
      </p>
      <table className="bg-white text-left text-sm shadow-sm" data-testid="flags-table">
        <thead className="border-b text-slate-500"><tr><th className="p-2">Flag</th><th className="p-2">Setting</th><th className="p-2">Last change</th></tr></thead>
        <tbody>
          {flags.map((f) => (
            <tr key={f.key} className="border-b last:border-0 align-top" data-testid={`flag-${f.key}`} data-enabled={f.enabled} data-mode={f.mode}>
              <td className="p-2">
                <div className="font-medium">{f.label}</div>
                <div className="font-mono text-xs text-slate-500">{f.key}</div>
              </td>
              <td className="p-2"><FlagControls flag={{ key: f.key, kind: f.kind, label: f.label, enabled: f.enabled, mode: f.mode, rolloutPercent: f.rolloutPercent }} /></td>
              <td className="p-2 text-xs text-slate-500">{when(f.updatedAt)}{f.updatedBy ? ` by ${f.updatedBy}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="font-semibold">Change history</h3>
      {changes.length === 0 ? (
        <p className="text-sm text-slate-500">No changes yet.</p>
      ) : (
        <ul className="text-sm" data-testid="flag-history">
          {changes.map((c) => (
            <li key={c.id}>
              {when(c.changedAt)} — <span className="font-mono text-xs">{c.key}</span>: {describeFlagChange(c.before, c.after)} by {c.changedBy ?? 'a deleted user'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
