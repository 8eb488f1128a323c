import { policySnapshot } from '@handled/core/booking';
import { priceBooking, type PriceSnapshot } from '@handled/core';
import {
  chargePosting,
  earnPosting,
  payoutSplit,
  refundUnearnedPosting,
  transferPosting,
  type LedgerTransaction,
} from '@handled/core/payments';
import type { bookingEvents, bookings, invoices, ledgerEntries, payments, payouts, reviews } from '../schema/index.ts';
import type { CategorySlug } from './data/categories.ts';
import { categoryCopy } from './data/copy.ts';
import type { ClientPlan } from './clients.ts';
import { categorySeed, type ProviderPlan } from './providers.ts';
import type { Rng } from './rng.ts';
import type { Placed } from './slots.ts';

const MIN = 60_000;
const DAY = 86_400_000;

export type BookingRow = typeof bookings.$inferInsert & { id: string };
type EventRow = typeof bookingEvents.$inferInsert;

export interface HistoryRows {
  bookings: BookingRow[];
  events: EventRow[];
  invoices: (typeof invoices.$inferInsert)[];
  payments: (typeof payments.$inferInsert)[];
  reviews: (typeof reviews.$inferInsert)[];
  /** The providers' payouts of the history, and the ledger that every screen of money reads. */
  payouts: (typeof payouts.$inferInsert)[];
  ledger: (typeof ledgerEntries.$inferInsert)[];
}

export interface HistoryContext {
  rng: Rng;
  now: Date;
  rows: HistoryRows;
  references: Set<string>;
  categoryIds: Record<CategorySlug, string>;
  invoiceCount: number;
}

export interface JobInput {
  provider: ProviderPlan;
  client: ClientPlan;
  category: CategorySlug;
  placed: Placed;
  hours: number;
}

const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const specialRequirements = [
  '',
  '',
  '',
  'Buzzer is broken, please call when you arrive.',
  'Street parking is permit only, there is a pay-and-display round the corner.',
  'We have a friendly dog who will want to say hello.',
  'Please take your shoes off inside.',
  'Ring the side door, the front one sticks.',
];

function reference(ctx: HistoryContext): string {
  for (;;) {
    let s = 'HD-';
    for (let i = 0; i < 6; i++) s += ctx.rng.pick(alphabet.split(''));
    if (!ctx.references.has(s)) {
      ctx.references.add(s);
      return s;
    }
  }
}

const hex = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');

export function priceFor(p: ProviderPlan, hours: number): PriceSnapshot {
  return priceBooking({ hourlyRate: p.hourlyRate, currency: p.currency, hours, taxBps: p.taxBps });
}

/** The row every status starts from: price, policy and buffers as the request would have stored them. */
function baseRow(ctx: HistoryContext, job: JobInput, requestedAt: Date): BookingRow {
  const { provider: p, client: c, placed } = job;
  const price = priceFor(p, job.hours);
  return {
    id: ctx.rng.uuid(),
    reference: reference(ctx),
    clientId: c.id,
    providerId: p.id,
    categoryId: ctx.categoryIds[job.category],
    status: 'requested',
    paymentStatus: 'none',
    ...placed,
    timeZone: p.city.timeZone,
    address: c.address,
    lat: Math.round(c.lat * 1e6),
    lng: Math.round(c.lng * 1e6),
    details: ctx.rng.pick(categoryCopy[job.category].jobs),
    specialRequirements: ctx.rng.pick(specialRequirements),
    contactPhone: c.phone,
    estimatedQuarterHours: price.quarterHours,
    currency: price.currency,
    total: price.total,
    price,
    requiresUpfrontPayment: p.requiresUpfrontPayment,
    cancellationPolicy: policySnapshot(p.policy) as unknown as Record<string, unknown>,
    version: 1,
    createdAt: requestedAt,
    updatedAt: requestedAt,
  };
}

function event(ctx: HistoryContext, b: BookingRow, e: Omit<EventRow, 'id' | 'bookingId'>): void {
  ctx.rows.events.push({ id: ctx.rng.uuid(), bookingId: b.id, ...e });
}

function requested(ctx: HistoryContext, b: BookingRow, job: JobInput, at: Date): void {
  event(ctx, b, {
    type: 'booking.requested',
    fromStatus: null,
    toStatus: 'requested',
    actorKind: 'client',
    actorId: job.client.id,
    data: { total: b.total, currency: b.currency },
    at,
  });
}

/** One movement of the history in the ledger, as the payments service writes it (the same postings). */
function post(
  ctx: HistoryContext,
  b: BookingRow,
  txId: string,
  entry: LedgerTransaction,
  at: Date,
  externalRef: string | null = null,
): void {
  for (const p of entry.postings)
    ctx.rows.ledger.push({
      id: ctx.rng.uuid(),
      txId,
      bookingId: b.id,
      account: p.account,
      amount: p.amount,
      currency: b.currency,
      kind: entry.kind,
      externalRef,
      at,
    });
}

/** An invoice paid in full and the payment that paid it. */
function paidInvoice(ctx: HistoryContext, b: BookingRow, createdAt: Date, dueAt: Date, paidAt: Date, refunded = false): void {
  const invoiceId = ctx.rng.uuid();
  ctx.invoiceCount += 1;
  ctx.rows.invoices.push({
    id: invoiceId,
    bookingId: b.id,
    stripeInvoiceId: `in_seed_${hex(ctx.rng, 20)}`,
    number: `HD-${String(ctx.invoiceCount).padStart(6, '0')}`,
    status: 'paid',
    paymentStatus: refunded ? 'refunded' : 'paid',
    currency: b.currency,
    total: b.total,
    amountPaid: b.total,
    amountRemaining: 0,
    dueAt,
    paidAt,
    createdAt,
    updatedAt: paidAt,
  });
  const intent = `pi_seed_${hex(ctx.rng, 20)}`;
  const charge = `ch_seed_${hex(ctx.rng, 20)}`;
  post(ctx, b, `charge:${intent}`, chargePosting(b.id, b.total), paidAt, charge);
  ctx.rows.payments.push({
    id: ctx.rng.uuid(),
    invoiceId,
    bookingId: b.id,
    stripePaymentIntentId: intent,
    stripeChargeId: charge,
    amount: b.total,
    currency: b.currency,
    status: refunded ? 'refunded' : 'succeeded',
    refunded: refunded ? b.total : 0,
    paidAt,
  });
}

/** Accept, and for upfront providers the payment that confirms it. Returns when it was confirmed. */
function acceptAndPay(ctx: HistoryContext, b: BookingRow, job: JobInput, requestedAt: Date): Date {
  const { rng } = ctx;
  const acceptedAt = new Date(requestedAt.getTime() + rng.int(8, 360) * MIN);
  const upfront = job.provider.requiresUpfrontPayment;
  event(ctx, b, {
    type: 'booking.accepted',
    fromStatus: 'requested',
    toStatus: upfront ? 'accepted' : 'confirmed',
    actorKind: 'provider',
    actorId: job.provider.id,
    data: null,
    at: acceptedAt,
  });
  if (!upfront) return acceptedAt;
  const paidAt = new Date(acceptedAt.getTime() + rng.int(3, 180) * MIN);
  event(ctx, b, {
    type: 'booking.confirmed',
    fromStatus: 'accepted',
    toStatus: 'confirmed',
    actorKind: 'system',
    actorId: null,
    data: { amountPaid: b.total },
    at: paidAt,
  });
  paidInvoice(ctx, b, acceptedAt, job.placed.startsAt, paidAt);
  return paidAt;
}

/**
 * A confirmed job's money as the payments service leaves it: the client's payment earned (the
 * provider's earnings, fees, tax) and transferred to the provider an hour later, with its payout.
 */
function paidOut(ctx: HistoryContext, b: BookingRow, confirmedAt: Date): void {
  const price = b.price as PriceSnapshot;
  const split = payoutSplit(price, b.total);
  const transferredAt = new Date(Math.min(confirmedAt.getTime() + 60 * MIN, ctx.now.getTime()));
  const transfer = `tr_seed_${hex(ctx.rng, 20)}`;
  post(ctx, b, `earn:${b.id}`, earnPosting(b.id, b.providerId, split), confirmedAt);
  post(ctx, b, `transfer:${transfer}`, transferPosting(b.providerId, split.providerEarnings), transferredAt, transfer);
  ctx.rows.payouts.push({
    id: ctx.rng.uuid(),
    providerId: b.providerId,
    bookingId: b.id,
    kind: 'earnings',
    reason: 'job',
    stripeTransferId: transfer,
    stripeChargeId: ctx.rows.payments.at(-1)?.stripeChargeId ?? null,
    amount: split.providerEarnings,
    currency: b.currency,
    status: 'paid',
    scheduledFor: confirmedAt,
    paidAt: transferredAt,
    createdAt: confirmedAt,
    updatedAt: transferredAt,
  });
}

export function addCompleted(ctx: HistoryContext, job: JobInput): BookingRow {
  const { rng } = ctx;
  const start = job.placed.startsAt.getTime();
  const requestedAt = new Date(start - rng.int(1, 10) * DAY - rng.int(0, 600) * MIN);
  const b = baseRow(ctx, job, requestedAt);
  const firstEvent = ctx.rows.events.length;
  requested(ctx, b, job, requestedAt);
  const confirmedAt = acceptAndPay(ctx, b, job, requestedAt);
  const lengthMs = job.placed.endsAt.getTime() - start;
  const startedAt = new Date(start + rng.int(0, 12) * MIN);
  const completedAt = new Date(startedAt.getTime() + lengthMs);
  event(ctx, b, {
    type: 'booking.started',
    fromStatus: 'confirmed',
    toStatus: 'in_progress',
    actorKind: 'provider',
    actorId: job.provider.id,
    data: null,
    at: startedAt,
  });
  event(ctx, b, {
    type: 'booking.completed',
    fromStatus: 'in_progress',
    toStatus: 'completed',
    actorKind: 'provider',
    actorId: job.provider.id,
    data: { actualQuarterHours: b.estimatedQuarterHours },
    at: completedAt,
  });
  let last = completedAt;
  if (!job.provider.requiresUpfrontPayment) {
    const paidAt = new Date(completedAt.getTime() + rng.int(10, 36 * 60) * MIN);
    event(ctx, b, {
      type: 'booking.payment_recorded',
      fromStatus: 'completed',
      toStatus: 'completed',
      actorKind: 'system',
      actorId: null,
      data: { amountPaid: b.total },
      at: paidAt,
    });
    paidInvoice(ctx, b, confirmedAt, new Date(completedAt.getTime() + 7 * DAY), paidAt);
    last = paidAt;
  }
  const clientConfirmedAt = new Date(Math.min(completedAt.getTime() + rng.int(30, 30 * 60) * MIN, ctx.now.getTime() - MIN));
  event(ctx, b, {
    type: 'booking.completion_confirmed',
    fromStatus: 'completed',
    toStatus: 'completed',
    actorKind: 'client',
    actorId: job.client.id,
    data: null,
    at: clientConfirmedAt,
  });
  paidOut(ctx, b, clientConfirmedAt);
  const checklist = categorySeed(job.category).checklist.map((item) => ({ item, done: true }));
  Object.assign(b, {
    status: 'completed',
    paymentStatus: 'paid',
    onMyWayAt: rng.chance(0.6) ? new Date(start - rng.int(10, 40) * MIN) : null,
    startedAt,
    completedAt,
    clientConfirmedAt,
    actualQuarterHours: b.estimatedQuarterHours,
    completionNotes:
      rng.pick(['All done, everything tested.', 'Job finished, area cleaned up.', 'Completed as discussed.', '', '']) || null,
    checklist,
    version: ctx.rows.events.length - firstEvent,
    updatedAt: new Date(Math.max(clientConfirmedAt.getTime(), last.getTime())),
  } satisfies Partial<BookingRow>);
  ctx.rows.bookings.push(b);
  return b;
}

const cancelReasons = [
  'Plans changed, sorry!',
  'Managed to fix it myself in the end.',
  'Landlord is sending their own contractor.',
  'Found an earlier slot elsewhere.',
];
const declineReasons = [
  'Fully booked that week, sorry.',
  'That is outside my service area.',
  'This needs a specialist, I would rather not take it on.',
  'I am away on that day.',
];

/** A cancelled request: either withdrawn before the answer, or cancelled well ahead and refunded in full. */
export function addCancelled(ctx: HistoryContext, job: JobInput): BookingRow {
  const { rng } = ctx;
  const start = job.placed.startsAt.getTime();
  const afterPayment = job.provider.requiresUpfrontPayment && rng.chance(0.5);
  const requestedAt = new Date(start - (afterPayment ? rng.int(12, 20) : rng.int(2, 8)) * DAY);
  const b = baseRow(ctx, job, requestedAt);
  requested(ctx, b, job, requestedAt);
  let cancelledAt = new Date(requestedAt.getTime() + rng.int(20, 600) * MIN);
  let from: 'requested' | 'confirmed' = 'requested';
  if (afterPayment) {
    acceptAndPay(ctx, b, job, requestedAt);
    cancelledAt = new Date(start - rng.int(8, 10) * DAY);
    from = 'confirmed';
    // The cancellation was free under every preset (a week or more ahead): refund it all.
    const payment = ctx.rows.payments.at(-1);
    const invoice = ctx.rows.invoices.at(-1);
    post(ctx, b, `refund:seed:${b.id}`, refundUnearnedPosting(b.id, b.total), cancelledAt);
    if (payment) Object.assign(payment, { status: 'refunded', refunded: b.total });
    if (invoice) Object.assign(invoice, { paymentStatus: 'refunded', updatedAt: cancelledAt });
  }
  const reason = rng.pick(cancelReasons);
  event(ctx, b, {
    type: 'booking.cancelled',
    fromStatus: from,
    toStatus: 'cancelled',
    actorKind: 'client',
    actorId: job.client.id,
    reason,
    data: { fee: 0, refund: afterPayment ? b.total : 0 },
    at: cancelledAt,
  });
  Object.assign(b, {
    status: 'cancelled',
    paymentStatus: afterPayment ? 'refunded' : 'none',
    cancelledBy: 'client',
    cancellationReason: reason,
    cancellationFee: 0,
    version: afterPayment ? 4 : 2,
    updatedAt: cancelledAt,
  } satisfies Partial<BookingRow>);
  ctx.rows.bookings.push(b);
  return b;
}

export function addDeclined(ctx: HistoryContext, job: JobInput): BookingRow {
  const { rng } = ctx;
  const requestedAt = new Date(job.placed.startsAt.getTime() - rng.int(2, 9) * DAY);
  const b = baseRow(ctx, job, requestedAt);
  requested(ctx, b, job, requestedAt);
  const at = new Date(requestedAt.getTime() + rng.int(15, 900) * MIN);
  const reason = rng.pick(declineReasons);
  event(ctx, b, {
    type: 'booking.declined',
    fromStatus: 'requested',
    toStatus: 'declined',
    actorKind: 'provider',
    actorId: job.provider.id,
    reason,
    data: null,
    at,
  });
  Object.assign(b, { status: 'declined', declineReason: reason, version: 2, updatedAt: at } satisfies Partial<BookingRow>);
  ctx.rows.bookings.push(b);
  return b;
}

/** A job coming up: requested a few days ago, accepted and paid, confirmed. */
export function addUpcoming(ctx: HistoryContext, job: JobInput): BookingRow {
  const { rng } = ctx;
  const requestedAt = new Date(Math.min(job.placed.startsAt.getTime() - 2 * DAY, ctx.now.getTime() - rng.int(1, 4) * DAY));
  const b = baseRow(ctx, job, requestedAt);
  requested(ctx, b, job, requestedAt);
  const confirmedAt = acceptAndPay(ctx, b, job, requestedAt);
  Object.assign(b, {
    status: 'confirmed',
    paymentStatus: job.provider.requiresUpfrontPayment ? 'paid' : 'none',
    version: job.provider.requiresUpfrontPayment ? 3 : 2,
    updatedAt: confirmedAt,
  } satisfies Partial<BookingRow>);
  ctx.rows.bookings.push(b);
  return b;
}
