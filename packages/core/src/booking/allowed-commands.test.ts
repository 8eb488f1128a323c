import { describe, expect, it } from 'vitest';
import { policySnapshot } from './cancellation-policy.ts';
import {
  allowedCommands,
  isSettled,
  isTerminal,
  quoteCancellation,
  transition,
  type Actor,
  type BookingSnapshot,
} from './state-machine.ts';
import { admin, at, booking, client, HOUR, MINUTE, otherClient, otherProvider, price, provider, system } from './test-fixtures.ts';

const PAID = { paymentStatus: 'paid', amountPaid: price.total } as const;

describe('allowedCommands (the buttons)', () => {
  const cases: [string, BookingSnapshot, Actor, Date, string[]][] = [
    ['provider on a request', booking(), provider, at(-HOUR), ['accept', 'decline', 'cancel']],
    ['provider on a request that reached its start', booking(), provider, at(0), ['decline', 'cancel']],
    ['client on a request', booking(), client, at(-HOUR), ['cancel']],
    ['another client on a request', booking(), otherClient, at(-HOUR), []],
    ['another provider on a request', booking(), otherProvider, at(-HOUR), []],
    ['system on a request', booking(), system, at(-HOUR), ['payment_received', 'expire']],
    ['admin on a request', booking(), admin, at(-HOUR), ['cancel']],
    ['client on an unpaid acceptance', booking({ status: 'accepted' }), client, at(-HOUR), ['cancel']],
    ['system on an unpaid acceptance at the start', booking({ status: 'accepted' }), system, at(0), ['payment_received', 'expire']],
    ['provider, confirmed, 4 h out', booking({ status: 'confirmed', ...PAID }), provider, at(-4 * HOUR), ['cancel']],
    ['provider, confirmed, 2 h out', booking({ status: 'confirmed', ...PAID }), provider, at(-2 * HOUR), ['mark_on_my_way', 'cancel']],
    [
      'provider, confirmed, 30 min out',
      booking({ status: 'confirmed', ...PAID }),
      provider,
      at(-30 * MINUTE),
      ['mark_on_my_way', 'start', 'cancel'],
    ],
    [
      'provider, confirmed, 20 min late',
      booking({ status: 'confirmed', ...PAID }),
      provider,
      at(20 * MINUTE),
      ['mark_on_my_way', 'start', 'mark_no_show', 'cancel'],
    ],
    ['client, confirmed, 20 min late', booking({ status: 'confirmed', ...PAID }), client, at(20 * MINUTE), ['mark_no_show', 'cancel']],
    ['admin, confirmed, 20 min late', booking({ status: 'confirmed', ...PAID }), admin, at(20 * MINUTE), ['mark_no_show', 'cancel']],
    ['provider in progress', booking({ status: 'in_progress', ...PAID }), provider, at(HOUR), ['complete']],
    ['admin in progress', booking({ status: 'in_progress', ...PAID }), admin, at(HOUR), ['cancel']],
    [
      'client, completed, inside the window',
      booking({ status: 'completed', ...PAID, completedAt: at(2 * HOUR) }),
      client,
      at(3 * HOUR),
      ['confirm_completion', 'raise_problem'],
    ],
    ['client, completed, window closed', booking({ status: 'completed', ...PAID, completedAt: at(2 * HOUR) }), client, at(50 * HOUR), []],
    [
      'system, completed, window closed',
      booking({ status: 'completed', ...PAID, completedAt: at(2 * HOUR) }),
      system,
      at(50 * HOUR),
      ['payment_received', 'tip_received', 'confirm_completion'],
    ],
    [
      'admin, completed and confirmed',
      booking({ status: 'completed', ...PAID, completedAt: at(2 * HOUR), clientConfirmedAt: at(3 * HOUR) }),
      admin,
      at(4 * HOUR),
      [],
    ],
    [
      'admin, disputed',
      booking({ status: 'disputed', ...PAID, completedAt: at(2 * HOUR) }),
      admin,
      at(4 * HOUR),
      ['cancel', 'resolve_dispute'],
    ],
    ['client, cancelled', booking({ status: 'cancelled' }), client, at(0), []],
    ['system, cancelled', booking({ status: 'cancelled' }), system, at(0), ['payment_received']],
  ];
  it.each(cases)('%s', (_name, b, actor, now, expected) => {
    expect(allowedCommands(b, actor, now)).toEqual(expected);
  });

  it('honours the timing options', () => {
    const b = booking({ status: 'confirmed', ...PAID });
    expect(allowedCommands(b, provider, at(-2 * HOUR), { startEarlyMinutes: 180 })).toContain('start');
    expect(allowedCommands(b, client, at(20 * MINUTE), { noShowGraceMinutes: 30 })).not.toContain('mark_no_show');
  });
});

describe('quoteCancellation', () => {
  it('quotes what enforcing the cancellation will then do', () => {
    const b = booking({ status: 'confirmed', ...PAID, policy: policySnapshot('moderate') });
    const now = at(-6 * HOUR);
    const q = quoteCancellation(b, client, now);
    expect(q).toMatchObject({ fee: 10_000, refund: 1_419, charge: 0, freeUntil: at(-48 * HOUR) });
    const r = transition(b, { type: 'cancel' }, client, now);
    expect(r.patch).toMatchObject({ cancellationFee: q!.fee, refundAmount: q!.refund });
  });

  it('is free before the booking is confirmed, and for the provider', () => {
    expect(quoteCancellation(booking({ status: 'accepted' }), client, at(-HOUR))).toMatchObject({ fee: 0, refund: 0, charge: 0 });
    expect(quoteCancellation(booking({ status: 'confirmed', ...PAID }), provider, at(-HOUR))).toMatchObject({
      fee: 0,
      refund: price.total,
    });
  });

  it('is null when the actor may not cancel', () => {
    expect(quoteCancellation(booking({ status: 'in_progress', ...PAID }), client, at(HOUR))).toBeNull();
    expect(quoteCancellation(booking({ status: 'confirmed', ...PAID }), otherClient, at(-HOUR))).toBeNull();
  });
});

describe('terminal and settled', () => {
  it('calls four statuses terminal', () => {
    const terminal = (
      ['requested', 'accepted', 'confirmed', 'in_progress', 'completed', 'declined', 'expired', 'cancelled', 'no_show', 'disputed'] as const
    ).filter(isTerminal);
    expect(terminal).toEqual(['declined', 'expired', 'cancelled', 'no_show']);
  });

  it('settles a completed booking once its completion is confirmed', () => {
    expect(isSettled({ status: 'completed', clientConfirmedAt: null })).toBe(false);
    expect(isSettled({ status: 'completed', clientConfirmedAt: at(HOUR) })).toBe(true);
    expect(isSettled({ status: 'cancelled' })).toBe(true);
    expect(isSettled({ status: 'disputed' })).toBe(false);
  });
});
