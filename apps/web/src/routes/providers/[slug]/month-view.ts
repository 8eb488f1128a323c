/**
 * The profile's availability month: which month and day a visitor is looking at (from
 * `?month=YYYY-MM&day=YYYY-MM-DD`, so it works without JavaScript), what to ask the slot engine
 * for, and the grid with each day's state. Dates are the viewer's calendar dates.
 */
import { formatCalendarDate } from '@handled/core/calendar-date';
import { escapeHtml } from '@handled/core/html';
import { DAY_MS } from '@handled/core/durations';
import { inWeeks, monthGrid, shiftDate } from '@handled/core/month-grid';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** "2026-02-30" is not a date; "2026-02-28" is. */
export function isCalendarDay(s: string | null | undefined): s is string {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function nextMonth(month: string): string {
  return shiftDate(month, 'month', 1).slice(0, 7);
}

/**
 * The month to show: the one asked for, else the chosen day's, else today's — never one before
 * today's month. `explicit` says the visitor chose it (so an empty month is not skipped).
 */
export function pickMonth(
  query: { month: string | null; day: string | null },
  today: string,
): { month: string; day: string | null; explicit: boolean } {
  const current = today.slice(0, 7);
  const day = isCalendarDay(query.day) ? query.day : null;
  const asked = query.month && MONTH.test(query.month) ? query.month : (day?.slice(0, 7) ?? null);
  const month = asked && asked > current ? asked : current;
  return { month, day: day && day.slice(0, 7) === month ? day : null, explicit: asked !== null };
}

/**
 * The instants that cover a calendar month in any zone (a day of slack each side; the caller
 * keeps the dates inside the month), never before now. At most 33 days: the engine allows 62.
 */
export function monthRange(month: string, now: Date): { from: Date; to: Date } | null {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const from = Math.max(now.getTime(), Date.UTC(y, m - 1, 1) - DAY_MS);
  const to = Date.UTC(y, m, 1) + DAY_MS;
  return from < to ? { from: new Date(from), to: new Date(to) } : null;
}

export type DayState = 'past' | 'beyond' | 'free' | 'none';

export interface MonthDay {
  date: string;
  inMonth: boolean;
  isToday: boolean;
  state: DayState;
  /** Free start times that day. */
  count: number;
}

export interface MonthView {
  month: string;
  /** "November 2026" */
  label: string;
  /** Monday-first weeks; days of the neighbouring months have `inMonth: false`. */
  weeks: MonthDay[][];
  prev: string | null;
  next: string | null;
  /** The day whose times are listed: the chosen one if it has times, else the month's first free day. */
  selected: string | null;
  freeDays: number;
}

/**
 * Lays out a month with each day's state: before today (past), after the provider's booking
 * horizon (beyond), with free starts (free, counted) or without (none).
 */
export function monthView(
  month: string,
  input: { today: string; lastBookable: string | null; counts: Readonly<Record<string, number>>; chosen: string | null },
): MonthView {
  const { today, lastBookable, counts, chosen } = input;
  const days: MonthDay[] = monthGrid(`${month}-01`, today).map((d) => {
    const count = counts[d.date] ?? 0;
    const state: DayState = d.date < today ? 'past' : lastBookable && d.date > lastBookable ? 'beyond' : count > 0 ? 'free' : 'none';
    return { ...d, state, count: state === 'free' ? count : 0 };
  });
  const weeks = inWeeks(days);
  const inMonth = days.filter((d) => d.inMonth);
  const free = inMonth.filter((d) => d.state === 'free');
  const following = nextMonth(month);
  return {
    month,
    label: formatCalendarDate(`${month}-01`, 'month-year'),
    weeks,
    prev: month > today.slice(0, 7) ? shiftDate(month, 'month', -1).slice(0, 7) : null,
    next: !lastBookable || `${following}-01` <= lastBookable ? following : null,
    selected: free.find((d) => d.date === chosen)?.date ?? free[0]?.date ?? null,
    freeDays: free.length,
  };
}

/** "Tuesday, November 24" */
export function longDate(date: string): string {
  return formatCalendarDate(date, 'long');
}

/** What a screen reader hears for a day cell. */
export function dayLabel(d: MonthDay): string {
  const when = `${longDate(d.date)}${d.isToday ? ' (today)' : ''}`;
  switch (d.state) {
    case 'free':
      return `${when}: ${d.count} start ${d.count === 1 ? 'time' : 'times'}`;
    case 'none':
      return `${when}: fully booked or not working`;
    case 'past':
      return `${when}: past`;
    case 'beyond':
      return `${when}: not bookable yet`;
  }
}

/**
 * The month grid's rows as markup. The page draws it with `{@html}`: 42 cells as one piece of
 * HTML cost a phone almost nothing to take over from the server, where 42 reactive cells were a
 * good part of the profile's hydration. Clicks and arrow keys are handled on the table.
 */
export function monthRowsHtml(view: MonthView, selected: string | null, href: (q: { month: string; day?: string }) => string): string {
  const cell = (d: MonthDay): string => {
    const num = String(Number(d.date.slice(8)));
    if (!d.inMonth) return `<td data-date="${d.date}"><span class="cal-day is-out" aria-hidden="true"></span></td>`;
    const today = d.isToday ? ' is-today' : '';
    if (d.state === 'free') {
      const chosen = d.date === selected;
      return (
        `<td data-date="${d.date}"><a href="${escapeHtml(href({ month: view.month, day: d.date }))}" class="cal-day is-free${today}${chosen ? ' is-selected' : ''}"` +
        ` aria-label="${escapeHtml(dayLabel(d))}"${chosen ? ' aria-current="true"' : ''} data-testid="calendar-day" data-state="free" data-count="${d.count}">` +
        `<span class="cal-num">${num}</span><span class="cal-count" aria-hidden="true">${d.count}</span></a></td>`
      );
    }
    return `<td data-date="${d.date}"><span class="cal-day is-off${today}" data-testid="calendar-day" data-state="${d.state}"><span class="cal-num">${num}</span><span class="sr-only">, ${offLabels[d.state]}</span></span></td>`;
  };
  return view.weeks.map((week) => `<tr>${week.map(cell).join('')}</tr>`).join('');
}

const offLabels: Record<DayState, string> = { past: 'past', none: 'no times', beyond: 'not bookable yet', free: '' };
