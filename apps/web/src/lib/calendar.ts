/** Calendar grids for the client's dashboard, in the viewer's zone (dates are YYYY-MM-DD strings). */
const DAY = 86_400_000;

export function localDate(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

const toDay = (ymd: string) => Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10)));
const toYmd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** 0 = Monday */
const weekday = (ms: number) => (new Date(ms).getUTCDay() + 6) % 7;

export interface CalendarDay {
  date: string;
  inMonth: boolean;
  isToday: boolean;
}

/** Whole weeks (Monday first) covering the month of `anchor`. */
export function monthGrid(anchor: string, today: string): CalendarDay[] {
  const first = toDay(`${anchor.slice(0, 7)}-01`);
  const month = anchor.slice(0, 7);
  const start = first - weekday(first) * DAY;
  const days: CalendarDay[] = [];
  for (let t = start; ; t += DAY) {
    const date = toYmd(t);
    if (days.length >= 28 && days.length % 7 === 0 && date.slice(0, 7) !== month) break;
    days.push({ date, inMonth: date.slice(0, 7) === month, isToday: date === today });
  }
  return days;
}

/** The seven days (Monday first) of the week holding `anchor`. */
export function weekGrid(anchor: string, today: string): CalendarDay[] {
  const start = toDay(anchor) - weekday(toDay(anchor)) * DAY;
  return Array.from({ length: 7 }, (_, i) => {
    const date = toYmd(start + i * DAY);
    return { date, inMonth: true, isToday: date === today };
  });
}

/** The anchor date moved by whole months or weeks, for the previous/next links. */
export function shift(anchor: string, view: 'month' | 'week', by: number): string {
  if (view === 'week') return toYmd(toDay(anchor) + by * 7 * DAY);
  const d = new Date(toDay(`${anchor.slice(0, 7)}-01`));
  d.setUTCMonth(d.getUTCMonth() + by);
  return toYmd(d.getTime());
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
