/** The favicon's drawing (app/icon.svg): three rising bars on the brand colour (currentColor). */
export function Logo({ size = 22 }: { size?: number }) {
  return (
    <svg viewBox="0 0 32 32" width={size} height={size} aria-hidden="true" className="shrink-0">
      <rect width="32" height="32" rx="7" fill="currentColor" />
      <path d="M9 24v-5M16 24v-9M23 24V10" stroke="#fff" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}
