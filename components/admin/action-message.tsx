export type ActionState = { ok?: string; error?: string };

/** The outcome of an admin server action, announced to screen readers. */
export function ActionMessage({ state, className = 'text-sm' }: { state: ActionState; className?: string }) {
  if (state.error) return <p role="alert" className={`${className} text-red-700`}>{state.error}</p>;
  if (state.ok) return <p role="status" className={`${className} text-green-700`}>{state.ok}</p>;
  return null;
}
