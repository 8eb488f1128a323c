import type { Actor, ActorKind, BookingCommandType, BookingRules, BookingSnapshot } from './types.ts';
import { HOUR_MS, MINUTE_MS } from '../durations.ts';

export interface GuardContext {
  b: BookingSnapshot;
  actor: Actor;
  now: Date;
  rules: BookingRules;
}

/**
 * A condition a transition needs besides its state and actor. `label` names it in the state
 * diagram; `check` returns null when it holds, or the reason a person is shown when it does not.
 * Guards never look at the command's payload, so `allowedCommands` can evaluate them.
 */
export interface Guard {
  label: string;
  check(ctx: GuardContext): string | null;
}

export const beforeStart: Guard = {
  label: 'before the start',
  check: ({ b, now }) => (now < b.startsAt ? null : 'The booking has already started, so it can no longer be accepted.'),
};

export const startReached: Guard = {
  label: 'at or after the start',
  check: ({ b, now }) => (now >= b.startsAt ? null : 'Payment is due until the booking starts.'),
};

export const startWindowOpen: Guard = {
  label: 'from startEarlyMinutes before the start',
  check: ({ b, now, rules }) =>
    now.getTime() >= b.startsAt.getTime() - rules.startEarlyMinutes * MINUTE_MS
      ? null
      : `You can start from ${rules.startEarlyMinutes} min before the start time.`,
};

export const onMyWayWindowOpen: Guard = {
  label: 'from onMyWayEarlyMinutes before the start until the end',
  check: ({ b, now, rules }) => {
    if (now.getTime() < b.startsAt.getTime() - rules.onMyWayEarlyMinutes * MINUTE_MS)
      return `You can say you are on your way from ${rules.onMyWayEarlyMinutes / 60} h before the start.`;
    return now < b.endsAt ? null : 'The booked time is over.';
  },
};

export const notYetOnMyWay: Guard = {
  label: 'not already on the way',
  check: ({ b }) => (b.onMyWayAt ? 'You already told the client you are on your way.' : null),
};

export const noShowGraceOver: Guard = {
  label: 'noShowGraceMinutes after the start',
  check: ({ b, now, rules }) =>
    now.getTime() >= b.startsAt.getTime() + rules.noShowGraceMinutes * MINUTE_MS
      ? null
      : `A no-show can be reported ${rules.noShowGraceMinutes} minutes after the start time.`,
};

export const notConfirmed: Guard = {
  label: 'completion not yet confirmed',
  check: ({ b }) => (b.clientConfirmedAt ? 'The completion of this job has already been confirmed.' : null),
};

/** An invoice is out and not (fully) paid: what the system cancels for when an instalment stays unpaid. */
export const paymentDue: Guard = {
  label: 'payment still due',
  check: ({ b }) =>
    b.paymentStatus === 'open' || b.paymentStatus === 'partially_paid' || b.paymentStatus === 'failed'
      ? null
      : 'Nothing is due on this booking.',
};

function windowEnd(b: BookingSnapshot, rules: BookingRules): number | null {
  return b.completedAt ? b.completedAt.getTime() + rules.confirmationWindowHours * HOUR_MS : null;
}

export const withinConfirmationWindow: Guard = {
  label: 'within confirmationWindowHours of completion',
  check: ({ b, now, rules }) => {
    const end = windowEnd(b, rules);
    if (end === null) return 'The job has no completion time.';
    return now.getTime() < end ? null : `The ${rules.confirmationWindowHours}-hour window after completion has closed.`;
  },
};

export const confirmationWindowOver: Guard = {
  label: 'confirmationWindowHours after completion',
  check: ({ b, now, rules }) => {
    const end = windowEnd(b, rules);
    if (end === null) return 'The job has no completion time.';
    return now.getTime() >= end ? null : 'The client can still confirm or raise a problem.';
  },
};

/** Applied to every transition: a client or provider acts only on their own booking. */
export const ownsBooking: Guard = {
  label: 'own booking',
  check: ({ b, actor }) => {
    if (actor.kind === 'client' && actor.userId !== b.clientId) return 'Only the client of this booking can do that.';
    if (actor.kind === 'provider' && actor.userId !== b.providerId) return 'Only the provider of this booking can do that.';
    return null;
  },
};

export const commandVerbs: Record<BookingCommandType, string> = {
  request: 'request',
  accept: 'accept',
  decline: 'decline',
  expire: 'expire',
  payment_received: 'record a payment on',
  cancel: 'cancel',
  mark_on_my_way: 'say you are on your way to',
  start: 'start',
  complete: 'complete',
  confirm_completion: 'confirm completion of',
  raise_problem: 'raise a problem with',
  mark_no_show: 'report a no-show on',
  tip_received: 'record a tip on',
  resolve_dispute: 'resolve a dispute on',
};

export const actorLabels: Record<ActorKind, string> = {
  client: 'the client',
  provider: 'the provider',
  system: 'the system',
  admin: 'an admin',
};
