import type { Guard, GuardContext } from './guards.ts';
import { fullRefundQuote, settle } from './settlement.ts';
import type {
  ActorKind,
  BookingCommandType,
  BookingEffect,
  BookingSnapshot,
  BookingRowField,
  BookingStatus,
  CommandOf,
  TransitionPatch,
} from './types.ts';

export interface RuleContext<T extends BookingCommandType> extends GuardContext {
  cmd: CommandOf<T>;
}

/**
 * One row of the machine: in which states a command is accepted, from whom, under which guards,
 * where it leads (`'unchanged'` records an event without a status change) and what it causes.
 * When several rows share a command and a state, `when` (a fact of the booking or the command,
 * not a permission) picks one; the table test checks that exactly one row ever applies.
 */
export interface TransitionRule<T extends BookingCommandType = BookingCommandType> {
  id: string;
  command: T;
  /** `null` is no booking yet: the initial transition (the request) starts there. */
  from: readonly (BookingStatus | null)[];
  to: BookingStatus | 'unchanged';
  actors: readonly ActorKind[];
  when?: { label: string; test(b: BookingSnapshot, cmd: CommandOf<T>): boolean };
  guards: readonly Guard[];
  eventType: string;
  /** Checks the command's own fields; a message here is bad input, not an illegal move. */
  validate?(cmd: CommandOf<T>): string | null;
  effects(ctx: RuleContext<T>): BookingEffect[];
  /** The booking row's columns `patch` may set, for the diagram (the tests hold `patch` to it). */
  writes?: readonly BookingRowField[];
  patch?(ctx: RuleContext<T>): TransitionPatch;
}

/**
 * Types one row against its own command, then widens it so rows of all commands share one array.
 * Sound because `transition` only hands a row the command whose type the row names.
 */
export const rule = <T extends BookingCommandType>(r: TransitionRule<T>): TransitionRule => r as unknown as TransitionRule;

export const otherSide = (actor: ActorKind): 'client' | 'provider' | 'both' =>
  actor === 'client' ? 'provider' : actor === 'provider' ? 'client' : 'both';

export const needsReason = (reason: string | undefined): string | null =>
  reason === undefined
    ? null
    : reason.trim().length === 0
      ? 'Please give a reason.'
      : reason.length > 2000
        ? 'The reason is too long.'
        : null;

export const requiredReason = (reason: string): string | null =>
  typeof reason !== 'string' || reason.trim().length === 0 ? 'Please give a reason.' : needsReason(reason);

export const reliability = (actor: ActorKind, reason: string): BookingEffect[] =>
  actor === 'provider' ? [{ type: 'mark_provider_reliability', reason }] : [];

export const refundEverything = (b: BookingSnapshot, reason: string) => settle(fullRefundQuote(b, 'Everything paid is refunded.'), reason);

export const cancelWrites = ['cancelledBy', 'cancellationFee', 'cancellationReason'] as const;

export const cancelPatch = (ctx: RuleContext<'cancel'>, money: TransitionPatch): TransitionPatch => ({
  ...money,
  cancelledBy: ctx.actor.kind,
  ...(ctx.cmd.reason !== undefined ? { reason: ctx.cmd.reason, cancellationReason: ctx.cmd.reason } : {}),
});
