import { describe, expect, it } from 'vitest';
import { dayLabel, isCalendarDay, monthRange, monthRowsHtml, monthView, pickMonth } from './month-view.ts';

describe('the profile availability month', () => {
  it('reads month and day from the query, never before the current month', () => {
    expect(pickMonth({ month: null, day: null }, '2026-11-24')).toEqual({ month: '2026-11', day: null, explicit: false });
    expect(pickMonth({ month: '2026-12', day: '2026-12-03' }, '2026-11-24')).toEqual({
      month: '2026-12',
      day: '2026-12-03',
      explicit: true,
    });
    // A day alone picks its month; a day outside the asked month is dropped.
    expect(pickMonth({ month: null, day: '2027-01-05' }, '2026-11-24')).toMatchObject({ month: '2027-01', day: '2027-01-05' });
    expect(pickMonth({ month: '2026-12', day: '2027-01-05' }, '2026-11-24')).toMatchObject({ month: '2026-12', day: null });
    // The past and nonsense fall back to today's month.
    expect(pickMonth({ month: '2026-10', day: null }, '2026-11-24').month).toBe('2026-11');
    expect(pickMonth({ month: '2026-13', day: '2026-02-30' }, '2026-11-24')).toMatchObject({ month: '2026-11', day: null });
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2027-02-29')).toBe(false);
  });

  it('asks the engine for the whole month in any zone, from now on', () => {
    const now = new Date('2026-11-24T15:00:00Z');
    expect(monthRange('2026-11', now)).toEqual({ from: now, to: new Date('2026-12-02T00:00:00Z') });
    const dec = monthRange('2026-12', now)!;
    expect(dec.from.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect((dec.to.getTime() - dec.from.getTime()) / 86_400_000).toBe(33);
    expect(monthRange('2026-10', now)).toBeNull();
  });

  it('marks past, free, empty and over-the-horizon days and counts the free starts', () => {
    const v = monthView('2026-11', {
      today: '2026-11-24',
      lastBookable: '2026-11-28',
      counts: { '2026-11-20': 3, '2026-11-25': 4, '2026-11-27': 1, '2026-11-29': 6 },
      chosen: null,
    });
    expect(v.label).toBe('November 2026');
    const day = (date: string) => v.weeks.flat().find((d) => d.date === date)!;
    expect(day('2026-11-20')).toMatchObject({ state: 'past', count: 0 });
    expect(day('2026-11-24')).toMatchObject({ state: 'none', isToday: true });
    expect(day('2026-11-25')).toMatchObject({ state: 'free', count: 4 });
    expect(day('2026-11-29')).toMatchObject({ state: 'beyond', count: 0 });
    expect(v.weeks.every((w) => w.length === 7)).toBe(true);
    expect(v.weeks[0]![0]!.date).toBe('2026-10-26'); // Monday first
    expect(v.freeDays).toBe(2);
    expect(v.selected).toBe('2026-11-25');
    // No going back before this month, nor on past the horizon.
    expect(v.prev).toBeNull();
    expect(v.next).toBeNull();
    expect(dayLabel(day('2026-11-25'))).toBe('Wednesday, November 25: 4 start times');
    expect(dayLabel(day('2026-11-24'))).toMatch(/\(today\): fully booked/);
  });

  it('keeps a chosen day with times, links the neighbouring months inside the horizon', () => {
    const v = monthView('2026-12', {
      today: '2026-11-24',
      lastBookable: '2027-01-22',
      counts: { '2026-12-02': 2, '2026-12-09': 5 },
      chosen: '2026-12-09',
    });
    expect(v.selected).toBe('2026-12-09');
    expect(v.prev).toBe('2026-11');
    expect(v.next).toBe('2027-01');
    expect(
      monthView('2026-12', { today: '2026-11-24', lastBookable: '2027-01-22', counts: { '2026-12-02': 2 }, chosen: '2026-12-09' }).selected,
    ).toBe('2026-12-02');
    expect(monthView('2026-12', { today: '2026-11-24', lastBookable: null, counts: {}, chosen: null })).toMatchObject({
      selected: null,
      freeDays: 0,
    });
  });

  it('writes the grid as markup: links only for free days, the chosen one current, labels and hrefs escaped', () => {
    const v = monthView('2026-11', {
      today: '2026-11-24',
      lastBookable: '2026-11-28',
      counts: { '2026-11-25': 4, '2026-11-27': 1 },
      chosen: null,
    });
    const html = monthRowsHtml(v, '2026-11-27', (q) => `/providers/sam?hours=2&month=${q.month}${q.day ? `&day=${q.day}` : ''}`);
    expect(html.match(/<tr>/g)).toHaveLength(v.weeks.length);
    expect(html.match(/<td /g)).toHaveLength(v.weeks.length * 7);
    const links = [...html.matchAll(/<a href="([^"]+)"[^>]*>/g)];
    expect(links.map((m) => m[1])).toEqual([
      '/providers/sam?hours=2&amp;month=2026-11&amp;day=2026-11-25',
      '/providers/sam?hours=2&amp;month=2026-11&amp;day=2026-11-27',
    ]);
    expect(links[0]![0]).toContain('aria-label="Wednesday, November 25: 4 start times"');
    expect(links[0]![0]).not.toContain('aria-current');
    expect(links[1]![0]).toContain(
      'class="cal-day is-free is-selected" aria-label="Friday, November 27: 1 start time" aria-current="true"',
    );
    expect(html).toContain(
      '<td data-date="2026-11-24"><span class="cal-day is-off is-today" data-testid="calendar-day" data-state="none"><span class="cal-num">24</span><span class="sr-only">, no times</span></span></td>',
    );
    expect(html).toContain('data-state="past"');
    expect(html).toContain('data-state="beyond"');
    expect(html).not.toMatch(/<a [^>]*data-state="(past|none|beyond)"/);
  });
});
