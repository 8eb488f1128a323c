import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../shared/faults.ts';
import { createCalcomEmulator, SANDBOX_API_KEY } from './index.ts';

const auth = { authorization: `Bearer ${SANDBOX_API_KEY}`, 'cal-api-version': '2024-08-13' };

function emulator() {
  const emu = createCalcomEmulator({ clock: () => Date.now(), faults: new FaultInjector() });
  const sam = emu.store.data.users[0]!;
  const et = emu.store.createEventType(sam.id, { title: 'Job', slug: 'job', lengthInMinutes: 60 });
  return { emu, sam, et };
}

describe('Cal.com emulator: the person’s page and switches', () => {
  it('the page moves a booking: a new uid at the new time, the old one cancelled and pointing to it', async () => {
    const { emu, et } = emulator();
    const b = emu.store.createBooking({
      eventTypeId: et.id,
      start: '2031-03-04T15:00:00Z',
      attendee: { name: 'Maya', email: 'maya@example.com', timeZone: 'UTC' },
      metadata: { handledBookingId: 'bk1' },
    });
    const page = await (await emu.app.request('/_/calcom')).text();
    expect(page).toContain(`action="/_/calcom/bookings/${b.uid}/reschedule"`);

    const res = await emu.app.request(`/_/calcom/bookings/${b.uid}/reschedule`, {
      method: 'POST',
      body: new URLSearchParams({ start: '2031-03-05T16:00' }),
    });
    expect(res.status).toBe(303);
    const moved = emu.store.data.bookings.find((x) => x.rescheduledFromUid === b.uid);
    expect(moved).toMatchObject({
      start: '2031-03-05T16:00:00.000Z',
      end: '2031-03-05T17:00:00.000Z',
      status: 'accepted',
      metadata: { handledBookingId: 'bk1' },
    });
    expect(emu.store.booking(b.uid)).toMatchObject({ status: 'cancelled', rescheduledToUid: moved!.uid });
  });

  it('the request limit can be changed at run time', async () => {
    const { emu } = emulator();
    const set = await emu.app.request('/_/calcom/rate-limit', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: 2 }),
    });
    expect(await set.json()).toMatchObject({ apiKey: 2, oauth: 500, windowMs: 60_000 });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await emu.app.request('/v2/me', { headers: auth })).status);
    expect(codes).toEqual([200, 200, 429]);
    const bad = await emu.app.request('/_/calcom/rate-limit', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: 0 }),
    });
    expect(bad.status).toBe(400);
  });
});
