import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmails } from '@handled/db/seed';
import { createBookingFor } from '@handled/testing/fixtures';
import { startTestStack, type TestStack } from '@handled/testing';
import { placeOnDays } from './preview.ts';
import { isoSlotsOf } from '@handled/core/availability';

/** The emulator's key for Sam's Cal.com account (SANDBOX_API_KEY in packages/emulators). */
const SANDBOX_API_KEY = 'cal_test_handledsandbox0sam000000000000';

/** calendar.preview on the real server, the Cal.com emulator and a temp-file DB. */
let stack: TestStack;
type Client = Awaited<ReturnType<TestStack['clientAs']>>;
let sam: Client;
let priya: Client;
const HOUR = 3_600_000;

beforeAll(async () => {
  stack = await startTestStack({ providers: 4, worker: false, env: { CALCOM_SYNC_MINUTES: '60' } });
  [sam, priya] = await Promise.all([stack.clientAs(demoEmails.sam), stack.clientAs(demoEmails.priya)]);
}, 120_000);
afterAll(() => stack?.close());

const allJobs = (p: Awaited<ReturnType<Client['calendar']['preview']['query']>>) =>
  p.schedule.days.flatMap((d) => d.jobs.map((j) => ({ ...j, date: d.date })));

describe('calendar.preview', () => {
  it('gives 14 provider-local days with working hours in the named zone', async () => {
    const p = await sam.calendar.preview.query({ days: 14, hours: 2 });
    expect(p.schedule.timeZone).toBe('America/New_York');
    expect(p.schedule.zone.label).toMatch(/^New York time \(E[SD]T, UTC-0[45]:00\)$/);
    expect(p.schedule.days).toHaveLength(14);
    const dates = p.schedule.days.map((d) => d.date);
    expect([...dates].sort()).toEqual(dates);
    // Sam works Monday to Friday 8-18: every weekday not overridden shows 08:00 to 18:00 local.
    const monday = p.schedule.days.find((d) => new Date(`${d.date}T12:00:00Z`).getUTCDay() === 1 && !d.override);
    expect(monday?.working.map((w) => [w.from, w.to, w.label])).toEqual([[480, 1080, '8:00 AM – 6:00 PM']]);
    const sunday = p.schedule.days.find((d) => new Date(`${d.date}T12:00:00Z`).getUTCDay() === 0);
    expect(sunday?.working).toEqual([]);
    // Every bookable start lies inside that day's working hours.
    const starts = isoSlotsOf(p);
    expect(starts.length).toBe(p.count);
    for (const s of starts)
      expect(
        p.schedule.days.some((day) =>
          day.working.some((w) => Date.parse(w.start) <= Date.parse(s.start) && Date.parse(s.start) < Date.parse(w.end)),
        ),
      ).toBe(true);
  });

  it('shows a job booked here with its client, status, time and buffers; no start overlaps it', async () => {
    await sam.calendar.updateRules.mutate({ bufferBeforeMin: 30, bufferAfterMin: 30 });
    const booking = await createBookingFor(stack, demoEmails.maya, demoEmails.sam, 2);
    const p = await sam.calendar.preview.query({ days: 14, hours: 2 });
    const job = allJobs(p).find((j) => j.id === booking.id);
    expect(job).toMatchObject({
      status: 'requested',
      clientName: 'Maya Lopez',
      reference: booking.reference,
      hours: 2,
      start: booking.startsAt,
    });
    expect(Date.parse(job!.blockStart)).toBe(Date.parse(booking.startsAt) - 30 * 60_000);
    expect(Date.parse(job!.blockEnd)).toBe(Date.parse(booking.startsAt) + 2.5 * HOUR);
    expect(job!.to - job!.from).toBe(120);
    expect(job!.from - job!.blockFrom).toBe(30);
    expect(job!.label).toMatch(/^\d{1,2}:\d{2} [AP]M – \d{1,2}:\d{2} [AP]M$/);
    const starts = isoSlotsOf(p).map((s) => Date.parse(s.start));
    // A new 2-hour job with its own 30-minute buffers never meets the booked one's block.
    for (const t of starts)
      expect(t + 2.5 * HOUR <= Date.parse(job!.blockStart) || t - 30 * 60_000 >= Date.parse(job!.blockEnd)).toBe(true);

    await sam.bookings.accept.mutate({ id: booking.id });
    const after = await sam.calendar.preview.query({ days: 14, hours: 2 });
    expect(allJobs(after).find((j) => j.id === booking.id)?.status).toBe('accepted');
    // Own data only: Priya's preview never carries Sam's job.
    expect(allJobs(await priya.calendar.preview.query({ days: 14, hours: 2 })).some((j) => j.id === booking.id)).toBe(false);
  });

  it('shows Cal.com busy blocks with their title and sync time, and the connection freshness', async () => {
    expect((await sam.calendar.connectApiKey.mutate({ apiKey: SANDBOX_API_KEY })).sync.ok).toBe(true);
    const before = await sam.calendar.preview.query({ days: 14, hours: 1 });
    const target = isoSlotsOf(before).find((s) => Date.parse(s.start) > Date.now() + 3 * 86_400_000);
    if (!target) throw new Error('no slot to block');
    const start = String(target.start);
    const cal = stack.emulators.emulators.calcom;
    const user = cal.data.users.find((u) => u.email === demoEmails.sam);
    cal.addEvent(user!.id, { title: 'Dentist', start, end: new Date(Date.parse(start) + HOUR).toISOString() });
    expect((await sam.calendar.syncNow.mutate()).ok).toBe(true);

    const p = await sam.calendar.preview.query({ days: 14, hours: 1 });
    const blocks = p.schedule.days.flatMap((d) => d.busy);
    const block = blocks.find((b) => b.start === new Date(start).toISOString());
    expect(block).toBeDefined();
    expect(block!.to - block!.from).toBe(60);
    expect(Date.now() - Date.parse(block!.syncedAt)).toBeLessThan(60_000);
    expect(p.connection).toMatchObject({ connected: true, stale: false });
    expect(isoSlotsOf(p).map((s) => s.start)).not.toContain(new Date(start).toISOString());
  });
});

describe('placeOnDays', () => {
  const day = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
  it('splits an interval across local midnight', () => {
    // 22:00-02:00 New York time in January (UTC-5).
    const parts = placeOnDays('America/New_York', Date.parse('2027-01-15T03:00:00Z'), Date.parse('2027-01-15T07:00:00Z'));
    expect(parts).toEqual([
      { day: day('2027-01-14'), from: 22 * 60, to: 1440 },
      { day: day('2027-01-15'), from: 0, to: 120 },
    ]);
  });
  it('uses wall-clock minutes on a day the clocks change', () => {
    // 2027-03-14, New York springs forward at 02:00: 01:00 EST to 04:00 EDT is two real hours.
    const parts = placeOnDays('America/New_York', Date.parse('2027-03-14T06:00:00Z'), Date.parse('2027-03-14T08:00:00Z'));
    expect(parts).toEqual([{ day: day('2027-03-14'), from: 60, to: 240 }]);
  });
});
