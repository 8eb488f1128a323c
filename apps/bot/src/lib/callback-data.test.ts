import { describe, expect, it } from 'vitest';
import { bookingButtons, declineChoices, linkCodeSchema, parseBookingCallback } from './callback-data.ts';

const id = '3f2b8c1e-6a7d-4e59-9b0a-1c2d3e4f5a6b';

describe('booking callback data', () => {
  it('reads what the server and the bot write', () => {
    expect(parseBookingCallback(`bk:accept:${id}`)).toEqual({ action: 'accept', id });
    expect(parseBookingCallback(`bk:decline:${id}`)).toEqual({ action: 'decline', id });
    expect(parseBookingCallback(bookingButtons.declineWith(id, 'area'))).toEqual({ action: 'decline', id, arg: 'area' });
    expect(parseBookingCallback(bookingButtons.cancelConfirm(id, 4500))).toEqual({ action: 'cancel', id, arg: 4500 });
    expect(parseBookingCallback(bookingButtons.slot(id, 3))).toEqual({ action: 'slot', id, arg: 3 });
    expect(parseBookingCallback(bookingButtons.rate(id, 5))).toEqual({ action: 'rate', id, arg: 5 });
    expect(parseBookingCallback(bookingButtons.finishWith(id, 9))).toEqual({ action: 'finish', id, arg: 9 });
    expect(parseBookingCallback(bookingButtons.view(id))).toEqual({ action: 'view', id });
  });

  it('refuses anything else', () => {
    for (const bad of [
      undefined,
      '',
      'bk',
      'bk:accept',
      'bk:accept:',
      `bk:pay:${id}`,
      `xx:accept:${id}`,
      `bk:accept:${id}:booked`,
      `bk:decline:${id}:nope`,
      `bk:decline:${id}:area:x`,
      `bk:rate:${id}:6`,
      `bk:finish:${id}:0`,
      `bk:slot:${id}`,
      `bk:cancel:${id}:-1`,
      'bk:accept:<script>',
      `bk:view:${'a'.repeat(49)}`,
    ])
      expect(parseBookingCallback(bad), String(bad)).toBeNull();
  });

  it('fits Telegram’s 64-byte limit for a UUID booking id with every reason', () => {
    for (const code of declineChoices) expect(Buffer.byteLength(bookingButtons.declineWith(id, code))).toBeLessThanOrEqual(64);
    expect(Buffer.byteLength(bookingButtons.cancelConfirm(id, 999_999_999_999))).toBeLessThanOrEqual(64);
    expect(Buffer.byteLength(bookingButtons.reschedule(id, 59))).toBeLessThanOrEqual(64);
  });
});

describe('link codes', () => {
  it('accepts what people type, normalised', () => {
    expect(linkCodeSchema.parse('  7kq2m9xa ')).toBe('7KQ2M9XA');
  });
  it('refuses what cannot be a code', () => {
    for (const bad of ['', 'abc', 'has space', '7KQ2-M9XA', 'X'.repeat(17)]) expect(linkCodeSchema.safeParse(bad).success, bad).toBe(false);
  });
});
