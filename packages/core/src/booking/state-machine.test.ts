import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { policySnapshot } from './cancellation-policy.ts';
import {
  requestTransition,
  transition,
  transitionTable,
  type Actor,
  type BookingCommand,
  type BookingEffect,
  type BookingSnapshot,
  type TransitionResult,
} from './state-machine.ts';
import {
  admin,
  at,
  booking,
  client,
  HOUR,
  MINUTE,
  otherClient,
  otherProvider,
  price,
  provider,
  STARTS_AT,
  system,
} from './test-fixtures.ts';

const DAY = 24 * HOUR;
const PAID = { paymentStatus: 'paid', amountPaid: price.total } as const;
const COMPLETED_AT = at(2 * HOUR);

interface Case {
  name: string;
  b: BookingSnapshot;
  cmd: BookingCommand;
  actor: Actor;
  now: Date;
  to: BookingSnapshot['status'];
  eventType: string;
  effects: BookingEffect[];
  patch?: TransitionResult['patch'];
}

const notify = (to: 'client' | 'provider' | 'both', template: string): BookingEffect => ({ type: 'notify', to, template });
const DRAFT = {
  clientId: client.userId!,
  providerId: provider.userId!,
  startsAt: STARTS_AT,
  endsAt: at(2 * HOUR),
  requiresUpfrontPayment: true,
  price,
  policy: policySnapshot('flexible'),
};
const rowById = (id: string) => transitionTable.find((r) => r.id === id)!;
/** The patch's booking-row columns (not the event's reason or the refund figure). */
const columnsOf = (patch: TransitionResult['patch']) => Object.keys(patch).filter((k) => k !== 'reason' && k !== 'refundAmount');

/** Every row of the table, from every state it lists, with the exact effects it must cause. */
const cases: Case[] = [
  {
    name: 'provider accepts a pay-first request',
    b: booking(),
    cmd: { type: 'accept' },
    actor: provider,
    now: at(-2 * DAY),
    to: 'accepted',
    eventType: 'booking.accepted',
    effects: [
      { type: 'create_invoice' },
      { type: 'calendar_push' },
      { type: 'schedule_expiry', at: STARTS_AT },
      notify('client', 'booking.accepted_payment_due'),
    ],
    patch: {},
  },
  {
    name: 'provider accepts a pay-later request: confirmed at once',
    b: booking({ requiresUpfrontPayment: false }),
    cmd: { type: 'accept' },
    actor: provider,
    now: at(-MINUTE),
    to: 'confirmed',
    eventType: 'booking.accepted',
    effects: [
      { type: 'create_invoice' },
      { type: 'calendar_push' },
      { type: 'schedule_reminder', at: at(-MINUTE) },
      notify('client', 'booking.confirmed'),
    ],
  },
  {
    name: 'provider declines',
    b: booking(),
    cmd: { type: 'decline', reason: 'Fully booked' },
    actor: provider,
    now: at(-DAY),
    to: 'declined',
    eventType: 'booking.declined',
    effects: [notify('client', 'booking.declined')],
    patch: { reason: 'Fully booked', declineReason: 'Fully booked' },
  },
  {
    name: 'system expires an unanswered request',
    b: booking(),
    cmd: { type: 'expire' },
    actor: system,
    now: at(-HOUR),
    to: 'expired',
    eventType: 'booking.expired',
    effects: [notify('both', 'booking.expired')],
  },
  {
    name: 'system expires an accepted booking still unpaid at the start',
    b: booking({ status: 'accepted', paymentStatus: 'open' }),
    cmd: { type: 'expire' },
    actor: system,
    now: STARTS_AT,
    to: 'expired',
    eventType: 'booking.expired',
    effects: [{ type: 'void_invoice' }, { type: 'calendar_cancel' }, notify('both', 'booking.payment_expired')],
    patch: {},
  },
  {
    name: 'full payment confirms an accepted booking',
    b: booking({ status: 'accepted', ...PAID }),
    cmd: { type: 'payment_received', fullyPaid: true },
    actor: system,
    now: at(-DAY),
    to: 'confirmed',
    eventType: 'booking.confirmed',
    effects: [{ type: 'generate_receipt' }, { type: 'schedule_reminder', at: at(-2 * HOUR) }, notify('both', 'booking.confirmed')],
  },
  {
    name: 'a deposit confirms an accepted booking',
    b: booking({ status: 'accepted', paymentStatus: 'partially_paid', amountPaid: 3_000 }),
    cmd: { type: 'payment_received', fullyPaid: false },
    actor: system,
    now: at(-DAY),
    to: 'confirmed',
    eventType: 'booking.confirmed',
    effects: [{ type: 'schedule_reminder', at: at(-2 * HOUR) }, notify('both', 'booking.confirmed')],
  },
  {
    name: 'a payment event with nothing paid only records',
    b: booking({ status: 'accepted', paymentStatus: 'open' }),
    cmd: { type: 'payment_received', fullyPaid: false },
    actor: system,
    now: at(-DAY),
    to: 'accepted',
    eventType: 'booking.payment_recorded',
    effects: [],
  },
  ...(['requested', 'confirmed', 'in_progress', 'completed', 'disputed'] as const).map((status): Case => ({
    name: `a payment on a ${status} booking only records`,
    b: booking({ status, ...PAID, completedAt: COMPLETED_AT }),
    cmd: { type: 'payment_received', fullyPaid: true },
    actor: system,
    now: at(-HOUR),
    to: status,
    eventType: 'booking.payment_recorded',
    effects: [{ type: 'generate_receipt' }],
  })),
  ...(['declined', 'expired', 'cancelled', 'no_show'] as const).map((status): Case => ({
    name: `a payment arriving on a ${status} booking is refunded`,
    b: booking({ status, ...PAID }),
    cmd: { type: 'payment_received', fullyPaid: true },
    actor: system,
    now: at(-HOUR),
    to: status,
    eventType: 'booking.payment_after_close',
    effects: [{ type: 'refund', amount: price.total, reason: 'payment_after_close' }, notify('client', 'booking.payment_refunded')],
    patch: { refundAmount: price.total },
  })),
  {
    name: 'a late payment on a cancelled booking is refunded less the fee already owed',
    b: booking({ status: 'cancelled', paymentStatus: 'paid', amountPaid: 5_000 + 2_000, cancellationFee: 5_000 }),
    cmd: { type: 'payment_received', fullyPaid: false },
    actor: system,
    now: at(-HOUR),
    to: 'cancelled',
    eventType: 'booking.payment_after_close',
    effects: [{ type: 'refund', amount: 2_000, reason: 'payment_after_close' }, notify('client', 'booking.payment_refunded')],
  },
  {
    name: 'client withdraws a request',
    b: booking(),
    cmd: { type: 'cancel', reason: 'Found someone' },
    actor: client,
    now: at(-HOUR),
    to: 'cancelled',
    eventType: 'booking.cancelled',
    effects: [notify('both', 'booking.cancelled')],
    patch: { cancelledBy: 'client', cancellationFee: 0, refundAmount: 0, reason: 'Found someone', cancellationReason: 'Found someone' },
  },
  {
    name: 'client cancels an accepted, unpaid booking: free, invoice voided',
    b: booking({ status: 'accepted', paymentStatus: 'open' }),
    cmd: { type: 'cancel' },
    actor: client,
    now: at(-HOUR),
    to: 'cancelled',
    eventType: 'booking.cancelled',
    effects: [{ type: 'void_invoice' }, { type: 'calendar_cancel' }, notify('both', 'booking.cancelled')],
    patch: { cancelledBy: 'client', cancellationFee: 0, refundAmount: 0 },
  },
  {
    name: 'client cancels a paid booking late: half the service kept, the rest refunded',
    b: booking({ status: 'confirmed', ...PAID }),
    cmd: { type: 'cancel', reason: 'Sick' },
    actor: client,
    now: at(-HOUR),
    to: 'cancelled',
    eventType: 'booking.cancelled',
    effects: [
      { type: 'refund', amount: 6_419, reason: 'cancelled_by_client' },
      { type: 'schedule_fee_payout', reason: 'late_cancellation', fee: 5_000 },
      { type: 'calendar_cancel' },
      notify('both', 'booking.cancelled'),
    ],
    patch: { cancelledBy: 'client', cancellationFee: 5_000, refundAmount: 6_419, reason: 'Sick', cancellationReason: 'Sick' },
  },
  {
    name: 'client cancels a paid booking exactly 24 h before: free',
    b: booking({ status: 'confirmed', ...PAID }),
    cmd: { type: 'cancel' },
    actor: client,
    now: at(-DAY),
    to: 'cancelled',
    eventType: 'booking.cancelled',
    effects: [
      { type: 'refund', amount: price.total, reason: 'cancelled_by_client' },
      { type: 'calendar_cancel' },
      notify('both', 'booking.cancelled'),
    ],
    patch: { cancelledBy: 'client', cancellationFee: 0, refundAmount: price.total },
  },
  {
    name: 'client cancels a pay-later booking late: the fee is charged, the open invoice voided',
    b: booking({ status: 'confirmed', requiresUpfrontPayment: false, paymentStatus: 'open' }),
    cmd: { type: 'cancel' },
    actor: client,
    now: at(-HOUR),
    to: 'cancelled',
    eventType: 'booking.cancelled',
    effects: [
      { type: 'charge_cancellation_fee', amount: 5_000 },
      { type: 'schedule_fee_payout', reason: 'late_cancellation', fee: 5_000 },
      { type: 'void_invoice' },
      { type: 'calendar_cancel' },
      notify('both', 'booking.cancelled'),
    ],
    patch: { cancelledBy: 'client', cancellationFee: 5_000, refundAmount: 0 },
  },
  {
    name: "client cancels a deposit booking inside a strict policy's last 48 h: the rest of the fee is charged",
    b: booking({ status: 'confirmed', paymentStatus: 'partially_paid', amountPaid: 3_000, policy: policySnapshot('strict') }),
    cmd: { type: 'cancel' },
    actor: client,
    now: at(-HOUR),
    to: 'cancelled',
    eventType: 'booking.cancelled',
    effects: [
      { type: 'charge_cancellation_fee', amount: 7_000 },
      { type: 'schedule_fee_payout', reason: 'late_cancellation', fee: 10_000 },
      { type: 'void_invoice' },
      { type: 'calendar_cancel' },
      notify('both', 'booking.cancelled'),
    ],
    patch: { cancelledBy: 'client', cancellationFee: 10_000, refundAmount: 0 },
  },
  {
    name: 'provider cancels a paid booking: full refund, reliability mark',
    b: booking({ status: 'confirmed', ...PAID }),
    cmd: { type: 'cancel', reason: 'Van broke down' },
    actor: provider,
    now: at(-HOUR),
    to: 'cancelled',
    eventType: 'booking.cancelled',
    effects: [
      { type: 'refund', amount: price.total, reason: 'cancelled_by_provider' },
      { type: 'calendar_cancel' },
      { type: 'mark_provider_reliability', reason: 'provider_cancelled' },
      notify('both', 'booking.cancelled'),
    ],
    patch: {
      cancelledBy: 'provider',
      cancellationFee: 0,
      refundAmount: price.total,
      reason: 'Van broke down',
      cancellationReason: 'Van broke down',
    },
  },
  {
    name: 'the system cancels an accepted booking whose first instalment stayed unpaid: free, invoice voided, both told',
    b: booking({ status: 'accepted', paymentStatus: 'open' }),
    cmd: { type: 'cancel', reason: 'Payment of instalment 1 is 3 days overdue' },
    actor: system,
    now: at(-DAY),
    to: 'cancelled',
    eventType: 'booking.cancelled',
    effects: [{ type: 'void_invoice' }, { type: 'calendar_cancel' }, notify('both', 'booking.cancelled')],
    patch: {
      cancelledBy: 'system',
      cancellationFee: 0,
      refundAmount: 0,
      reason: 'Payment of instalment 1 is 3 days overdue',
      cancellationReason: 'Payment of instalment 1 is 3 days overdue',
    },
  },
  {
    name: "the system cancels a confirmed booking whose second instalment stayed unpaid: the client's late fee is kept, the rest refunded",
    b: booking({ status: 'confirmed', paymentStatus: 'partially_paid', amountPaid: 6_000 }),
    cmd: { type: 'cancel', reason: 'Payment of instalment 2 is 3 days overdue' },
    actor: system,
    now: at(-HOUR),
    to: 'cancelled',
    eventType: 'booking.cancelled',
    effects: [
      { type: 'refund', amount: 1_000, reason: 'payment_overdue' },
      { type: 'schedule_fee_payout', reason: 'late_cancellation', fee: 5_000 },
      { type: 'void_invoice' },
      { type: 'calendar_cancel' },
      notify('both', 'booking.cancelled'),
    ],
    patch: {
      cancelledBy: 'system',
      cancellationFee: 5_000,
      refundAmount: 1_000,
      reason: 'Payment of instalment 2 is 3 days overdue',
      cancellationReason: 'Payment of instalment 2 is 3 days overdue',
    },
  },
  {
    name: 'admin cancels a paid booking: full refund, both told',
    b: booking({ status: 'confirmed', ...PAID }),
    cmd: { type: 'cancel' },
    actor: admin,
    now: at(-HOUR),
    to: 'cancelled',
    eventType: 'booking.cancelled',
    effects: [
      { type: 'refund', amount: price.total, reason: 'cancelled_by_admin' },
      { type: 'calendar_cancel' },
      notify('both', 'booking.cancelled'),
    ],
    patch: { cancelledBy: 'admin', cancellationFee: 0, refundAmount: price.total },
  },
  {
    name: 'admin cancels a job in progress',
    b: booking({ status: 'in_progress', ...PAID }),
    cmd: { type: 'cancel' },
    actor: admin,
    now: at(HOUR),
    to: 'cancelled',
    eventType: 'booking.cancelled',
    effects: [
      { type: 'refund', amount: price.total, reason: 'cancelled_by_admin' },
      { type: 'calendar_cancel' },
      notify('both', 'booking.cancelled'),
    ],
    patch: { cancelledBy: 'admin', cancellationFee: 0, refundAmount: price.total },
  },
  ...(['completed', 'disputed'] as const).map((status): Case => ({
    name: `admin cancels a ${status} booking before its completion is confirmed`,
    b: booking({ status, ...PAID, completedAt: COMPLETED_AT }),
    cmd: { type: 'cancel' },
    actor: admin,
    now: at(3 * HOUR),
    to: 'cancelled',
    eventType: 'booking.cancelled',
    effects: [{ type: 'refund', amount: price.total, reason: 'cancelled_by_admin' }, notify('both', 'booking.cancelled')],
  })),
  {
    name: 'provider is on the way',
    b: booking({ status: 'confirmed', ...PAID }),
    cmd: { type: 'mark_on_my_way' },
    actor: provider,
    now: at(-180 * MINUTE),
    to: 'confirmed',
    eventType: 'booking.on_my_way',
    effects: [notify('client', 'booking.on_my_way')],
    patch: { onMyWayAt: at(-180 * MINUTE) },
  },
  {
    name: 'provider starts exactly 60 minutes early',
    b: booking({ status: 'confirmed', ...PAID }),
    cmd: { type: 'start' },
    actor: provider,
    now: at(-60 * MINUTE),
    to: 'in_progress',
    eventType: 'booking.started',
    effects: [notify('client', 'booking.started')],
    patch: { startedAt: at(-60 * MINUTE) },
  },
  {
    name: 'provider completes, with the actual time',
    b: booking({ status: 'in_progress', ...PAID }),
    cmd: { type: 'complete', actualQuarterHours: 9 },
    actor: provider,
    now: COMPLETED_AT,
    to: 'completed',
    eventType: 'booking.completed',
    effects: [
      { type: 'schedule_auto_confirm', at: new Date(COMPLETED_AT.getTime() + 48 * HOUR) },
      notify('client', 'booking.completed'),
      { type: 'open_reviews' },
    ],
    patch: { completedAt: COMPLETED_AT, actualQuarterHours: 9 },
  },
  {
    name: 'client confirms completion within the window',
    b: booking({ status: 'completed', ...PAID, completedAt: COMPLETED_AT }),
    cmd: { type: 'confirm_completion' },
    actor: client,
    now: at(2 * HOUR + 48 * HOUR - 1),
    to: 'completed',
    eventType: 'booking.completion_confirmed',
    effects: [{ type: 'schedule_payout' }, { type: 'generate_receipt' }, notify('provider', 'booking.completion_confirmed')],
    patch: { clientConfirmedAt: at(2 * HOUR + 48 * HOUR - 1) },
  },
  {
    name: 'system confirms completion when the window closes',
    b: booking({ status: 'completed', ...PAID, completedAt: COMPLETED_AT }),
    cmd: { type: 'confirm_completion' },
    actor: system,
    now: at(2 * HOUR + 48 * HOUR),
    to: 'completed',
    eventType: 'booking.auto_confirmed',
    effects: [{ type: 'schedule_payout' }, { type: 'generate_receipt' }, notify('both', 'booking.auto_confirmed')],
    patch: { clientConfirmedAt: at(2 * HOUR + 48 * HOUR) },
  },
  {
    name: 'client raises a problem: disputed, payout frozen',
    b: booking({ status: 'completed', ...PAID, completedAt: COMPLETED_AT }),
    cmd: { type: 'raise_problem', reason: 'Leak is back' },
    actor: client,
    now: at(10 * HOUR),
    to: 'disputed',
    eventType: 'booking.disputed',
    effects: [{ type: 'freeze_payout' }, notify('both', 'booking.disputed')],
    patch: { reason: 'Leak is back' },
  },
  {
    name: 'provider reports the client absent: the late-cancellation fee is kept',
    b: booking({ status: 'confirmed', ...PAID }),
    cmd: { type: 'mark_no_show', reason: 'Nobody home' },
    actor: provider,
    now: at(15 * MINUTE),
    to: 'no_show',
    eventType: 'booking.client_no_show',
    effects: [
      { type: 'refund', amount: 6_419, reason: 'client_no_show' },
      { type: 'schedule_fee_payout', reason: 'no_show', fee: 5_000 },
      { type: 'calendar_cancel' },
      notify('both', 'booking.client_no_show'),
    ],
    patch: { cancellationFee: 5_000, refundAmount: 6_419, reason: 'Nobody home' },
  },
  {
    name: 'client reports the provider absent: full refund, reliability mark',
    b: booking({ status: 'confirmed', ...PAID }),
    cmd: { type: 'mark_no_show' },
    actor: client,
    now: at(HOUR),
    to: 'no_show',
    eventType: 'booking.provider_no_show',
    effects: [
      { type: 'refund', amount: price.total, reason: 'provider_no_show' },
      { type: 'calendar_cancel' },
      { type: 'mark_provider_reliability', reason: 'provider_no_show' },
      notify('both', 'booking.provider_no_show'),
    ],
    patch: { cancellationFee: 0, refundAmount: price.total },
  },
  {
    name: 'an operator marks the client absent: the same fee as the provider reporting it',
    b: booking({ status: 'confirmed', ...PAID }),
    cmd: { type: 'mark_no_show', reason: 'Provider called us from the door', absent: 'client' },
    actor: admin,
    now: at(15 * MINUTE),
    to: 'no_show',
    eventType: 'booking.client_no_show',
    effects: [
      { type: 'refund', amount: 6_419, reason: 'client_no_show' },
      { type: 'schedule_fee_payout', reason: 'no_show', fee: 5_000 },
      { type: 'calendar_cancel' },
      notify('both', 'booking.client_no_show'),
    ],
    patch: { cancellationFee: 5_000, refundAmount: 6_419, reason: 'Provider called us from the door' },
  },
  {
    name: 'an operator marks the provider absent: full refund, reliability mark',
    b: booking({ status: 'confirmed', ...PAID }),
    cmd: { type: 'mark_no_show', reason: 'Client waited two hours', absent: 'provider' },
    actor: admin,
    now: at(HOUR),
    to: 'no_show',
    eventType: 'booking.provider_no_show',
    effects: [
      { type: 'refund', amount: price.total, reason: 'provider_no_show' },
      { type: 'calendar_cancel' },
      { type: 'mark_provider_reliability', reason: 'provider_no_show' },
      notify('both', 'booking.provider_no_show'),
    ],
    patch: { cancellationFee: 0, refundAmount: price.total, reason: 'Client waited two hours' },
  },
  {
    name: 'admin resolves a dispute as completed: payout scheduled, completion settled',
    b: booking({ status: 'disputed', ...PAID, completedAt: COMPLETED_AT }),
    cmd: { type: 'resolve_dispute', outcome: 'completed' },
    actor: admin,
    now: at(5 * DAY),
    to: 'completed',
    eventType: 'booking.dispute_resolved',
    effects: [{ type: 'schedule_payout' }, { type: 'generate_receipt' }, notify('both', 'booking.dispute_resolved')],
    patch: { clientConfirmedAt: at(5 * DAY) },
  },
  {
    name: 'admin resolves a dispute as cancelled: full refund',
    b: booking({ status: 'disputed', ...PAID, completedAt: COMPLETED_AT }),
    cmd: { type: 'resolve_dispute', outcome: 'cancelled' },
    actor: admin,
    now: at(5 * DAY),
    to: 'cancelled',
    eventType: 'booking.dispute_resolved',
    effects: [{ type: 'refund', amount: price.total, reason: 'dispute_resolved' }, notify('both', 'booking.dispute_resolved')],
    patch: { cancelledBy: 'admin', cancellationFee: 0, refundAmount: price.total },
  },
  ...(['completed', 'disputed'] as const).map((status): Case => ({
    name: `a tip paid on a ${status} booking: all of it to the provider, who is told`,
    b: booking({ status, ...PAID, completedAt: COMPLETED_AT }),
    cmd: { type: 'tip_received', amount: 2_000 },
    actor: system,
    now: at(DAY),
    to: status,
    eventType: 'booking.tip_received',
    effects: [{ type: 'schedule_tip_payout' }, notify('provider', 'booking.tipped')],
  })),
];

describe('every transition', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = transition(c.b, c.cmd, c.actor, c.now);
    expect(r.from).toBe(c.b.status);
    expect(r.to).toBe(c.to);
    expect(r.eventType).toBe(c.eventType);
    expect(r.effects).toEqual(c.effects);
    if (c.patch) expect(r.patch).toEqual(c.patch);
    for (const field of columnsOf(r.patch)) expect(rowById(r.rule).writes ?? []).toContain(field);
  });

  it('the request: the initial transition, from no booking to requested', () => {
    const r = requestTransition(DRAFT, client, at(-2 * DAY));
    expect(r).toEqual({
      rule: 'request',
      from: null,
      to: 'requested',
      eventType: 'booking.requested',
      effects: [notify('both', 'booking.requested'), { type: 'schedule_expiry', at: at(-DAY) }],
      patch: { expiresAt: at(-DAY) },
    });
    // Expiry: 24 h by default, the request TTL when given, never later than an hour before the start.
    expect(requestTransition(DRAFT, client, at(-2 * DAY), { requestTtlHours: 2 }).patch.expiresAt).toEqual(at(-2 * DAY + 2 * HOUR));
    expect(requestTransition(DRAFT, client, at(-3 * HOUR)).patch.expiresAt).toEqual(at(-HOUR));
  });

  it('the cases above reach every row of the table from every state it lists', () => {
    const reached = new Set<string>();
    for (const c of cases) {
      const r = transition(c.b, c.cmd, c.actor, c.now);
      const rows = transitionTable.filter(
        (row) =>
          row.command === c.cmd.type &&
          row.from.includes(c.b.status) &&
          row.actors.includes(c.actor.kind) &&
          row.eventType === r.eventType &&
          (row.to === 'unchanged' ? r.to === r.from : row.to === r.to),
      );
      expect(rows).toHaveLength(1);
      reached.add(`${rows[0]!.id}@${c.b.status}`);
    }
    reached.add(`${requestTransition(DRAFT, client, at(-DAY)).rule}@null`);
    const all = transitionTable.flatMap((row) => row.from.map((from) => `${row.id}@${from}`));
    expect(all.filter((k) => !reached.has(k))).toEqual([]);
  });

  it('takes its timing rules from the options', () => {
    const done = booking({ status: 'in_progress', ...PAID });
    const r = transition(done, { type: 'complete' }, provider, COMPLETED_AT, { confirmationWindowHours: 24 });
    expect(r.effects[0]).toEqual({ type: 'schedule_auto_confirm', at: new Date(COMPLETED_AT.getTime() + 24 * HOUR) });
    const completed = booking({ status: 'completed', ...PAID, completedAt: COMPLETED_AT });
    expect(() =>
      transition(completed, { type: 'confirm_completion' }, client, at(2 * HOUR + 25 * HOUR), { confirmationWindowHours: 24 }),
    ).toThrow(/24-hour window/);
    expect(
      transition(booking({ status: 'confirmed', ...PAID }), { type: 'start' }, provider, at(-2 * HOUR), { startEarlyMinutes: 120 }).to,
    ).toBe('in_progress');
  });
});

function refusal(b: BookingSnapshot, cmd: BookingCommand, actor: Actor, now: Date): DomainError {
  try {
    transition(b, cmd, actor, now);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error(`${cmd.type} by ${actor.kind} on ${b.status} was allowed`);
}

describe('every guard', () => {
  const confirmed = booking({ status: 'confirmed', ...PAID });
  const completed = booking({ status: 'completed', ...PAID, completedAt: COMPLETED_AT });
  const afterWindow = at(2 * HOUR + 48 * HOUR);
  // [name, booking, command, actor, now, the reason a person is shown]
  const refused: [string, BookingSnapshot, BookingCommand, Actor, Date, RegExp][] = [
    ['another provider accepts', booking(), { type: 'accept' }, otherProvider, at(-DAY), /Only the provider of this booking/],
    ['the client accepts', booking(), { type: 'accept' }, client, at(-DAY), /Only the provider can accept/],
    ['an admin accepts', booking(), { type: 'accept' }, admin, at(-DAY), /Only the provider can accept/],
    ['accept at the start', booking(), { type: 'accept' }, provider, STARTS_AT, /already started/],
    ['accept twice', booking({ status: 'accepted' }), { type: 'accept' }, provider, at(-DAY), /it is accepted and waiting for payment/],
    [
      'another provider declines',
      booking(),
      { type: 'decline', reason: 'x' },
      otherProvider,
      at(-DAY),
      /Only the provider of this booking/,
    ],
    ['an admin declines', booking(), { type: 'decline', reason: 'x' }, admin, at(-DAY), /Only the provider can decline/],
    ['decline after accepting', booking({ status: 'accepted' }), { type: 'decline', reason: 'x' }, provider, at(-DAY), /cannot decline/],
    ['a client expires', booking(), { type: 'expire' }, client, at(-DAY), /Only the system can expire/],
    ['an admin expires', booking(), { type: 'expire' }, admin, at(-DAY), /Only the system can expire/],
    [
      'expire an accepted booking before the start',
      booking({ status: 'accepted' }),
      { type: 'expire' },
      system,
      at(-MINUTE),
      /Payment is due until the booking starts/,
    ],
    ['expire a confirmed booking', confirmed, { type: 'expire' }, system, at(DAY), /it is confirmed/],
    [
      'an admin records a payment',
      booking({ status: 'accepted' }),
      { type: 'payment_received', fullyPaid: true },
      admin,
      at(-DAY),
      /Only the system/,
    ],
    ['another client cancels', confirmed, { type: 'cancel' }, otherClient, at(-DAY), /Only the client of this booking/],
    [
      'the client cancels a job in progress',
      booking({ status: 'in_progress' }),
      { type: 'cancel' },
      client,
      at(HOUR),
      /Only an admin can cancel/,
    ],
    ['the provider cancels a completed job', completed, { type: 'cancel' }, provider, at(3 * HOUR), /Only an admin can cancel/],
    [
      'an admin cancels a confirmed completion',
      { ...completed, clientConfirmedAt: at(3 * HOUR) },
      { type: 'cancel' },
      admin,
      at(4 * HOUR),
      /already been confirmed/,
    ],
    [
      'the system cancels a request',
      booking(),
      { type: 'cancel', reason: 'x' },
      system,
      at(-DAY),
      /Only the client or the provider or an admin can cancel/,
    ],
    ['the system cancels a paid booking', confirmed, { type: 'cancel', reason: 'x' }, system, at(-DAY), /Nothing is due on this booking/],
    [
      'the system cancels before anything was invoiced',
      booking({ status: 'accepted' }),
      { type: 'cancel', reason: 'x' },
      system,
      at(-DAY),
      /Nothing is due/,
    ],
    [
      'the system cancels a job in progress',
      booking({ status: 'in_progress', paymentStatus: 'partially_paid', amountPaid: 3_000 }),
      { type: 'cancel', reason: 'x' },
      system,
      at(HOUR),
      /Only an admin can cancel/,
    ],
    ['request a booking that exists', booking(), { type: 'request' }, client, at(-DAY), /cannot request this booking: it is/],
    ['cancel a cancelled booking', booking({ status: 'cancelled' }), { type: 'cancel' }, admin, at(-DAY), /it is cancelled/],
    ['on my way too early', confirmed, { type: 'mark_on_my_way' }, provider, at(-181 * MINUTE), /from 3 h before/],
    ['on my way twice', { ...confirmed, onMyWayAt: at(-HOUR) }, { type: 'mark_on_my_way' }, provider, at(-HOUR), /already told/],
    ['on my way after the end', confirmed, { type: 'mark_on_my_way' }, provider, at(2 * HOUR), /booked time is over/],
    ['on my way by the client', confirmed, { type: 'mark_on_my_way' }, client, at(-HOUR), /Only the provider/],
    ['start too early', confirmed, { type: 'start' }, provider, at(-61 * MINUTE), /from 60 min before/],
    ['another provider starts', confirmed, { type: 'start' }, otherProvider, at(0), /Only the provider of this booking/],
    [
      'start an unpaid booking',
      booking({ status: 'accepted' }),
      { type: 'start' },
      provider,
      at(0),
      /it is accepted and waiting for payment/,
    ],
    ['complete without starting', confirmed, { type: 'complete' }, provider, at(HOUR), /it is confirmed/],
    ['the client completes', booking({ status: 'in_progress' }), { type: 'complete' }, client, at(HOUR), /Only the provider/],
    [
      'the client confirms when the window has closed',
      completed,
      { type: 'confirm_completion' },
      client,
      afterWindow,
      /48-hour window after completion has closed/,
    ],
    [
      'the system confirms inside the window',
      completed,
      { type: 'confirm_completion' },
      system,
      at(2 * HOUR + 48 * HOUR - 1),
      /can still confirm/,
    ],
    [
      'confirm twice',
      { ...completed, clientConfirmedAt: at(3 * HOUR) },
      { type: 'confirm_completion' },
      client,
      at(4 * HOUR),
      /already been confirmed/,
    ],
    [
      'the system confirms after the client did',
      { ...completed, clientConfirmedAt: at(3 * HOUR) },
      { type: 'confirm_completion' },
      system,
      afterWindow,
      /already been confirmed/,
    ],
    ['another client confirms', completed, { type: 'confirm_completion' }, otherClient, at(3 * HOUR), /Only the client of this booking/],
    ['the provider confirms', completed, { type: 'confirm_completion' }, provider, at(3 * HOUR), /Only the client or the system/],
    [
      'confirm before completion',
      booking({ status: 'in_progress' }),
      { type: 'confirm_completion' },
      client,
      at(HOUR),
      /it is in progress/,
    ],
    [
      'a completion without a completion time',
      { ...completed, completedAt: null },
      { type: 'confirm_completion' },
      client,
      at(3 * HOUR),
      /no completion time/,
    ],
    [
      'raise a problem when the window has closed',
      completed,
      { type: 'raise_problem', reason: 'x' },
      client,
      afterWindow,
      /window after completion has closed/,
    ],
    [
      'raise a problem after confirming',
      { ...completed, clientConfirmedAt: at(3 * HOUR) },
      { type: 'raise_problem', reason: 'x' },
      client,
      at(4 * HOUR),
      /already been confirmed/,
    ],
    ['the provider raises a problem', completed, { type: 'raise_problem', reason: 'x' }, provider, at(3 * HOUR), /Only the client/],
    ['a no-show inside the grace period', confirmed, { type: 'mark_no_show' }, provider, at(15 * MINUTE - 1), /15 minutes after the start/],
    [
      'an operator marks a no-show inside the grace period',
      confirmed,
      { type: 'mark_no_show', reason: 'Nobody came', absent: 'provider' },
      admin,
      at(15 * MINUTE - 1),
      /15 minutes after the start/,
    ],
    ['a no-show once the job started', booking({ status: 'in_progress' }), { type: 'mark_no_show' }, client, at(HOUR), /it is in progress/],
    [
      'the client resolves a dispute',
      booking({ status: 'disputed' }),
      { type: 'resolve_dispute', outcome: 'cancelled' },
      client,
      at(DAY),
      /Only an admin/,
    ],
    ['resolve what is not disputed', completed, { type: 'resolve_dispute', outcome: 'completed' }, admin, at(DAY), /it is completed/],
  ];

  it.each(refused)('refuses: %s', (_name, b, cmd, actor, now, reason) => {
    const e = refusal(b, cmd, actor, now);
    expect(e.code).toBe('ILLEGAL_TRANSITION');
    expect(e.message).toMatch(reason);
    expect(e.details).toEqual({ from: b.status, command: cmd.type, actor: actor.kind });
  });

  it('lets nothing but a recorded payment touch a terminal booking', () => {
    const commands: BookingCommand[] = [
      { type: 'request' },
      { type: 'accept' },
      { type: 'decline', reason: 'x' },
      { type: 'expire' },
      { type: 'cancel' },
      { type: 'cancel', reason: 'x' },
      { type: 'mark_on_my_way' },
      { type: 'start' },
      { type: 'complete' },
      { type: 'confirm_completion' },
      { type: 'raise_problem', reason: 'x' },
      { type: 'mark_no_show' },
      { type: 'resolve_dispute', outcome: 'completed' },
      { type: 'payment_received', fullyPaid: true },
    ];
    for (const status of ['declined', 'expired', 'cancelled', 'no_show'] as const) {
      for (const actor of [client, provider, system, admin]) {
        for (const cmd of commands) {
          const b = booking({ status, ...PAID, completedAt: COMPLETED_AT, cancellationFee: price.total });
          if (cmd.type === 'payment_received' && actor === system) {
            expect(transition(b, cmd, actor, at(DAY)).to).toBe(status);
          } else {
            expect(refusal(b, cmd, actor, at(DAY)).code).toBe('ILLEGAL_TRANSITION');
          }
        }
      }
    }
  });

  const badInput: [string, BookingSnapshot, BookingCommand, Actor, Date][] = [
    ['decline without a reason', booking(), { type: 'decline', reason: '  ' }, provider, at(-DAY)],
    ['decline with a very long reason', booking(), { type: 'decline', reason: 'x'.repeat(2001) }, provider, at(-DAY)],
    ['raise a problem without a reason', completed, { type: 'raise_problem', reason: '' }, client, at(3 * HOUR)],
    ['cancel with an empty reason', confirmed, { type: 'cancel', reason: '' }, client, at(-DAY)],
    ['the system cancels without saying why', booking({ status: 'accepted', paymentStatus: 'open' }), { type: 'cancel' }, system, at(-DAY)],
    ['complete with no time', booking({ status: 'in_progress' }), { type: 'complete', actualQuarterHours: 0 }, provider, at(HOUR)],
    [
      'complete with a fraction of a quarter',
      booking({ status: 'in_progress' }),
      { type: 'complete', actualQuarterHours: 1.5 },
      provider,
      at(HOUR),
    ],
    ['complete with more than a day', booking({ status: 'in_progress' }), { type: 'complete', actualQuarterHours: 97 }, provider, at(HOUR)],
    ['an unknown command', booking(), { type: 'teleport' } as unknown as BookingCommand, provider, at(-DAY)],
    [
      'cancel a partly paid booking without its amount paid',
      booking({ status: 'confirmed', paymentStatus: 'partially_paid' }),
      { type: 'cancel' },
      client,
      at(-HOUR),
    ],
  ];
  it.each(badInput)('rejects bad input: %s', (_name, b, cmd, actor, now) => {
    expect(refusal(b, cmd, actor, now).code).toBe('INVALID_INPUT');
  });
});

describe('the table', () => {
  it('never lets two rows claim the same command, state and actor', () => {
    const snapshots = [true, false].flatMap((requiresUpfrontPayment) =>
      (['none', 'open', 'partially_paid', 'paid', 'failed', 'void', 'refunded'] as const).map((paymentStatus) => ({
        requiresUpfrontPayment,
        paymentStatus,
      })),
    );
    const commands: BookingCommand[] = [
      { type: 'request' },
      { type: 'accept' },
      { type: 'decline', reason: 'x' },
      { type: 'expire' },
      { type: 'payment_received', fullyPaid: true },
      { type: 'payment_received', fullyPaid: false },
      { type: 'cancel' },
      { type: 'mark_on_my_way' },
      { type: 'start' },
      { type: 'complete' },
      { type: 'confirm_completion' },
      { type: 'raise_problem', reason: 'x' },
      { type: 'mark_no_show' },
      { type: 'mark_no_show', reason: 'x', absent: 'provider' },
      { type: 'resolve_dispute', outcome: 'completed' },
      { type: 'resolve_dispute', outcome: 'cancelled' },
    ];
    for (const row of transitionTable) {
      for (const from of row.from) {
        if (from === null) continue; // the initial row: its own test below
        for (const s of snapshots) {
          const b = booking({ ...s, status: from });
          for (const cmd of commands.filter((c) => c.type === row.command)) {
            for (const kind of row.actors) {
              const rows = transitionTable.filter(
                (r) => r.command === cmd.type && r.from.includes(from) && r.actors.includes(kind) && (!r.when || r.when.test(b, cmd)),
              );
              expect(rows.length, `${cmd.type} ${JSON.stringify(cmd)} by ${kind} from ${from}`).toBe(1);
            }
          }
        }
      }
    }
  });

  it('has one initial row: the request, from no booking to requested, and nothing else starts from no booking', () => {
    const initial = transitionTable.filter((r) => r.from.includes(null));
    expect(initial.map((r) => [r.id, r.command, r.from, r.to])).toEqual([['request', 'request', [null], 'requested']]);
    expect(transitionTable.filter((r) => r.command === 'request')).toEqual(initial);
  });

  it("refuses a request by anyone but the draft's own client", () => {
    const refusedRequest = (actor: Actor) => {
      try {
        requestTransition(DRAFT, actor, at(-DAY));
      } catch (e) {
        if (e instanceof DomainError) return e;
        throw e;
      }
      throw new Error(`a request by ${actor.kind} was allowed`);
    };
    expect(refusedRequest(otherClient).message).toMatch(/Only the client of this booking/);
    for (const actor of [provider, system, admin]) {
      const e = refusedRequest(actor);
      expect(e.message).toMatch(/Only the client can request/);
      expect(e.details).toEqual({ from: null, command: 'request', actor: actor.kind });
    }
  });

  it('has unique row ids and an event type on every row', () => {
    const ids = transitionTable.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of transitionTable) expect(r.eventType).toMatch(/^booking\.[a-z_]+$/);
  });
});
