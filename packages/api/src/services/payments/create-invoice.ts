import { formatMoney } from '@handled/core/money';
import { planInstalments, type PlanChoice } from '@handled/core/payments';
import { formatInZone } from '@handled/core/time-in-zone';
import type { PriceSnapshot } from '@handled/core';
import { attachInstalment, createBookingInvoice, type InvoiceLine } from '@handled/integrations/stripe';
import { findBooking, setPaymentStatus, type BookingRow } from '../../repositories/bookings.ts';
import { addInstalment, dropDraftPlan, lastInstalmentSeq } from '../../repositories/instalments.ts';
import { billingCustomerOf, invoicesOfBooking, recordInvoice, saveBillingCustomer } from '../../repositories/invoices.ts';
import { findCategory, findProvider, userById } from '../../repositories/providers.ts';
import { enqueue } from '../jobs.ts';
import type { ServiceDeps } from '../deps.ts';
import { deadlinesFor, planChoiceFor } from './plan.ts';
import { planPolicy } from '../settings.ts';

const taxNames: Record<string, string> = { US: 'Sales tax', GB: 'VAT', AU: 'GST', CA: 'GST/HST', IE: 'VAT' };

export interface IssueOptions {
  /** Part of every idempotency key: `booking:<id>:v<version>:…`. */
  version: number | string;
  lines: InvoiceLine[];
  /** The tax rate applies to the taxable lines (none for a cancellation fee). */
  taxBps: number;
  plan: PlanChoice;
  description?: string;
  /** Why this invoice exists (e.g. `reprice:<event>`), kept in Stripe's metadata. */
  intent?: string;
}

/**
 * Issues one invoice for a booking: the customer (reused per client), the lines, tax (Stripe Tax or
 * the region's rate), finalized and sent, due before the service date; then the payment schedule
 * (a deposit or instalments become PaymentIntents attached to the invoice).
 */
export async function issueInvoice(deps: ServiceDeps, booking: BookingRow, opts: IssueOptions) {
  const { db } = deps;
  const [client, provider, category] = await Promise.all([
    userById(db, booking.clientId),
    findProvider(db, booking.providerId),
    findCategory(db, booking.categoryId),
  ]);
  if (!client || !provider || !category) throw new Error(`Booking ${booking.id} refers to missing rows`);
  const stripeCustomerId = await billingCustomerOf(db, client.id);
  const when = formatInZone(booking.startsAt, booking.timeZone, 'full');
  // Due on a boundary of the client's day ("by Wed 5 pm"), before the service; a plan's last payment well before it.
  const deadlines = deadlinesFor(
    booking,
    deps.now(),
    client.timeZone,
    deps.config.invoiceDaysUntilDue,
    opts.plan.kind === 'instalments',
    await planPolicy(db),
  );
  const dueAt = deadlines.firstDueAt;
  const a = booking.address;
  const state = await createBookingInvoice(deps.stripe, {
    bookingId: booking.id,
    bookingReference: booking.reference,
    version: opts.version,
    customer: { userId: client.id, email: client.email, name: client.name, stripeCustomerId },
    customerAddress: {
      line1: a.line1,
      city: a.city,
      ...(a.region ? { state: a.region } : {}),
      postal_code: a.postalCode,
      country: a.country,
    },
    currency: booking.currency,
    lines: opts.lines,
    tax: opts.taxBps > 0 ? { rateBps: opts.taxBps, displayName: taxNames[provider.country] ?? 'Tax', country: provider.country } : null,
    automaticTax: deps.config.stripeAutomaticTax ?? false,
    description: (
      opts.description ?? `Booking ${booking.reference}: ${category.name} with ${provider.displayName} on ${when}. ${booking.details}`
    ).slice(0, 500),
    dueAt,
    metadata: { provider_id: provider.userId, client_id: client.id, ...(opts.intent ? { intent: opts.intent } : {}) },
    bookingUrl: `${deps.config.webUrl}/bookings/${booking.id}`,
  });
  const now = deps.now();
  // The client's credit balance, applied by Stripe at finalization, is not collected again: the plan
  // splits what is due; an invoice the credit covers was paid at finalization and has no plan.
  const due = state.total - state.creditApplied;
  const plan =
    due <= 0
      ? []
      : planInstalments(opts.plan, {
          total: due,
          firstDueAt: state.dueAt ?? dueAt,
          lastDueAt: deadlines.lastDueAt,
          zone: client.timeZone,
        });
  // A plan of one payment uses the invoice's own payment; more become attached PaymentIntents.
  const intents = new Map<number, string>();
  if (plan.length > 1) {
    for (const p of plan) {
      intents.set(
        p.seq,
        await attachInstalment(deps.stripe, {
          invoiceId: state.stripeInvoiceId,
          customerId: state.stripeCustomerId,
          bookingId: booking.id,
          seq: p.seq,
          amount: p.amount,
          currency: booking.currency,
          description: `${p.kind === 'deposit' ? 'Deposit' : p.kind === 'balance' ? 'Balance' : `Instalment ${p.seq} of ${plan.length}`} for booking ${booking.reference}`,
        }),
      );
    }
  }
  return db.transaction(async (tx) => {
    if (!stripeCustomerId) await saveBillingCustomer(tx, client.id, state.stripeCustomerId);
    const local = await recordInvoice(tx, {
      bookingId: booking.id,
      stripeInvoiceId: state.stripeInvoiceId,
      number: state.number,
      status: state.status,
      paymentStatus: 'open',
      currency: booking.currency,
      total: state.total,
      amountPaid: state.amountPaid,
      amountRemaining: state.amountRemaining,
      hostedUrl: state.hostedUrl,
      pdfUrl: state.pdfUrl,
      dueAt: state.dueAt,
    });
    // The client's draft plan (rows without an invoice) is replaced by the real schedule.
    await dropDraftPlan(tx, booking.id);
    const seqBase = await lastInstalmentSeq(tx, booking.id);
    for (const p of plan) {
      const row = await addInstalment(tx, {
        bookingId: booking.id,
        invoiceId: local.id,
        seq: seqBase + p.seq,
        kind: p.kind,
        amount: p.amount,
        currency: booking.currency,
        dueAt: p.dueAt,
        status: 'open',
        stripePaymentIntentId: intents.get(p.seq) ?? null,
      });
      if (row)
        await enqueue(
          tx,
          {
            type: 'instalment.check',
            payload: { instalmentId: row.id, bookingId: booking.id },
            key: `instalment.check:${row.id}:due`,
            runAt: new Date(p.dueAt.getTime() + 60_000),
          },
          now,
        );
    }
    // Nothing to pay (the credit covered it): no pay link; the paid invoice confirms the booking.
    if (state.status !== 'paid')
      await enqueue(
        tx,
        {
          type: 'notify',
          payload: { bookingId: booking.id, to: 'client', template: 'invoice.sent' },
          key: `notify:invoice.sent:${state.stripeInvoiceId}`,
        },
        now,
      );
    return { invoice: local, state, plan };
  });
}

/** An invoice line per material or expense the provider added (no tax: the receipt's price is what they paid). */
export function expenseLines(expenses: readonly { description: string; amount: number }[]): InvoiceLine[] {
  return expenses.map((e) => ({ description: `Materials: ${e.description} (receipt on your booking)`, amount: e.amount, taxable: false }));
}

/** The invoice lines of a price snapshot: the service hours, the booking fee, and the materials when there are any. */
export function linesFor(
  booking: BookingRow,
  price: PriceSnapshot,
  categoryName: string,
  providerName: string,
  expenses: readonly { description: string; amount: number }[] = [],
): InvoiceLine[] {
  const hours = price.quarterHours / 4;
  const when = formatInZone(booking.startsAt, booking.timeZone, 'full');
  const a = booking.address;
  return [
    {
      description: `${categoryName} by ${providerName}: ${hours} h at ${formatMoney({ amount: price.hourlyRate, currency: price.currency })}/h, ${when}, ${a.line1}, ${a.city}`,
      amount: price.service,
      taxable: true,
    },
    { description: 'Handled booking fee', amount: price.platformFee, taxable: true },
    ...(price.expenses ? expenseLines(expenses) : []),
  ];
}

/**
 * Job `invoice.create`: the invoice for an accepted booking, with one line per item, due before the
 * service date. The amounts come from the booking's price snapshot, so the invoice total equals it.
 */
export async function createInvoiceForBooking(deps: ServiceDeps, bookingId: string): Promise<void> {
  const { db } = deps;
  const booking = await findBooking(db, bookingId);
  if (!booking) throw new Error(`Booking ${bookingId} not found`);
  const existing = await invoicesOfBooking(db, bookingId, { live: true });
  if (existing.length > 0) return;
  const [provider, category] = await Promise.all([findProvider(db, booking.providerId), findCategory(db, booking.categoryId)]);
  if (!provider || !category) throw new Error(`Booking ${bookingId} refers to missing rows`);
  const p = booking.price;
  const { state } = await issueInvoice(deps, booking, {
    version: 1,
    lines: linesFor(booking, p, category.name, provider.displayName),
    taxBps: p.taxBps,
    plan: await planChoiceFor(db, booking, provider, deps.now(), {
      zone: (await userById(db, booking.clientId))?.timeZone ?? booking.timeZone,
      maxDays: deps.config.invoiceDaysUntilDue,
    }),
  });
  await setPaymentStatus(db, booking.id, 'open', { whileNone: true });
  if (state.total !== p.total && !deps.config.stripeAutomaticTax)
    deps.log.error({ bookingId, invoiceTotal: state.total, snapshotTotal: p.total }, 'invoice total differs from the price snapshot');
}
