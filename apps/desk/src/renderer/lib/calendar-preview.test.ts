import { describe, expect, it } from 'vitest';
import { packSlotDays } from '@handled/core/availability';
import type { CalendarConnection, SlotPreviewData } from './calendar-api.ts';
import { busyFreshness, clashes, firstDayToShow, previewColumns, previewSpan, shortName, type ScheduleDay } from './calendar-preview.ts';

const zone = 'America/New_York';
const day = (date: string, over: Partial<ScheduleDay> = {}): ScheduleDay => ({
  date,
  override: null,
  zoneAbbreviation: 'EST',
  working: [],
  jobs: [],
  busy: [],
  ...over,
});
const job = (start: string, end: string, from: number, to: number) => ({
  id: `b-${start}`,
  reference: 'HD-1',
  status: 'requested' as const,
  clientName: 'Maya Lopez',
  hours: (to - from) / 60,
  start,
  end,
  blockStart: start,
  blockEnd: end,
  from,
  to,
  blockFrom: from - 30,
  blockTo: to + 30,
  label: '',
});
const busy = (start: string, end: string, from: number, to: number) => ({
  id: `x-${start}`,
  title: 'Dentist',
  start,
  end,
  syncedAt: start,
  from,
  to,
  label: '',
});

function preview(days: ScheduleDay[], starts: string[], timeZone = zone): SlotPreviewData {
  return {
    timeZone,
    days: packSlotDays(
      starts.map((s) => Date.parse(s)),
      timeZone,
    ),
    lengthMin: 60,
    count: starts.length,
    generatedAt: '2027-01-04T12:00:00.000Z',
    schedule: {
      timeZone: zone,
      zone: {
        zone,
        offsetMinutes: -300,
        offset: 'UTC-05:00',
        abbreviation: 'EST',
        city: 'New York',
        label: 'New York time (EST, UTC-05:00)',
      },
      bufferBeforeMin: 30,
      bufferAfterMin: 30,
      slotIntervalMin: 30,
      days,
    },
    connection: { connected: false, available: true },
  } as unknown as SlotPreviewData;
}

describe('previewColumns', () => {
  it('puts starts on the provider-local date and merges them into bands', () => {
    const p = preview([day('2027-01-04'), day('2027-01-05')], ['2027-01-04T14:00:00Z', '2027-01-04T14:30:00Z']);
    const cols = previewColumns(p);
    expect(cols.map((c) => [c.date, c.count])).toEqual([
      ['2027-01-04', 2],
      ['2027-01-05', 0],
    ]);
    expect(cols[0]?.starts.map((s) => s.label)).toEqual(['9:00 AM', '9:30 AM']);
    expect(cols[0]?.bands.map((b) => [b.from, b.to])).toEqual([[540, 600]]);
  });

  it('regroups and relabels starts given in another viewer zone', () => {
    // 11:30 PM New York on the 4th is already the 5th in London.
    const p = preview([day('2027-01-04'), day('2027-01-05')], ['2027-01-05T04:30:00Z'], 'Europe/London');
    const cols = previewColumns(p);
    expect(cols[0]?.starts).toEqual([{ start: '2027-01-05T04:30:00.000Z', end: '2027-01-05T05:30:00.000Z', label: '11:30 PM' }]);
    expect(cols[1]?.count).toBe(0);
  });

  it('marks the day the clocks change', () => {
    const cols = previewColumns(preview([day('2027-03-13'), day('2027-03-14', { zoneAbbreviation: 'EDT' })], []));
    expect(cols.map((c) => c.clocksChange)).toEqual([false, true]);
  });
});

describe('previewSpan', () => {
  it('spans working hours and jobs with buffers; Cal.com blocks only inside working hours', () => {
    const cols = previewColumns(
      preview(
        [
          day('2027-01-04', {
            working: [{ start: '', end: '', from: 540, to: 1020, label: '' }],
            busy: [busy('2027-01-04T05:00:00Z', '2027-01-05T05:00:00Z', 0, 1440)],
          }),
          day('2027-01-05', { jobs: [job('2027-01-05T13:00:00Z', '2027-01-05T15:00:00Z', 480, 600)] }),
        ],
        [],
      ),
    );
    // 7:30 (the buffer before an 8:00 job) to 17:00; the all-day Cal.com event does not widen it.
    expect(previewSpan(cols)).toEqual([7, 17]);
    expect(previewSpan([])).toEqual([8, 18]);
  });
});

describe('the rest of the picture', () => {
  it('short names', () => {
    expect(shortName('Maya Lopez')).toBe('Maya L.');
    expect(shortName(' Cher ')).toBe('Cher');
    expect(shortName('Anna van der berg')).toBe('Anna B.');
  });

  it('finds the Cal.com blocks a job meets in real time (touching is not a clash)', () => {
    const j = job('2027-01-05T13:00:00Z', '2027-01-05T15:00:00Z', 480, 600);
    const over = busy('2027-01-05T14:00:00Z', '2027-01-05T16:00:00Z', 540, 660);
    const touching = busy('2027-01-05T15:00:00Z', '2027-01-05T16:00:00Z', 600, 660);
    expect(clashes(j, [over, touching])).toEqual([over]);
  });

  it('says how fresh Cal.com busy time is, and warns when it is stale or Cal.com is down', () => {
    const now = new Date('2027-01-04T12:00:00Z');
    const base = {
      connected: true,
      available: true,
      kind: 'api_key',
      status: 'connected',
      username: 'sam',
      eventTypeId: 1,
      lastSyncedAt: '2027-01-04T11:56:00Z',
      lastError: null,
      stale: false,
      breakerOpen: false,
      syncIntervalMin: 5,
    } as const;
    const c = (over: object) => ({ ...base, ...over }) as unknown as CalendarConnection;
    expect(busyFreshness({ connected: false, available: true } as CalendarConnection, now).tone).toBe('none');
    expect(busyFreshness(c({}), now)).toEqual({ tone: 'ok', text: 'Cal.com busy time last synced 4 min ago (syncs every 5 min).' });
    expect(busyFreshness(c({ stale: true, lastSyncedAt: '2027-01-04T09:00:00Z' }), now)).toMatchObject({
      tone: 'stale',
      text: expect.stringContaining('out of date (last synced 3 h ago'),
    });
    const down = busyFreshness(c({ status: 'error', stale: true, lastError: 'Cal.com answered 500' }), now);
    expect(down.tone).toBe('down');
    expect(down.text).toBe(
      'Cal.com is unreachable. Busy time below is from the last sync, 4 min ago — check your Cal.com calendar before you accept a request.',
    );
    expect(down.detail).toBe('Cal.com answered 500');
  });

  it('shows today first, or the first day with a job when today is empty', () => {
    const empty = previewColumns(
      preview(
        [
          day('2027-01-04'),
          day('2027-01-05'),
          day('2027-01-06', { jobs: [job('2027-01-06T14:00:00Z', '2027-01-06T16:00:00Z', 540, 660)] }),
        ],
        [],
      ),
    );
    expect(firstDayToShow(empty)).toBe('2027-01-06');
    const busyToday = previewColumns(
      preview([day('2027-01-04', { busy: [busy('2027-01-04T14:00:00Z', '2027-01-04T15:00:00Z', 540, 600)] }), day('2027-01-05')], []),
    );
    expect(firstDayToShow(busyToday)).toBe('2027-01-04');
    expect(firstDayToShow([])).toBeNull();
  });
});
