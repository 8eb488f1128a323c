import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute } from './routes.ts';

describe('hash routes', () => {
  it('reads the deep link emails use', () => {
    expect(parseRoute('#/bookings/3f1c9a2e-7b4d-4c1e-9a55-0d2b8c6e1f00')).toEqual({ name: 'booking', id: '3f1c9a2e-7b4d-4c1e-9a55-0d2b8c6e1f00' });
    expect(parseRoute('#/bookings/abc/')).toEqual({ name: 'booking', id: 'abc' });
  });
  it('reads the three sections, and falls back to the inbox', () => {
    expect(parseRoute('#/upcoming')).toEqual({ name: 'upcoming' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(parseRoute('#/calendar')).toEqual({ name: 'calendar' });
    expect(parseRoute('#/payouts')).toEqual({ name: 'payouts' });
    expect(parseRoute('#/payouts?connect=return')).toEqual({ name: 'payouts' });
    expect(parseRoute('#/requests')).toEqual({ name: 'requests' });
    expect(parseRoute('')).toEqual({ name: 'requests' });
    expect(parseRoute('#/bookings/<script>')).toEqual({ name: 'requests' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'requests' });
  });
  it('reads the messages inbox and one thread', () => {
    expect(parseRoute('#/messages')).toEqual({ name: 'messages', bookingId: null });
    expect(parseRoute('#/messages/b_1/')).toEqual({ name: 'messages', bookingId: 'b_1' });
    expect(parseRoute('#/messages/<b>')).toEqual({ name: 'requests' });
  });
  it('round-trips', () => {
    for (const hash of ['#/requests', '#/upcoming', '#/calendar', '#/payouts', '#/settings', '#/bookings/b_1', '#/messages', '#/messages/b_1']) expect(hrefOf(parseRoute(hash))).toBe(hash);
  });
});

describe("Stripe's return path", async () => {
  const { hashForReturnPath } = await import('./return-link.ts');
  it('becomes the payouts hash route, keeping the query', () => {
    expect(hashForReturnPath('/payouts', '?connect=return')).toBe('/#/payouts?connect=return');
    expect(hashForReturnPath('/desk/payouts/', '?connect=refresh')).toBe('/desk/#/payouts?connect=refresh');
    expect(hashForReturnPath('/', '')).toBeNull();
    expect(hashForReturnPath('/payouts-x', '')).toBeNull();
  });
});
