// Not in score-trend.tsx: that is a client module, and the server picks the colours.
// Distinct enough on white for up to 15 category lines; the overall score is the thick dark one.
const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#ea580c', '#4f46e5', '#0d9488', '#b45309', '#9333ea', '#e11d48', '#0284c7'];

export function seriesColor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}
