import { noShowGraceOver, notConfirmed, paymentDue } from './guards.ts';
import { invoiceMayCollect, operatorQuote, settle, settlementQuote } from './settlement.ts';
import type { RuleContext } from './rule.ts';
import type { BookingEffect, TransitionPatch } from './types.ts';

/** A cancellation's quote: an operator's chosen refund, else the rules' for who cancels. */
const cancelQuote = ({ b, actor, cmd, now }: RuleContext<'cancel'>) =>
  actor.kind === 'admin' ? operatorQuote(b, cmd.refund, now) : settlementQuote(b, actor.kind, now);

import {
  rule,
  needsReason,
  requiredReason,
  reliability,
  refundEverything,
  cancelPatch,
  cancelWrites,
  type TransitionRule,
} from './rule.ts';

/** The client was not there: they owe what a cancellation at this moment would cost. */
const clientAbsentEffects = ({ b, now }: RuleContext<'mark_no_show'>): BookingEffect[] => [
  ...settle(settlementQuote(b, 'client', now), 'client_no_show', 'no_show').effects,
  ...(invoiceMayCollect(b) ? [{ type: 'void_invoice' } as const] : []),
  { type: 'calendar_cancel' },
  { type: 'notify', to: 'both', template: 'booking.client_no_show' },
];
const clientAbsentPatch = ({ b, now, cmd }: RuleContext<'mark_no_show'>): TransitionPatch => ({
  ...settle(settlementQuote(b, 'client', now), '').patch,
  ...(cmd.reason !== undefined ? { reason: cmd.reason } : {}),
});
/** The provider was not there: everything paid goes back and the provider gets a reliability mark. */
const providerAbsentEffects = ({ b }: RuleContext<'mark_no_show'>): BookingEffect[] => [
  ...refundEverything(b, 'provider_no_show').effects,
  ...(invoiceMayCollect(b) ? [{ type: 'void_invoice' } as const] : []),
  { type: 'calendar_cancel' },
  { type: 'mark_provider_reliability', reason: 'provider_no_show' },
  { type: 'notify', to: 'both', template: 'booking.provider_no_show' },
];
const providerAbsentPatch = ({ b, cmd }: RuleContext<'mark_no_show'>): TransitionPatch => ({
  ...refundEverything(b, '').patch,
  ...(cmd.reason !== undefined ? { reason: cmd.reason } : {}),
});

/** Cancellations and no-shows: who may close a booking, and who pays for it. */
export const cancellationRules: readonly TransitionRule[] = [
  rule({
    id: 'cancel.request',
    command: 'cancel',
    from: ['requested'],
    to: 'cancelled',
    actors: ['client', 'provider', 'admin'],
    guards: [],
    eventType: 'booking.cancelled',
    validate: (cmd) => needsReason(cmd.reason),
    // Both sides hear of it: the one who cancelled gets the confirmation (reason, fee, refund).
    effects: () => [{ type: 'notify', to: 'both', template: 'booking.cancelled' }],
    writes: cancelWrites,
    patch: (ctx) => cancelPatch(ctx, { cancellationFee: 0, refundAmount: 0 }),
  }),
  rule({
    id: 'cancel.agreed',
    command: 'cancel',
    from: ['accepted', 'confirmed'],
    to: 'cancelled',
    actors: ['client', 'provider', 'admin'],
    guards: [],
    eventType: 'booking.cancelled',
    validate: (cmd) => needsReason(cmd.reason),
    effects: (ctx) => [
      ...settle(cancelQuote(ctx), `cancelled_by_${ctx.actor.kind}`).effects,
      ...(invoiceMayCollect(ctx.b) ? [{ type: 'void_invoice' } as const] : []),
      { type: 'calendar_cancel' },
      ...reliability(ctx.actor.kind, 'provider_cancelled'),
      { type: 'notify', to: 'both', template: 'booking.cancelled' },
    ],
    writes: cancelWrites,
    patch: (ctx) => cancelPatch(ctx, settle(cancelQuote(ctx), '').patch),
  }),
  rule({
    id: 'cancel.unpaid',
    command: 'cancel',
    from: ['accepted', 'confirmed'],
    to: 'cancelled',
    actors: ['system'],
    guards: [paymentDue],
    eventType: 'booking.cancelled',
    validate: (cmd) => requiredReason(cmd.reason ?? ''),
    // An instalment stayed unpaid past its grace period: settled as if the client cancelled now.
    effects: ({ b, now }) => [
      ...settle(settlementQuote(b, 'client', now), 'payment_overdue').effects,
      { type: 'void_invoice' },
      { type: 'calendar_cancel' },
      { type: 'notify', to: 'both', template: 'booking.cancelled' },
    ],
    writes: cancelWrites,
    patch: (ctx) => cancelPatch(ctx, settle(settlementQuote(ctx.b, 'client', ctx.now), '').patch),
  }),
  rule({
    id: 'cancel.by_admin',
    command: 'cancel',
    from: ['in_progress', 'completed', 'disputed'],
    to: 'cancelled',
    actors: ['admin'],
    guards: [notConfirmed],
    eventType: 'booking.cancelled',
    validate: (cmd) => needsReason(cmd.reason),
    effects: ({ b }) => [
      ...refundEverything(b, 'cancelled_by_admin').effects,
      ...(invoiceMayCollect(b) ? [{ type: 'void_invoice' } as const] : []),
      ...(b.status === 'in_progress' ? [{ type: 'calendar_cancel' } as const] : []),
      { type: 'notify', to: 'both', template: 'booking.cancelled' },
    ],
    writes: cancelWrites,
    patch: (ctx) => cancelPatch(ctx, refundEverything(ctx.b, '').patch),
  }),
  rule({
    id: 'no_show.client_absent',
    command: 'mark_no_show',
    from: ['confirmed'],
    to: 'no_show',
    actors: ['provider'],
    guards: [noShowGraceOver],
    eventType: 'booking.client_no_show',
    validate: (cmd) => needsReason(cmd.reason),
    effects: clientAbsentEffects,
    writes: ['cancellationFee'],
    patch: clientAbsentPatch,
  }),
  rule({
    id: 'no_show.provider_absent',
    command: 'mark_no_show',
    from: ['confirmed'],
    to: 'no_show',
    actors: ['client'],
    guards: [noShowGraceOver],
    eventType: 'booking.provider_no_show',
    validate: (cmd) => needsReason(cmd.reason),
    effects: providerAbsentEffects,
    writes: ['cancellationFee'],
    patch: providerAbsentPatch,
  }),
  // An operator marks either side absent (issue 18), with the same money as the other party's report.
  rule({
    id: 'no_show.client_absent.by_admin',
    command: 'mark_no_show',
    from: ['confirmed'],
    to: 'no_show',
    actors: ['admin'],
    when: { label: 'client absent', test: (_b, cmd) => cmd.absent !== 'provider' },
    guards: [noShowGraceOver],
    eventType: 'booking.client_no_show',
    validate: (cmd) => requiredReason(cmd.reason ?? ''),
    effects: clientAbsentEffects,
    writes: ['cancellationFee'],
    patch: clientAbsentPatch,
  }),
  rule({
    id: 'no_show.provider_absent.by_admin',
    command: 'mark_no_show',
    from: ['confirmed'],
    to: 'no_show',
    actors: ['admin'],
    when: { label: 'provider absent', test: (_b, cmd) => cmd.absent === 'provider' },
    guards: [noShowGraceOver],
    eventType: 'booking.provider_no_show',
    validate: (cmd) => requiredReason(cmd.reason ?? ''),
    effects: providerAbsentEffects,
    writes: ['cancellationFee'],
    patch: providerAbsentPatch,
  }),
];
