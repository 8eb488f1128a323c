import type { BookingRow } from '../../repositories/bookings.ts';

/** Bookings whose time, hours or details may still be changed by agreement. */
export const changeable: ReadonlySet<BookingRow['status']> = new Set(['requested', 'accepted', 'confirmed']);

/** Why the booking's time, hours or details can no longer be changed, or null while they can. */
export function changeBlockedReason(b: Pick<BookingRow, 'status' | 'startsAt'>, now: Date): string | null {
  if (!changeable.has(b.status)) return `This booking is ${b.status.replace('_', ' ')}, so it can no longer be changed.`;
  if (now >= b.startsAt) return 'The booking has started, so it can no longer be changed.';
  return null;
}
