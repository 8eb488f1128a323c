/** Small words and numbers for the Analytics screen. */

/** "Jun 2" for the week starting on a Monday (YYYY-MM-DD). */
export function shortWeek(monday: string): string {
  const d = new Date(`${monday}T12:00:00Z`);
  return d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** A share (0–1) as "83 %", or "—" when there is nothing to divide. */
export function percent(share: number | null): string {
  return share === null || !Number.isFinite(share) ? '—' : `${Math.round(share * 100)} %`;
}

/**
 * What one step of the funnel keeps of the step before it: "42 %"; "—" when the step before is
 * empty or smaller (profile views are counted from the day counting began, requests from before).
 */
export function conversion(n: number, of: number): string {
  return of > 0 && n <= of ? percent(n / of) : '—';
}
