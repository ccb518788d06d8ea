// Numbers as people read them on the explorer pages.

/** Points to one decimal at most: the score itself is a whole number, finer detail is noise. */
export function roundPoints(points: number): number {
  return Math.round(points * 10) / 10;
}

/** "1 point", "4.5 points". */
export function formatPoints(points: number): string {
  const rounded = roundPoints(points);
  return `${rounded.toLocaleString('en')} ${rounded === 1 ? 'point' : 'points'}`;
}

export function formatNumber(value: number | null | undefined, unit = ''): string {
  return value === null || value === undefined ? '—' : `${value.toLocaleString('en')}${unit}`;
}
