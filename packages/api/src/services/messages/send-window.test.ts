import { describe, expect, it } from 'vitest';
import { bookingStatuses } from '@handled/core/booking';
import { MESSAGES_OPEN_DAYS_AFTER_END, sendWindow } from './send-window.ts';

const DAY = 86_400_000;
const endsAt = new Date('2026-03-10T17:00:00Z');

describe('sendWindow', () => {
  it('keeps live bookings and disputes open whatever the date', () => {
    for (const status of ['requested', 'accepted', 'confirmed', 'in_progress', 'disputed'] as const) {
      const w = sendWindow({ status, endsAt, completedAt: null }, new Date(endsAt.getTime() + 400 * DAY));
      expect(w).toEqual({ canSend: true, reasonClosed: null, closesAt: null });
    }
  });

  it('closes declined and expired requests at once, with the reason', () => {
    expect(sendWindow({ status: 'declined', endsAt, completedAt: null }, new Date(endsAt.getTime() - 5 * DAY))).toMatchObject({
      canSend: false,
      reasonClosed: expect.stringMatching(/declined/),
    });
    expect(sendWindow({ status: 'expired', endsAt, completedAt: null }, new Date(endsAt.getTime() - 5 * DAY))).toMatchObject({
      canSend: false,
      reasonClosed: expect.stringMatching(/expired/),
    });
  });

  it('keeps an ended job open for 30 days after it ended (or was marked done, if later)', () => {
    const done = new Date(endsAt.getTime() + 2 * DAY);
    const closes = done.getTime() + MESSAGES_OPEN_DAYS_AFTER_END * DAY;
    expect(sendWindow({ status: 'completed', endsAt, completedAt: done }, new Date(closes - 1))).toMatchObject({
      canSend: true,
      closesAt: new Date(closes),
    });
    expect(sendWindow({ status: 'completed', endsAt, completedAt: done }, new Date(closes))).toMatchObject({
      canSend: false,
      reasonClosed: expect.stringMatching(/ended more than 30 days ago/),
    });
    expect(sendWindow({ status: 'cancelled', endsAt, completedAt: null }, new Date(endsAt.getTime() + 31 * DAY))).toMatchObject({
      canSend: false,
      reasonClosed: expect.stringMatching(/cancelled/),
    });
    expect(sendWindow({ status: 'no_show', endsAt, completedAt: null }, new Date(endsAt.getTime() + 29 * DAY)).canSend).toBe(true);
  });

  it('answers every status with a reason exactly when closed', () => {
    for (const status of bookingStatuses) {
      for (const offset of [-10, 0, 29, 31, 365]) {
        const w = sendWindow({ status, endsAt, completedAt: null }, new Date(endsAt.getTime() + offset * DAY));
        expect(w.canSend).toBe(w.reasonClosed === null);
      }
    }
  });
});
