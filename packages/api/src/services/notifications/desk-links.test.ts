import { describe, expect, it } from 'vitest';
import { deskAppLink, deskLinkLines, deskOpenLink } from './desk-links.ts';

describe('links into the desk app', () => {
  const desk = 'https://desk.handled.test';

  it('turns a desk link into the app’s own, and nothing else', () => {
    expect(deskAppLink(`${desk}/#/bookings/bk_123`, desk)).toBe('handled-desk://bookings/bk_123');
    expect(deskAppLink(`${desk}/#/messages/bk_123`, `${desk}/`)).toBe('handled-desk://messages/bk_123');
    for (const other of [
      `${desk}/#/payouts`,
      'https://site.handled.test/#/bookings/bk_123',
      `${desk}/#/bookings/<script>`,
      `${desk}.evil.test/#/bookings/x`,
    ])
      expect(deskAppLink(other, desk), other).toBeNull();
  });

  it('gives Telegram a web address that hands over to the app, or the browser link without one', () => {
    expect(deskOpenLink('handled-desk://bookings/bk_1', 'https://api.handled.test/', `${desk}/#/bookings/bk_1`)).toBe(
      'https://api.handled.test/open/bookings/bk_1',
    );
    expect(deskOpenLink('handled-desk://bookings/bk_1', undefined, `${desk}/#/bookings/bk_1`)).toBe(`${desk}/#/bookings/bk_1`);
  });

  it('puts the app first and the browser address beside it, escaped', () => {
    const lines = deskLinkLines('handled-desk://bookings/bk_1', `${desk}/#/bookings/bk_1?a=1&b=2`);
    expect(lines.text).toBe(`Open in Handled Desk: handled-desk://bookings/bk_1\nOr in your browser: ${desk}/#/bookings/bk_1?a=1&b=2`);
    expect(lines.html).toContain('href="handled-desk://bookings/bk_1"');
    expect(lines.html).toContain('a=1&amp;b=2');
  });
});
