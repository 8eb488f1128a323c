import { DomainError } from '@handled/core/errors';
import { formatMoney } from '@handled/core/money';
import { chargePosting, creditAppliedPosting } from '@handled/core/payments';
import { createBookingInvoice, voidInvoice, type InvoicePaymentState, type InvoiceState } from '@handled/integrations/stripe';
import type { SessionUser } from '../../context.ts';
import { findBooking } from '../../repositories/bookings.ts';
import { billingCustomerOf, saveBillingCustomer } from '../../repositories/invoices.ts';
import { findProvider, userById } from '../../repositories/providers.ts';
import { saveTip, tipByStripeInvoice, tipOfBooking, updateTip, type TipRow } from '../../repositories/tips.ts';
import { applyCommand } from '../bookings/apply-command.ts';
import { loadOwnedBooking } from '../bookings/queries.ts';
import type { ServiceDeps } from '../deps.ts';
import { postLedger } from './ledger.ts';
import { DAY_MS } from '@handled/core/durations';

/** The smallest tip (Stripe's smallest charge is 50 minor units; a dollar is a sensible floor). */
export const minTip = 100;

/** What a tip looks like to the people of its booking. */
export function tipView(t: TipRow | undefined) {
  return t && t.status !== 'void'
    ? {
        amount: t.amount,
        currency: t.currency,
        status: t.status,
        payUrl: t.status === 'open' ? t.hostedUrl : null,
        paidAt: t.paidAt?.toISOString() ?? null,
      }
    : null;
}

/** Why the client cannot tip this booking now, or null. */
function tipRefusal(booking: { status: string }, existing: TipRow | undefined, name: string): string | null {
  if (booking.status !== 'completed') return `You can tip ${name} once the job is done.`;
  if (existing?.status === 'paid')
    return `You already tipped ${name} ${formatMoney({ amount: existing.amount, currency: existing.currency })}. Thank you!`;
  return null;
}

/**
 * The client tips the provider after the job: an invoice of its own (one line, no tax, no fee),
 * whose hosted page the client pays; all of it goes to the provider once paid (`tip_received`).
 * One tip per booking: asking again with another amount replaces the unpaid invoice (voided), the
 * same amount gives the same page.
 */
export async function offerTip(deps: ServiceDeps, user: SessionUser, input: { id: string; amount: number }) {
  const booking = await loadOwnedBooking(deps.db, user, input.id);
  if (booking.clientId !== user.id) throw new DomainError('FORBIDDEN', 'Only the client of this booking can tip.');
  const [provider, client, existing] = await Promise.all([
    findProvider(deps.db, booking.providerId),
    userById(deps.db, booking.clientId),
    tipOfBooking(deps.db, booking.id),
  ]);
  if (!provider || !client) throw new DomainError('NOT_FOUND', 'We could not find that booking.');
  const name = provider.displayName.split(' ')[0] ?? provider.displayName;
  const refused = tipRefusal(booking, existing, name);
  if (refused) throw new DomainError('ILLEGAL_TRANSITION', refused);
  const max = Math.max(booking.price.total, 10_000);
  const fmt = (amount: number) => formatMoney({ amount, currency: booking.currency });
  if (!Number.isSafeInteger(input.amount) || input.amount < minTip || input.amount > max)
    throw new DomainError('INVALID_INPUT', `A tip is between ${fmt(minTip)} and ${fmt(max)}.`, { field: 'amount' });
  if (existing?.status === 'open' && existing.amount === input.amount && existing.hostedUrl) return tipView(existing);

  const now = deps.now();
  // The row first: the invoice names it, so a payment on any invoice made for it finds it.
  const row = await saveTip(deps.db, {
    bookingId: booking.id,
    amount: input.amount,
    currency: booking.currency,
    status: 'open',
    stripeInvoiceId: null,
    hostedUrl: null,
  });
  if (existing?.stripeInvoiceId && existing.status === 'open') await voidInvoice(deps.stripe, existing.stripeInvoiceId);
  const stripeCustomerId = await billingCustomerOf(deps.db, client.id);
  const state = await createBookingInvoice(deps.stripe, {
    bookingId: booking.id,
    bookingReference: booking.reference,
    version: `tip:${row.id}:${input.amount}:${now.getTime()}`,
    customer: { userId: client.id, email: client.email, name: client.name, stripeCustomerId },
    currency: booking.currency,
    lines: [{ description: `Tip for ${provider.displayName} — all of it goes to ${name}`, amount: input.amount, taxable: false }],
    tax: null,
    description: `A tip for ${provider.displayName} (booking ${booking.reference}). Thank you!`,
    dueAt: new Date(now.getTime() + 7 * DAY_MS),
    metadata: { provider_id: provider.userId, client_id: client.id, intent: 'tip', tip_id: row.id },
    bookingUrl: `${deps.config.webUrl}/bookings/${booking.id}`,
  });
  await deps.db.transaction(async (tx) => {
    if (!stripeCustomerId) await saveBillingCustomer(tx, client.id, state.stripeCustomerId);
    await updateTip(tx, row.id, { stripeInvoiceId: state.stripeInvoiceId, hostedUrl: state.hostedUrl, status: 'open' });
  });
  return tipView({ ...row, stripeInvoiceId: state.stripeInvoiceId, hostedUrl: state.hostedUrl, status: 'open' });
}

/** The booking's tip for its client, provider or an admin (null when there is none). */
export async function tipOf(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const booking = await loadOwnedBooking(deps.db, user, bookingId);
  return tipView(await tipOfBooking(deps.db, booking.id));
}

/**
 * A tip invoice changed at Stripe (called by `syncInvoice` with the invoice read fresh): once paid,
 * the payment is recorded once (charge in the ledger) and the machine's `tip_received` schedules
 * the provider's payout and tells them — all in one transaction.
 */
export async function syncTipInvoice(deps: ServiceDeps, state: InvoiceState & { payments: InvoicePaymentState[] }): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const tip =
      (await tipByStripeInvoice(tx, state.stripeInvoiceId)) ?? (state.tipId ? await tipOfBooking(tx, state.bookingId ?? '') : undefined);
    if (!tip || (state.tipId && tip.id !== state.tipId)) throw new Error(`Tip invoice ${state.stripeInvoiceId} is not known yet`);
    if (state.status === 'void' && tip.status === 'open' && tip.stripeInvoiceId === state.stripeInvoiceId)
      return updateTip(tx, tip.id, { status: 'void' });
    if (state.status !== 'paid' || tip.status === 'paid') return;
    const booking = await findBooking(tx, tip.bookingId);
    if (!booking) throw new Error(`Booking ${tip.bookingId} missing`);
    const paid = state.payments.find((p) => p.status === 'paid');
    // Stripe takes a goodwill credit on the client's balance off the tip's invoice too: the tip is
    // what the card paid and what the credit paid, and all of it goes to the provider.
    const credit = state.creditApplied;
    const amount = state.amountPaid + credit;
    await updateTip(tx, tip.id, {
      status: 'paid',
      amount,
      stripeInvoiceId: state.stripeInvoiceId,
      hostedUrl: state.hostedUrl,
      stripePaymentIntentId: paid?.paymentIntentId ?? null,
      stripeChargeId: paid?.chargeId ?? null,
      paidAt: state.paidAt ?? now,
    });
    if (state.amountPaid > 0)
      await postLedger(tx, {
        txId: paid?.paymentIntentId ? `charge:${paid.paymentIntentId}` : `charge:tip:${tip.id}`,
        bookingId: tip.bookingId,
        currency: tip.currency,
        entry: chargePosting(tip.bookingId, state.amountPaid),
        externalRef: paid?.chargeId ?? state.stripeInvoiceId,
        at: now,
      });
    if (credit > 0)
      await postLedger(tx, {
        txId: `credit:applied:${state.stripeInvoiceId}`,
        bookingId: tip.bookingId,
        currency: tip.currency,
        entry: creditAppliedPosting(tip.bookingId, booking.clientId, credit),
        externalRef: state.stripeInvoiceId,
        at: now,
      });
    try {
      await applyCommand(tx, booking, { type: 'tip_received', amount }, { kind: 'system' }, now);
    } catch (e) {
      // The booking left `completed` meanwhile (an admin cancelled it): the money is recorded, and an admin decides.
      if (!(e instanceof DomainError && e.code === 'ILLEGAL_TRANSITION')) throw e;
      deps.log.warn({ bookingId: booking.id, status: booking.status }, 'a tip was paid on a booking that is no longer completed');
    }
  });
}
