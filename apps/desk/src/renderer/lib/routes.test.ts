import { describe, expect, it } from 'vitest';
import { navigableRoute } from '../../shared/ipc.ts';
import { hrefOf, parseRoute, sections } from './routes.ts';

describe('hash routes', () => {
  it('reads the deep link emails use', () => {
    expect(parseRoute('#/bookings/3f1c9a2e-7b4d-4c1e-9a55-0d2b8c6e1f00')).toEqual({
      name: 'booking',
      id: '3f1c9a2e-7b4d-4c1e-9a55-0d2b8c6e1f00',
    });
    expect(parseRoute('#/bookings/abc/')).toEqual({ name: 'booking', id: 'abc' });
  });
  it('reads every section, and falls back to Today', () => {
    expect(parseRoute('#/today')).toEqual({ name: 'today' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(parseRoute('#/calendar')).toEqual({ name: 'calendar' });
    expect(parseRoute('#/reviews')).toEqual({ name: 'reviews' });
    expect(parseRoute('#/analytics')).toEqual({ name: 'analytics' });
    expect(parseRoute('#/profile')).toEqual({ name: 'profile' });
    expect(parseRoute('#/payouts?connect=return')).toEqual({ name: 'payouts' });
    expect(parseRoute('#/requests')).toEqual({ name: 'requests' });
    expect(parseRoute('')).toEqual({ name: 'today' });
    expect(parseRoute('#/bookings/<script>')).toEqual({ name: 'today' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'today' });
  });
  it('reads the jobs tabs, and the old upcoming address', () => {
    expect(parseRoute('#/jobs')).toEqual({ name: 'jobs', tab: 'upcoming' });
    expect(parseRoute('#/upcoming')).toEqual({ name: 'jobs', tab: 'upcoming' });
    expect(parseRoute('#/jobs/history')).toEqual({ name: 'jobs', tab: 'history' });
  });
  it('reads the messages inbox and one thread', () => {
    expect(parseRoute('#/messages')).toEqual({ name: 'messages', bookingId: null });
    expect(parseRoute('#/messages/b_1/')).toEqual({ name: 'messages', bookingId: 'b_1' });
    expect(parseRoute('#/messages/<b>')).toEqual({ name: 'today' });
  });
  it('round-trips, and every section is a route main may open', () => {
    for (const hash of [
      '#/today',
      '#/requests',
      '#/jobs',
      '#/jobs/history',
      '#/calendar',
      '#/payouts',
      '#/settings',
      '#/bookings/b_1',
      '#/messages',
      '#/messages/b_1',
    ])
      expect(hrefOf(parseRoute(hash))).toBe(hash);
    for (const s of sections) expect(navigableRoute.test(`#/${s}`), s).toBe(true);
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
