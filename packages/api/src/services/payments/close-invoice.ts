import { voidInvoice } from '@handled/integrations/stripe';
import { invoicesOfBooking, type InvoiceRow } from '../../repositories/invoices.ts';
import { unsettledIntentInstalments } from '../../repositories/instalments.ts';
import type { ServiceDeps } from '../deps.ts';
import { syncInvoice } from './sync-invoice.ts';

/** Booking statuses after which an invoice collects nothing more (the machine voids what is unpaid). */
export const closedBookingStatuses: readonly string[] = ['cancelled', 'declined', 'expired', 'no_show'];

/**
 * What a booking no longer collects. Stripe refuses to void an invoice with open or paid payments
 * (partial payments), so: the unpaid instalments' PaymentIntents are cancelled first; an invoice
 * with nothing paid is then voided, and a partly paid one gets a pre-payment credit note for the
 * amount remaining, which closes it (Stripe marks it paid with nothing left due). Safe to repeat:
 * each step reads Stripe's state first and carries a key derived from the invoice.
 */
export async function closeInvoice(deps: ServiceDeps, inv: InvoiceRow): Promise<void> {
  if (!inv.stripeInvoiceId) return;
  const unpaid = await unsettledIntentInstalments(deps.db, inv.id);
  for (const i of unpaid) {
    const pi = await deps.stripe.paymentIntents.retrieve(i.stripePaymentIntentId!);
    if (pi.status === 'succeeded' || pi.status === 'canceled' || pi.status === 'processing') continue;
    await deps.stripe.paymentIntents.cancel(
      pi.id,
      { cancellation_reason: 'abandoned' },
      { idempotencyKey: `payment_intent:cancel:${pi.id}` },
    );
  }
  const remote = await deps.stripe.invoices.retrieve(inv.stripeInvoiceId);
  if (remote.status === 'open' || remote.status === 'uncollectible') {
    if (remote.amount_paid === 0) {
      await voidInvoice(deps.stripe, inv.stripeInvoiceId);
    } else if (remote.status === 'open' && remote.amount_remaining > 0) {
      await deps.stripe.creditNotes.create(
        {
          invoice: inv.stripeInvoiceId,
          amount: remote.amount_remaining,
          reason: 'order_change',
          memo: 'The unpaid rest is cancelled: the booking was closed.',
        },
        { idempotencyKey: `credit_note:remainder:${inv.stripeInvoiceId}` },
      );
    }
  }
  // Our rows (status, instalments, the booking's payment status) from Stripe's state, as the webhook would.
  await syncInvoice(deps, inv.stripeInvoiceId);
}

/** The booking's invoices that may still collect, each closed. */
export async function closeBookingInvoices(deps: ServiceDeps, bookingId: string): Promise<void> {
  const open = await invoicesOfBooking(deps.db, bookingId);
  for (const inv of open.filter((i) => i.status === 'open' || i.status === 'draft' || i.status === 'uncollectible'))
    await closeInvoice(deps, inv);
}
