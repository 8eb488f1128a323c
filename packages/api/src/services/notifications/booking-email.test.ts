import { describe, expect, it } from 'vitest';
import ical from 'node-ical';
import { priceBooking } from '@handled/core';
import type { BookingRow } from '../../repositories/bookings.ts';
import { bookingIcs } from './booking-email.ts';
import type { MessageContext, Recipient } from './templates.ts';

const client: Recipient = { userId: 'c1', name: 'Maya Chen', email: 'maya@example.test', timeZone: 'America/New_York', role: 'client' };
const provider: Recipient = { userId: 'p1', name: 'Sam Fixer', email: 'sam@example.test', timeZone: 'America/New_York', role: 'provider' };

function ctx(version: number, startsAt: Date): MessageContext {
  const booking = {
    id: 'b1',
    reference: 'HD-TEST01',
    version,
    status: 'confirmed',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
    address: { line1: '14 Elm St', city: 'Brooklyn', postalCode: '11201', country: 'US' },
    price: priceBooking({ hourlyRate: 9000, hours: 2, currency: 'USD', taxBps: 0 }),
  } as unknown as BookingRow;
  return { booking, client, provider, categoryName: 'Plumbing', invoice: null, webUrl: 'http://web.test', deskUrl: 'http://desk.test' };
}

describe('the booking .ics', () => {
  it('parses with node-ical; a reschedule keeps the UID with a higher SEQUENCE; a cancellation is METHOD:CANCEL', () => {
    const first = new Date('2027-03-14T06:30:00Z');
    const moved = new Date('2027-03-15T14:00:00Z');
    const a = bookingIcs(ctx(3, first), client, 'REQUEST', 'http://web.test/bookings/b1');
    const b = bookingIcs(ctx(4, moved), client, 'REQUEST', 'http://web.test/bookings/b1');
    const c = bookingIcs(ctx(5, moved), client, 'CANCEL', 'http://web.test/bookings/b1');
    const event = (text: string) => {
      const parsed = ical.sync.parseICS(text);
      const ev = Object.values(parsed).find((v) => v?.type === 'VEVENT');
      if (!ev || ev.type !== 'VEVENT') throw new Error('no VEVENT');
      return ev;
    };
    const ea = event(a);
    const eb = event(b);
    expect(ea.uid).toBe(eb.uid);
    expect(Number(eb.sequence)).toBeGreaterThan(Number(ea.sequence));
    expect(new Date(ea.start).toISOString()).toBe(first.toISOString());
    expect(new Date(eb.start).toISOString()).toBe(moved.toISOString());
    expect(ea.summary).toBe('Plumbing with Sam Fixer');
    expect(a).toContain('METHOD:REQUEST');
    expect(c).toContain('METHOD:CANCEL');
    expect(event(c).status).toBe('CANCELLED');
  });
});
