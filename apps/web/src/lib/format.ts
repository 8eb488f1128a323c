/** "2 hours", "1.5 hours", "1 hour" (times in a zone: @handled/core/time-in-zone) */
export function hoursText(hours: number): string {
  return `${Number(hours.toFixed(2))} hour${hours === 1 ? '' : 's'}`;
}
