import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { policySnapshot, type CancellationPolicyName } from './cancellation-policy.ts';
import {
  allowedCommands,
  bookingStatuses,
  isTerminal,
  requestTransition,
  transition,
  transitionTable,
  type Actor,
  type BookingCommand,
  type BookingCommandType,
  type BookingDraft,
  type BookingSnapshot,
  type BookingStatus,
  type TransitionResult,
} from './state-machine.ts';
import { admin, booking, client, HOUR, MINUTE, otherClient, otherProvider, price, provider, STARTS_AT, system } from './test-fixtures.ts';

type Step =
  | { kind: 'wait'; minutes: number }
  | { kind: 'send'; cmd: BookingCommand; actor: Actor }
  | { kind: 'allowed'; actor: Actor | null; pick: number }
  | { kind: 'jump'; to: 'before_start' | 'start_window' | 'after_grace' | 'window_end'; minutes: number }
  | { kind: 'pay'; full: boolean };

const actors = [client, otherClient, provider, otherProvider, system, admin];
const actorArb = fc.constantFrom(...actors);
const commandArb: fc.Arbitrary<BookingCommand> = fc.constantFrom<BookingCommand>(
  { type: 'accept' },
  { type: 'decline', reason: 'Busy' },
  { type: 'decline', reason: '' },
  { type: 'expire' },
  { type: 'payment_received', fullyPaid: true },
  { type: 'cancel' },
  { type: 'cancel', reason: 'Changed plans' },
  { type: 'mark_on_my_way' },
  { type: 'start' },
  { type: 'complete' },
  { type: 'complete', actualQuarterHours: 10 },
  { type: 'confirm_completion' },
  { type: 'raise_problem', reason: 'Not finished' },
  { type: 'mark_no_show' },
  { type: 'mark_no_show', reason: 'Nobody came', absent: 'provider' },
  { type: 'mark_no_show', reason: 'Nobody home', absent: 'client' },
  { type: 'resolve_dispute', outcome: 'completed' },
  { type: 'resolve_dispute', outcome: 'cancelled' },
);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      minutes: fc.oneof(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 60, max: 4 * 24 * 60 })),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('send' as const), cmd: commandArb, actor: actorArb }) },
  // Any offered move of one actor, or of whoever is offered one: drives runs deep into the machine.
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('allowed' as const), actor: fc.option(actorArb), pick: fc.nat() }) },
  // Jumps to the moments guards care about (a little before or after them).
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('jump' as const),
      to: fc.constantFrom('before_start' as const, 'start_window' as const, 'after_grace' as const, 'window_end' as const),
      minutes: fc.integer({ min: -5, max: 5 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pay' as const), full: fc.boolean() }) },
);
interface Setup {
  leadMinutes: number;
  requiresUpfrontPayment: boolean;
  policy: CancellationPolicyName;
}
const setupArb: fc.Arbitrary<Setup> = fc.record({
  leadMinutes: fc.integer({ min: 30, max: 10 * 24 * 60 }),
  requiresUpfrontPayment: fc.boolean(),
  policy: fc.constantFrom('flexible' as const, 'moderate' as const, 'strict' as const),
});

/** A command with a payload a person would send, for a type `allowedCommands` offered. */
function commandFor(type: BookingCommandType, pick: number): BookingCommand {
  switch (type) {
    case 'decline':
      return { type, reason: 'Busy' };
    case 'raise_problem':
      return { type, reason: 'Not finished' };
    case 'payment_received':
      return { type, fullyPaid: false };
    case 'resolve_dispute':
      return { type, outcome: pick % 2 === 0 ? 'completed' : 'cancelled' };
    case 'mark_no_show':
      // An operator says who was absent (and why); a party marks the other side.
      return pick % 2 === 0 ? { type, reason: 'Nobody came', absent: 'provider' } : { type, reason: 'Nobody home', absent: 'client' };
    case 'cancel':
      // The system always says why it cancels; people may.
      return pick % 3 === 0 ? { type } : { type, reason: 'Changed plans' };
    default:
      return { type } as BookingCommand;
  }
}

const closing = new Set<BookingCommandType>(['decline', 'expire', 'cancel', 'mark_no_show']);
const active = new Set<BookingStatus>(['accepted', 'confirmed', 'in_progress']);
const visited = new Set<string>();
const columnsOf = (patch: TransitionResult['patch']) => Object.keys(patch).filter((k) => k !== 'reason' && k !== 'refundAmount');

/** Drives one booking through `steps`, checking the invariants after every step. */
function run(setup: Setup, steps: Step[]) {
  const startsAt = STARTS_AT;
  let now = new Date(startsAt.getTime() - setup.leadMinutes * MINUTE);
  // Every run starts with the initial transition: the client's request.
  const draft: BookingDraft = {
    clientId: 'client-1',
    providerId: 'provider-1',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * HOUR),
    requiresUpfrontPayment: setup.requiresUpfrontPayment,
    price,
    policy: policySnapshot(setup.policy),
  };
  const requested = requestTransition(draft, client, now);
  expect(requested.from).toBeNull();
  expect(requested.to).toBe('requested');
  expect(requested.effects.map((e) => e.type)).toEqual(['notify', 'schedule_expiry']);
  let b: BookingSnapshot = booking({ ...draft, status: requested.to, amountPaid: 0 });
  const money = { paidGross: 0, paidNet: 0, refunded: 0 };
  let invoices = 0;
  let payouts = 0;
  let feePayouts = 0;
  let calendarPushes = 0;
  let calendarCancels = 0;

  const apply = (r: TransitionResult, cmd: BookingCommand, actor: Actor) => {
    const prev = b.status;
    expect(r.from).toBe(prev);
    expect(bookingStatuses).toContain(r.to);
    if (isTerminal(prev)) expect(r.to).toBe(prev);
    const leavesActive = active.has(prev) && !active.has(r.to) && r.to !== 'completed';
    // Only the client pays a fee: for cancelling, for not paying (the system cancels), or for not being there.
    const feeCommand =
      (cmd.type === 'cancel' && (actor.kind === 'client' || actor.kind === 'system')) ||
      (cmd.type === 'mark_no_show' && (actor.kind === 'provider' || (actor.kind === 'admin' && cmd.absent !== 'provider')));
    // The patch writes only the row's columns its rule declares.
    const row = transitionTable.find((t) => t.id === r.rule);
    expect(row?.command).toBe(cmd.type);
    for (const field of columnsOf(r.patch)) expect(row?.writes ?? []).toContain(field);

    for (const e of r.effects) {
      switch (e.type) {
        case 'refund':
          expect(e.amount).toBeGreaterThan(0);
          expect(e.amount).toBeLessThanOrEqual(money.paidNet);
          money.paidNet -= e.amount;
          money.refunded += e.amount;
          break;
        case 'charge_cancellation_fee':
          expect(feeCommand).toBe(true);
          expect(e.amount).toBeGreaterThan(0);
          break;
        case 'create_invoice':
          expect(cmd.type).toBe('accept');
          invoices += 1;
          break;
        case 'calendar_push':
          expect(cmd.type).toBe('accept');
          calendarPushes += 1;
          break;
        case 'calendar_cancel':
          expect(leavesActive).toBe(true);
          calendarCancels += 1;
          break;
        case 'schedule_payout':
          expect(['confirm_completion', 'resolve_dispute']).toContain(cmd.type);
          expect(r.to).toBe('completed');
          payouts += 1;
          break;
        case 'freeze_payout':
          expect(payouts).toBe(0);
          break;
        case 'schedule_fee_payout':
          // Only a fee the client owes reaches the provider, once, on a booking that closed.
          expect(feeCommand).toBe(true);
          expect(e.fee).toBeGreaterThan(0);
          expect(e.fee).toBe(r.patch.cancellationFee);
          expect(isTerminal(r.to)).toBe(true);
          feePayouts += 1;
          break;
        case 'void_invoice':
          expect(invoices).toBe(1);
          break;
        default:
          break;
      }
    }
    if (leavesActive) expect(r.effects.map((e) => e.type)).toContain('calendar_cancel');
    if ((r.patch.cancellationFee ?? 0) > 0) expect(feeCommand).toBe(true);
    expect(invoices).toBeLessThanOrEqual(1);
    expect(payouts).toBeLessThanOrEqual(1);
    expect(feePayouts + payouts).toBeLessThanOrEqual(1);
    expect(calendarPushes).toBeLessThanOrEqual(1);
    expect(calendarCancels).toBeLessThanOrEqual(calendarPushes);
    expect(money.refunded).toBeLessThanOrEqual(money.paidGross);

    b = {
      ...b,
      status: r.to,
      ...(r.patch.onMyWayAt !== undefined ? { onMyWayAt: r.patch.onMyWayAt } : {}),
      ...(r.patch.completedAt !== undefined ? { completedAt: r.patch.completedAt } : {}),
      ...(r.patch.clientConfirmedAt !== undefined ? { clientConfirmedAt: r.patch.clientConfirmedAt } : {}),
      ...(r.patch.cancellationFee !== undefined ? { cancellationFee: r.patch.cancellationFee } : {}),
      amountPaid: money.paidNet,
      paymentStatus: money.paidGross === 0 ? b.paymentStatus : money.paidNet === 0 ? 'refunded' : b.paymentStatus,
      version: b.version + 1,
    };
    // Once closed, what stays paid is exactly the fee, as far as the money paid covers it (all refunds happen on or after closing).
    if (isTerminal(b.status)) expect(money.paidNet).toBe(Math.min(b.cancellationFee ?? 0, money.paidGross));
    if (b.status === 'completed' && b.clientConfirmedAt) expect(payouts).toBe(1);
    if (b.status !== 'completed') expect(payouts).toBe(0);
    visited.add(b.status === 'completed' && b.clientConfirmedAt ? 'completed+confirmed' : b.status);
  };

  const send = (cmd: BookingCommand, actor: Actor) => {
    const allowed = allowedCommands(b, actor, now);
    let r: TransitionResult;
    try {
      r = transition(b, cmd, actor, now);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      // allowedCommands and transition agree: refused moves are not offered, offered ones only fail on bad input.
      if (e.code === 'ILLEGAL_TRANSITION') expect(allowed).not.toContain(cmd.type);
      else expect(e.code).toBe('INVALID_INPUT');
      return;
    }
    expect(allowed).toContain(cmd.type);
    apply(r, cmd, actor);
  };

  /** A payment webhook: new money (or, with nothing new, a replayed delivery) — never refused. */
  const pay = (full: boolean, fresh = true) => {
    if (fresh && invoices === 1 && money.paidGross < price.total) {
      const amount = full ? price.total - money.paidGross : Math.min(3_000, price.total - money.paidGross);
      money.paidGross += amount;
      money.paidNet += amount;
      b = { ...b, amountPaid: money.paidNet, paymentStatus: money.paidGross >= price.total ? 'paid' : 'partially_paid' };
    }
    const cmd: BookingCommand = { type: 'payment_received', fullyPaid: money.paidGross >= price.total };
    apply(transition(b, cmd, system, now), cmd, system);
  };

  for (const step of steps) {
    if (step.kind === 'wait') now = new Date(now.getTime() + step.minutes * MINUTE);
    else if (step.kind === 'pay') pay(step.full);
    else if (step.kind === 'send') {
      // A delivery that brings nothing new (a replay, or an event before any money moved).
      if (step.cmd.type === 'payment_received' && step.actor.kind === 'system') pay(false, false);
      else send(step.cmd, step.actor);
    } else if (step.kind === 'jump') {
      const targets = {
        before_start: startsAt.getTime() - 3 * HOUR,
        start_window: startsAt.getTime() - HOUR,
        after_grace: startsAt.getTime() + 15 * MINUTE,
        window_end: (b.completedAt ?? startsAt).getTime() + 48 * HOUR,
      };
      now = new Date(Math.max(now.getTime(), targets[step.to] + step.minutes * MINUTE));
    } else {
      // Closing moves are offered almost everywhere; picking them less lets runs reach the later states.
      const who = step.actor ? [step.actor] : [client, provider, system, admin];
      const offered = who.flatMap((actor) =>
        allowedCommands(b, actor, now)
          .filter((t) => t !== 'payment_received' && (!closing.has(t) || step.pick % 4 === 0))
          .map((type) => ({ actor, type })),
      );
      const move = offered[step.pick % Math.max(1, offered.length)];
      if (move) send(commandFor(move.type, step.pick), move.actor);
    }
  }
}

describe('random command sequences from random actors', () => {
  it('keep every invariant of status, money, calendar and payout', () => {
    fc.assert(fc.property(setupArb, fc.array(stepArb, { minLength: 5, maxLength: 80, size: 'max' }), run), { numRuns: 600 });
  });

  afterAll(() => {
    // The generator must actually reach every corner, or the property above proves little.
    expect([...visited].sort()).toEqual([...bookingStatuses, 'completed+confirmed'].sort());
  });
});

describe('the initial transition', () => {
  const draftArb = fc.record({
    leadMinutes: fc.integer({ min: -120, max: 30 * 24 * 60 }),
    ttlHours: fc.option(fc.integer({ min: 1, max: 168 }), { nil: undefined }),
    requiresUpfrontPayment: fc.boolean(),
    actor: actorArb,
  });

  it("only the draft's own client requests; the request expires between now and an hour before the start, as its effect says", () => {
    fc.assert(
      fc.property(draftArb, ({ leadMinutes, ttlHours, requiresUpfrontPayment, actor }) => {
        const now = new Date(STARTS_AT.getTime() - leadMinutes * MINUTE);
        const draft: BookingDraft = {
          clientId: 'client-1',
          providerId: 'provider-1',
          startsAt: STARTS_AT,
          endsAt: new Date(STARTS_AT.getTime() + 2 * HOUR),
          requiresUpfrontPayment,
          price,
          policy: policySnapshot('flexible'),
        };
        let r: TransitionResult;
        try {
          r = requestTransition(draft, actor, now, ttlHours === undefined ? undefined : { requestTtlHours: ttlHours });
        } catch (e) {
          expect(e).toBeInstanceOf(DomainError);
          expect((e as DomainError).code).toBe('ILLEGAL_TRANSITION');
          expect(actor).not.toBe(client);
          return;
        }
        expect(actor).toBe(client);
        expect([r.from, r.to, r.eventType]).toEqual([null, 'requested', 'booking.requested']);
        const expiresAt = r.patch.expiresAt!;
        expect(expiresAt.getTime()).toBeGreaterThanOrEqual(now.getTime());
        expect(expiresAt.getTime()).toBeLessThanOrEqual(Math.max(now.getTime(), STARTS_AT.getTime() - HOUR));
        expect(expiresAt.getTime()).toBeLessThanOrEqual(now.getTime() + (ttlHours ?? 24) * HOUR);
        expect(r.effects).toEqual([
          { type: 'notify', to: 'both', template: 'booking.requested' },
          { type: 'schedule_expiry', at: expiresAt },
        ]);
        // What the request made can be answered, and expired by the system once nobody did.
        const b = booking({ ...draft, status: r.to });
        expect(allowedCommands(b, system, expiresAt)).toContain('expire');
        expect(allowedCommands(b, client, now)).toContain('cancel');
      }),
      { numRuns: 300 },
    );
  });
});
