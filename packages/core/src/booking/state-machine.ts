import { DomainError } from '../errors.ts';
import type { CancellationQuote } from './cancellation-policy.ts';
import { actorLabels, commandVerbs, ownsBooking, type GuardContext } from './guards.ts';
import { bookingStatusWords } from './status-words.ts';
import { settlementQuote } from './settlement.ts';
import { transitionTable, type RuleContext, type TransitionRule } from './transition-table.ts';
import {
  defaultBookingRules,
  isTerminal as isTerminalStatus,
  type Actor,
  type BookingCommand,
  type BookingCommandType,
  type BookingRules,
  type BookingSnapshot,
  type BookingStatus,
  type TransitionResult,
} from './types.ts';

export * from './types.ts';
export { transitionTable, type TransitionRule } from './transition-table.ts';

/** Every command, in the order UIs list their buttons. */
export const bookingCommandTypes: readonly BookingCommandType[] = [
  'request',
  'accept',
  'decline',
  'payment_received',
  'tip_received',
  'mark_on_my_way',
  'start',
  'complete',
  'confirm_completion',
  'raise_problem',
  'mark_no_show',
  'cancel',
  'resolve_dispute',
  'expire',
];

function illegal(from: BookingStatus | null, cmd: BookingCommandType, actor: Actor, message: string): DomainError {
  return new DomainError('ILLEGAL_TRANSITION', message, { from, command: cmd, actor: actor.kind });
}

const withRules = (rules?: Partial<BookingRules>): BookingRules => ({ ...defaultBookingRules, ...rules });

/** The first reason (ownership first, then the row's guards) the rule may not run, or null. */
function blockedBy(r: TransitionRule, ctx: GuardContext): string | null {
  for (const g of [ownsBooking, ...r.guards]) {
    const reason = g.check(ctx);
    if (reason !== null) return reason;
  }
  return null;
}

/**
 * Decides what `cmd` by `actor` at `now` does to booking `b`. Pure: reads nothing but its
 * arguments. Throws DomainError('ILLEGAL_TRANSITION') with a message for a person and details
 * `{ from, command, actor }`; DomainError('INVALID_INPUT') for a malformed command.
 *
 * Some commands record without moving (`to === from`): `payment_received` outside `accepted`
 * (after a close it also refunds the late money), `mark_on_my_way`, and `confirm_completion`
 * (completed stays completed; the payout is scheduled). The service still writes the event.
 */
export function transition(
  b: BookingSnapshot,
  cmd: BookingCommand,
  actor: Actor,
  now: Date,
  rules?: Partial<BookingRules>,
): TransitionResult {
  return decide(b.status, b, cmd, actor, now, rules);
}

/** What a request reads of the booking it would create. */
export type BookingDraft = Pick<
  BookingSnapshot,
  'clientId' | 'providerId' | 'startsAt' | 'endsAt' | 'requiresUpfrontPayment' | 'price' | 'policy'
>;

/**
 * The machine's initial transition (as Sharetribe's): what `actor` asking for `draft` at `now`
 * does — the status the booking starts in (`from` is null), its event, its effects and the
 * columns it starts with (`patch.expiresAt`). Refuses as `transition` does.
 */
export function requestTransition(draft: BookingDraft, actor: Actor, now: Date, rules?: Partial<BookingRules>): TransitionResult {
  // The row sees the booking as the request creates it: no id yet, nothing paid or done.
  const b: BookingSnapshot = { ...draft, id: '', status: 'requested', paymentStatus: 'none', version: 0 };
  return decide(null, b, { type: 'request' }, actor, now, rules);
}

/** Runs the one row of the table that `cmd` by `actor` from `from` selects. */
function decide(
  from: BookingStatus | null,
  b: BookingSnapshot,
  cmd: BookingCommand,
  actor: Actor,
  now: Date,
  rules?: Partial<BookingRules>,
): TransitionResult {
  if (!bookingCommandTypes.includes(cmd.type))
    throw new DomainError('INVALID_INPUT', 'Unknown booking command.', { command: (cmd as { type: unknown }).type });
  const verb = commandVerbs[cmd.type];

  const inState = transitionTable.filter((r) => r.command === cmd.type && r.from.includes(from));
  if (inState.length === 0)
    throw illegal(
      from,
      cmd.type,
      actor,
      from === null
        ? `You cannot ${verb} a booking that does not exist yet.`
        : `You cannot ${verb} this booking: it is ${bookingStatusWords[from].state}.`,
    );

  const forActor = inState.filter((r) => r.actors.includes(actor.kind));
  if (forActor.length === 0) {
    const who = [...new Set(inState.flatMap((r) => r.actors))].map((k) => actorLabels[k]).join(' or ');
    throw illegal(from, cmd.type, actor, `Only ${who} can ${verb} this booking.`);
  }

  const matching = forActor.filter((r) => !r.when || r.when.test(b, cmd));
  const r = matching[0];
  if (!r || matching.length > 1) throw illegal(from, cmd.type, actor, `You cannot ${verb} this booking right now.`);

  const ctx: RuleContext<BookingCommandType> = { b, actor, now, rules: withRules(rules), cmd };
  const reason = blockedBy(r, ctx);
  if (reason !== null) throw illegal(from, cmd.type, actor, reason);

  const invalid = r.validate?.(cmd);
  if (invalid) throw new DomainError('INVALID_INPUT', invalid, { command: cmd.type });

  const to = r.to === 'unchanged' ? b.status : r.to;
  return { rule: r.id, from, to, eventType: r.eventType, effects: r.effects(ctx), patch: r.patch?.(ctx) ?? {} };
}

/**
 * The commands `actor` may send now — what a UI shows as buttons. Checks state, actor kind,
 * ownership and guards; not payload (a decline still needs its reason).
 */
export function allowedCommands(b: BookingSnapshot, actor: Actor, now: Date, rules?: Partial<BookingRules>): BookingCommandType[] {
  const ctx: GuardContext = { b, actor, now, rules: withRules(rules) };
  return bookingCommandTypes.filter((type) =>
    transitionTable.some(
      (r) => r.command === type && r.from.includes(b.status) && r.actors.includes(actor.kind) && blockedBy(r, ctx) === null,
    ),
  );
}

/**
 * What cancelling `b` now would cost, settled exactly as `transition` would settle it (so the
 * dialog and the enforcement agree), or null when `actor` may not cancel it now.
 */
export function quoteCancellation(b: BookingSnapshot, actor: Actor, now: Date, rules?: Partial<BookingRules>): CancellationQuote | null {
  if (!allowedCommands(b, actor, now, rules).includes('cancel')) return null;
  return settlementQuote(b, actor.kind, now);
}

/** Nothing more will happen to the booking: terminal, or completed and its completion confirmed. */
export function isSettled(b: Pick<BookingSnapshot, 'status' | 'clientConfirmedAt'>): boolean {
  return isTerminalStatus(b.status) || (b.status === 'completed' && !!b.clientConfirmedAt);
}
