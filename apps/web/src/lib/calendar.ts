/** The client's dashboard calendar: bookings put on the viewer's local dates (grids: @handled/core/month-grid). */
export function localDate(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

export function groupByDate<T extends { startsAt: string }>(items: readonly T[], zone: string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const d = localDate(it.startsAt, zone);
    const list = out.get(d);
    if (list) list.push(it);
    else out.set(d, [it]);
  }
  return out;
}
