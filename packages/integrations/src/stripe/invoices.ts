import type Stripe from 'stripe';
import type { Currency } from '@handled/core/money';

export interface InvoiceLine {
  description: string;
  amount: number;
  /** Whether the region's tax rate applies to this line. */
  taxable: boolean;
}

export interface BookingInvoiceRequest {
  bookingId: string;
  bookingReference: string;
  /** Bumped when a changed booking needs a new invoice, so idempotency keys stay distinct. */
  version: number | string;
  customer: { userId: string; email: string; name: string; stripeCustomerId: string | null };
  currency: Currency;
  lines: InvoiceLine[];
  tax: { rateBps: number; displayName: string; country: string; region?: string } | null;
  /** Stripe Tax computes the tax from the customer's address instead of our rate. */
  automaticTax?: boolean;
  customerAddress?: { line1: string; city: string; state?: string; postal_code: string; country: string };
  description: string;
  /** When the client must pay (before the service). */
  dueAt: Date;
  metadata: Record<string, string>;
  /** The client's booking page: kept as `metadata.booking_url` and printed in the footer, so the hosted page and the PDF lead back to it. */
  bookingUrl?: string;
}

export interface InvoiceState {
  stripeInvoiceId: string;
  stripeCustomerId: string;
  number: string | null;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  total: number;
  amountPaid: number;
  amountRemaining: number;
  /**
   * What the customer's credit balance paid of the invoice when Stripe finalized it
   * (`ending_balance - starting_balance`, so `total - amount_due` before any credit note); 0 when
   * there was no credit, and a debit the balance added is not counted.
   */
  creditApplied: number;
  hostedUrl: string | null;
  pdfUrl: string | null;
  dueAt: Date | null;
  paidAt: Date | null;
  currency: string;
  bookingId: string | null;
  /** Why the invoice exists beyond the booking itself (`tip`, `reprice:<event>`), from its metadata. */
  intent: string | null;
  /** The tip a tip invoice pays (our id, from its metadata). */
  tipId: string | null;
}

export function toInvoiceState(inv: Stripe.Invoice): InvoiceState {
  const customer = typeof inv.customer === 'string' ? inv.customer : (inv.customer?.id ?? '');
  const paidAt = inv.status_transitions?.paid_at;
  return {
    stripeInvoiceId: inv.id ?? '',
    stripeCustomerId: customer,
    number: inv.number ?? null,
    status: (inv.status ?? 'draft') as InvoiceState['status'],
    total: inv.total,
    amountPaid: inv.amount_paid,
    amountRemaining: inv.amount_remaining,
    creditApplied:
      inv.ending_balance === null || inv.ending_balance === undefined ? 0 : Math.max(0, inv.ending_balance - (inv.starting_balance ?? 0)),
    hostedUrl: inv.hosted_invoice_url ?? null,
    pdfUrl: inv.invoice_pdf ?? null,
    dueAt: inv.due_date ? new Date(inv.due_date * 1000) : null,
    paidAt: paidAt ? new Date(paidAt * 1000) : null,
    currency: inv.currency.toUpperCase(),
    bookingId: inv.metadata?.['booking_id'] ?? null,
    intent: inv.metadata?.['intent'] ?? null,
    tipId: inv.metadata?.['tip_id'] ?? null,
  };
}

/**
 * Creates (or, on a retried job, finds again) the customer, the tax rate, the invoice and its
 * lines, then finalizes and sends it. Every POST carries an idempotency key derived from the
 * booking and its version, so a retry cannot make a second invoice.
 */
export async function createBookingInvoice(stripe: Stripe, req: BookingInvoiceRequest): Promise<InvoiceState> {
  const key = (step: string) => `booking:${req.bookingId}:v${req.version}:${step}`;
  const customerId =
    req.customer.stripeCustomerId ??
    (
      await stripe.customers.create(
        {
          email: req.customer.email,
          name: req.customer.name,
          metadata: { user_id: req.customer.userId },
          ...(req.customerAddress ? { address: req.customerAddress } : {}),
        },
        { idempotencyKey: `customer:${req.customer.userId}` },
      )
    ).id;

  let taxRateId: string | undefined;
  if (req.tax && req.tax.rateBps > 0 && !req.automaticTax) {
    const rate = await stripe.taxRates.create(
      {
        display_name: req.tax.displayName,
        percentage: req.tax.rateBps / 100,
        inclusive: false,
        country: req.tax.country,
        ...(req.tax.region ? { state: req.tax.region } : {}),
      },
      { idempotencyKey: `tax-rate:${req.tax.country}:${req.tax.region ?? ''}:${req.tax.rateBps}` },
    );
    taxRateId = rate.id;
  }

  const invoice = await stripe.invoices.create(
    {
      customer: customerId,
      collection_method: 'send_invoice',
      due_date: Math.floor(req.dueAt.getTime() / 1000),
      auto_advance: false,
      currency: req.currency.toLowerCase(),
      description: req.description,
      metadata: {
        ...req.metadata,
        booking_id: req.bookingId,
        booking_reference: req.bookingReference,
        ...(req.bookingUrl ? { booking_url: req.bookingUrl } : {}),
      },
      ...(req.bookingUrl ? { footer: `Your booking ${req.bookingReference}: ${req.bookingUrl}` } : {}),
      pending_invoice_items_behavior: 'exclude',
      ...(req.automaticTax ? { automatic_tax: { enabled: true } } : {}),
    },
    { idempotencyKey: key('invoice') },
  );
  const invoiceId = invoice.id ?? '';
  for (const [i, line] of req.lines.entries()) {
    await stripe.invoiceItems.create(
      {
        customer: customerId,
        invoice: invoiceId,
        currency: req.currency.toLowerCase(),
        amount: line.amount,
        description: line.description,
        ...(line.taxable && taxRateId ? { tax_rates: [taxRateId] } : {}),
        metadata: { booking_id: req.bookingId },
      },
      { idempotencyKey: key(`line:${i}`) },
    );
  }
  const finalized = await stripe.invoices.finalizeInvoice(invoiceId, {}, { idempotencyKey: key('finalize') });
  // An invoice the customer's credit balance covered was paid at finalization: nothing to send.
  if (finalized.status === 'paid') return toInvoiceState(finalized);
  const sent = await stripe.invoices.sendInvoice(invoiceId, {}, { idempotencyKey: key('send') });
  return toInvoiceState({ ...finalized, ...sent });
}

export async function retrieveInvoice(stripe: Stripe, invoiceId: string): Promise<InvoiceState> {
  return toInvoiceState(await stripe.invoices.retrieve(invoiceId));
}

export interface InvoicePaymentState {
  paymentIntentId: string | null;
  chargeId: string | null;
  amount: number;
  status: 'open' | 'paid' | 'canceled' | 'failed';
  paidAt: Date | null;
  instalmentSeq: number | null;
}

/**
 * The invoice and each of its payments (partial payments: one PaymentIntent per deposit or
 * instalment), read fresh from Stripe.
 */
export async function retrieveInvoiceWithPayments(
  stripe: Stripe,
  invoiceId: string,
): Promise<InvoiceState & { payments: InvoicePaymentState[] }> {
  const inv = await stripe.invoices.retrieve(invoiceId, { expand: ['payments.data.payment.payment_intent'] });
  const list = inv.payments?.data ?? [];
  const payments = list.map((p): InvoicePaymentState => {
    const pi = p.payment.payment_intent;
    const intent = pi && typeof pi !== 'string' ? pi : null;
    const failed = p.status === 'open' && !!intent?.last_payment_error;
    return {
      paymentIntentId: typeof pi === 'string' ? pi : (intent?.id ?? null),
      chargeId: intent ? (typeof intent.latest_charge === 'string' ? intent.latest_charge : (intent.latest_charge?.id ?? null)) : null,
      amount: p.status === 'paid' ? (p.amount_paid ?? p.amount_requested) : p.amount_requested,
      status: failed ? 'failed' : (p.status as 'open' | 'paid' | 'canceled'),
      paidAt: p.status_transitions?.paid_at ? new Date(p.status_transitions.paid_at * 1000) : null,
      instalmentSeq: intent?.metadata?.['instalment_seq'] ? Number(intent.metadata['instalment_seq']) : null,
    };
  });
  return { ...toInvoiceState(inv), payments };
}

/**
 * Partial payments: one PaymentIntent per deposit or instalment, attached to the invoice, so the
 * hosted page (or the site) collects them one by one. Keys name the invoice and the instalment.
 */
export async function attachInstalment(
  stripe: Stripe,
  p: { invoiceId: string; customerId: string; bookingId: string; seq: number; amount: number; currency: string; description: string },
): Promise<string> {
  const pi = await stripe.paymentIntents.create(
    {
      amount: p.amount,
      currency: p.currency.toLowerCase(),
      customer: p.customerId,
      description: p.description,
      metadata: { booking_id: p.bookingId, invoice_id: p.invoiceId, instalment_seq: String(p.seq) },
    },
    { idempotencyKey: `instalment:${p.invoiceId}:${p.seq}` },
  );
  try {
    await stripe.invoices.attachPayment(
      p.invoiceId,
      { payment_intent: pi.id },
      { idempotencyKey: `instalment:${p.invoiceId}:${p.seq}:attach` },
    );
  } catch (e) {
    // A retry after a lost answer: the intent is attached already.
    if (!(e instanceof Error && /already attached/.test(e.message))) throw e;
  }
  return pi.id;
}

/** Voids an open invoice; one that cannot be voided any more is returned as it is. */
export async function voidInvoice(stripe: Stripe, invoiceId: string): Promise<InvoiceState> {
  const current = await stripe.invoices.retrieve(invoiceId);
  if (current.status !== 'open' && current.status !== 'uncollectible') return toInvoiceState(current);
  return toInvoiceState(await stripe.invoices.voidInvoice(invoiceId, {}, { idempotencyKey: `invoice:void:${invoiceId}` }));
}
