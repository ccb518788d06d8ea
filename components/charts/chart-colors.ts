import type { Severity } from '@/lib/checks/types';

// The badge colours (components/severity-badge.tsx), a shade darker where the badge is pale, so
// bars stay visible on white.
export const SEVERITY_COLORS: Record<Severity, string> = {
  critical: '#dc2626',
  high: '#f97316',
  medium: '#f59e0b',
  low: '#0ea5e9',
  info: '#94a3b8',
};

/** The score ring's bands: green from 80, amber from 50, red below. */
export function scoreColor(score: number): string {
  return score >= 80 ? '#16a34a' : score >= 50 ? '#d97706' : '#dc2626';
}

export const NEUTRAL_COLOR = '#2563eb';

/** A status-code bar in the colours of the status chips: 2xx green, 3xx blue, 4xx amber, 5xx red, no response grey. */
export function statusCodeColor(label: string): string {
  const code = Number(label);
  if (!Number.isInteger(code) || code <= 0) return '#94a3b8';
  return code >= 500 ? '#dc2626' : code >= 400 ? '#f59e0b' : code >= 300 ? '#0ea5e9' : '#16a34a';
}
