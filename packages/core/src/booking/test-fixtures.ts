import { priceBooking } from '../pricing.ts';
import { policySnapshot } from './cancellation-policy.ts';
import type { Actor, BookingSnapshot } from './types.ts';
import { DAY_MS as DAY, HOUR_MS as HOUR, MINUTE_MS as MINUTE } from '../durations.ts';

/** Shared by this folder's tests: one booking, its people, and times around its start. */
export const STARTS_AT = new Date('2026-03-10T15:00:00Z');
export { DAY, HOUR, MINUTE };
export const at = (offsetMs: number) => new Date(STARTS_AT.getTime() + offsetMs);

// 2 h at $50.00 with 8.75 % tax: service 10000, platform fee 500, tax 875 + 44, total 11419.
export const price = priceBooking({ hourlyRate: 5_000, currency: 'USD', hours: 2, taxBps: 875 });

export const client: Actor = { kind: 'client', userId: 'client-1' };
export const otherClient: Actor = { kind: 'client', userId: 'client-2' };
export const provider: Actor = { kind: 'provider', userId: 'provider-1' };
export const otherProvider: Actor = { kind: 'provider', userId: 'provider-2' };
export const system: Actor = { kind: 'system' };
export const admin: Actor = { kind: 'admin', userId: 'admin-1' };

export function booking(over: Partial<BookingSnapshot> = {}): BookingSnapshot {
  return {
    id: 'booking-1',
    status: 'requested',
    clientId: 'client-1',
    providerId: 'provider-1',
    startsAt: STARTS_AT,
    endsAt: at(2 * HOUR),
    requiresUpfrontPayment: true,
    paymentStatus: 'none',
    onMyWayAt: null,
    completedAt: null,
    clientConfirmedAt: null,
    price,
    policy: policySnapshot('flexible'),
    version: 1,
    ...over,
  };
}
