import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../shared/faults.ts';
import { createCalcomEmulator } from './index.ts';
import { instantOf, wallClock } from './local-time.ts';

const NY = 'America/New_York';

describe('Cal.com emulator page: times in the account’s zone', () => {
  it('reads wall times in the zone on both sides of a DST change', () => {
    // 2026-03-08: New York springs forward at 02:00 (EST -5 -> EDT -4).
    expect(instantOf('2026-03-07T09:00', NY)).toBe('2026-03-07T14:00:00.000Z');
    expect(instantOf('2026-03-08T09:00', NY)).toBe('2026-03-08T13:00:00.000Z');
    // A skipped wall time becomes the moment the clocks jump; a repeated one (1 Nov) its first occurrence.
    expect(instantOf('2026-03-08T02:30', NY)).toBe('2026-03-08T07:00:00.000Z');
    expect(instantOf('2026-11-01T01:30', NY)).toBe('2026-11-01T05:30:00.000Z');
    // Without a zone (JSON callers) a wall time is UTC; an explicit offset is kept.
    expect(instantOf('2026-03-08T09:00')).toBe('2026-03-08T09:00:00.000Z');
    expect(instantOf('2026-03-08T09:00-04:00', 'Europe/London')).toBe('2026-03-08T13:00:00.000Z');
  });

  it('shows instants as the zone’s wall clock', () => {
    expect(wallClock('2026-03-08T13:00:00.000Z', NY)).toBe('2026-03-08 09:00');
    expect(wallClock('2026-03-07T14:00:00.000Z', NY)).toBe('2026-03-07 09:00');
    expect(wallClock('2026-03-29T08:30:00.000Z', 'Europe/London')).toBe('2026-03-29 09:30');
  });

  it('an event typed on the page on the DST day is stored in UTC and shown back as typed', async () => {
    const emu = createCalcomEmulator({ clock: () => Date.parse('2026-03-01T12:00:00Z'), faults: new FaultInjector() });
    const sam = emu.store.data.users[0]!;
    expect(sam.timeZone).toBe(NY);
    const page = await (await emu.app.request('/_/calcom')).text();
    expect(page).toContain(`Times below are in ${NY}`);
    expect(page).toContain(`name="timeZone" value="${NY}"`);

    const form = new URLSearchParams({ timeZone: NY, title: 'Dentist', start: '2026-03-08T09:00', end: '2026-03-08T10:30' });
    const res = await emu.app.request(`/_/calcom/users/${sam.id}/events`, { method: 'POST', body: form });
    expect(res.status).toBe(303);
    expect(emu.store.data.events.find((e) => e.title === 'Dentist')).toMatchObject({
      start: '2026-03-08T13:00:00.000Z',
      end: '2026-03-08T14:30:00.000Z',
    });
    expect(await (await emu.app.request('/_/calcom')).text()).toContain('2026-03-08 09:00 – 2026-03-08 10:30');

    const bad = await emu.app.request(`/_/calcom/users/${sam.id}/events`, {
      method: 'POST',
      body: new URLSearchParams({ timeZone: 'Mars/Olympus', start: '2026-03-08T09:00', end: '2026-03-08T10:00' }),
    });
    expect(bad.status).toBe(400);
  });
});
