import { describe, expect, it } from 'vitest';
import { deepLinkInArgs, routeOfDeepLink } from './deep-link.ts';

describe('deep links', () => {
  it('opens a booking, a conversation or a screen', () => {
    expect(routeOfDeepLink('handled-desk://bookings/3f1c9a2e-7b4d-4c1e-9a55-0d2b8c6e1f00')).toBe(
      '#/bookings/3f1c9a2e-7b4d-4c1e-9a55-0d2b8c6e1f00',
    );
    expect(routeOfDeepLink('handled-desk://bookings/bk_1/')).toBe('#/bookings/bk_1');
    expect(routeOfDeepLink('handled-desk://messages/bk_1')).toBe('#/messages/bk_1');
    expect(routeOfDeepLink('handled-desk://today')).toBe('#/today');
  });

  it('refuses anything else', () => {
    for (const link of [
      'handled-desk://app/index.html',
      'handled-desk://bookings/<script>',
      'handled-desk://bookings/a/b',
      'handled-desk://admin',
      'handled-desk://user:pw@bookings/x',
      'https://desk.handled.test/#/bookings/x',
      'javascript:alert(1)',
      'not a link',
    ])
      expect(routeOfDeepLink(link), link).toBeNull();
  });

  it('finds the link among the arguments a second instance starts with', () => {
    expect(deepLinkInArgs(['/opt/Handled Desk/handled-desk', '--no-sandbox', 'handled-desk://bookings/bk_9'])).toBe('#/bookings/bk_9');
    expect(deepLinkInArgs(['/usr/bin/handled-desk', '--hidden'])).toBeNull();
  });
});
