import { noShowGraceOver, notConfirmed } from './guards.ts';
import { invoiceMayCollect, settle, settlementQuote } from './settlement.ts';
import { rule, otherSide, needsReason, reliability, refundEverything, cancelPatch, type TransitionRule } from './rule.ts';

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
    effects: ({ actor }) => [{ type: 'notify', to: otherSide(actor.kind), template: 'booking.cancelled' }],
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
    effects: ({ b, actor, now }) => [
      ...settle(settlementQuote(b, actor.kind, now), `cancelled_by_${actor.kind}`).effects,
      ...(invoiceMayCollect(b) ? [{ type: 'void_invoice' } as const] : []),
      { type: 'calendar_cancel' },
      ...reliability(actor.kind, 'provider_cancelled'),
      { type: 'notify', to: otherSide(actor.kind), template: 'booking.cancelled' },
    ],
    patch: (ctx) => cancelPatch(ctx, settle(settlementQuote(ctx.b, ctx.actor.kind, ctx.now), '').patch),
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
    // The client owes what a cancellation at this moment would cost.
    effects: ({ b, now }) => [
      ...settle(settlementQuote(b, 'client', now), 'client_no_show').effects,
      ...(invoiceMayCollect(b) ? [{ type: 'void_invoice' } as const] : []),
      { type: 'calendar_cancel' },
      { type: 'notify', to: 'client', template: 'booking.client_no_show' },
    ],
    patch: ({ b, now, cmd }) => ({
      ...settle(settlementQuote(b, 'client', now), '').patch,
      ...(cmd.reason !== undefined ? { reason: cmd.reason } : {}),
    }),
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
    effects: ({ b }) => [
      ...refundEverything(b, 'provider_no_show').effects,
      ...(invoiceMayCollect(b) ? [{ type: 'void_invoice' } as const] : []),
      { type: 'calendar_cancel' },
      { type: 'mark_provider_reliability', reason: 'provider_no_show' },
      { type: 'notify', to: 'provider', template: 'booking.provider_no_show' },
    ],
    patch: ({ b, cmd }) => ({
      ...refundEverything(b, '').patch,
      ...(cmd.reason !== undefined ? { reason: cmd.reason } : {}),
    }),
  }),
];
