import { describe, expect, it } from 'vitest';
import { navigableRoute } from './ipc.ts';

describe('navigableRoute', () => {
  it('lets a notification open the desk screens, a booking and a conversation', () => {
    for (const route of ['#/requests', '#/messages', '#/messages/bk_123', '#/bookings/bk_123', '#/payouts']) {
      expect(navigableRoute.test(route), route).toBe(true);
    }
  });

  it('drops anything else', () => {
    for (const route of [
      '#/messages/',
      '#/messages/a/b',
      'https://evil.test',
      '#/bookings/<script>',
      '#/admin',
      `#/messages/${'x'.repeat(65)}`,
    ]) {
      expect(navigableRoute.test(route), route).toBe(false);
    }
  });
});
