import { newId, randomToken } from '../shared/ids.ts';
import { TEST_CARDS, type CardDecline } from './cards.ts';
import { badState } from './errors.ts';
import type { RequestInfo, StripeStore } from './store.ts';
import type { Charge, Invoice, InvoicePayment, PaymentIntent } from './types.ts';

export interface CardDetails {
  number: string;
  expMonth: number;
  expYear: number;
  postalCode?: string;
}

export type PaymentOutcome =
  | { ok: true; paymentIntent: PaymentIntent; charge: Charge }
  | { ok: false; paymentIntent: PaymentIntent; charge: Charge; decline: CardDecline };

export interface PaymentIntentInit {
  amount: number;
  currency: string;
  customer: string | null;
  description?: string | null;
  metadata?: Record<string, string>;
  transferGroup?: string | null;
}

/** A PaymentIntent waiting for a payment method (`payment_intent.created`). */
export function newPaymentIntent(store: StripeStore, init: PaymentIntentInit, req: RequestInfo): PaymentIntent {
  const pi: PaymentIntent = {
    id: newId('pi'),
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: init.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: '',
    confirmation_method: 'automatic',
    created: store.now(),
    currency: init.currency,
    customer: init.customer,
    customer_account: null,
    description: init.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: init.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: init.transferGroup ?? null,
  };
  pi.client_secret = `${pi.id}_secret_${randomToken(24)}`;
  store.data.payment_intents[pi.id] = pi;
  store.emit('payment_intent.created', pi, req);
  return pi;
}

/** Records a PaymentIntent as a payment of an invoice (open until the intent succeeds). */
export function addInvoicePayment(store: StripeStore, invoice: Invoice, pi: PaymentIntent, isDefault: boolean): InvoicePayment {
  const record: InvoicePayment = {
    id: newId('inpay'),
    object: 'invoice_payment',
    amount_paid: null,
    amount_requested: pi.amount,
    created: store.now(),
    currency: invoice.currency,
    invoice: invoice.id,
    is_default: isDefault,
    livemode: false,
    payment: { type: 'payment_intent', payment_intent: pi.id },
    status: 'open',
    status_transitions: { canceled_at: null, paid_at: null },
  };
  store.data.invoice_payments[record.id] = record;
  store.changed();
  return record;
}

/** The invoice's default PaymentIntent (made on the first attempt, reused after a decline). */
function invoicePaymentIntent(store: StripeStore, invoice: Invoice, req: RequestInfo): PaymentIntent {
  const open = Object.values(store.data.invoice_payments).find((p) => p.invoice === invoice.id && p.status === 'open' && p.is_default);
  const existing = open?.payment.payment_intent ? store.data.payment_intents[open.payment.payment_intent] : undefined;
  if (open && existing) {
    existing.amount = invoice.amount_remaining;
    open.amount_requested = invoice.amount_remaining;
    return existing;
  }
  const pi = newPaymentIntent(
    store,
    {
      amount: invoice.amount_remaining,
      currency: invoice.currency,
      customer: invoice.customer,
      description: `Payment for Invoice ${invoice.number ?? invoice.id}`,
    },
    req,
  );
  addInvoicePayment(store, invoice, pi, true);
  return pi;
}

/** Applies a PaymentIntent's result to the invoices it pays (paid / payment_failed). */
export function settleInvoicePayments(store: StripeStore, pi: PaymentIntent, req: RequestInfo): void {
  const now = store.now();
  for (const record of Object.values(store.data.invoice_payments)) {
    if (record.payment.payment_intent !== pi.id || record.status !== 'open') continue;
    const invoice = store.data.invoices[record.invoice];
    if (!invoice) continue;
    invoice.attempted = true;
    invoice.attempt_count += 1;
    if (pi.status !== 'succeeded') {
      store.emit('invoice.payment_failed', invoice, req);
      continue;
    }
    record.status = 'paid';
    record.amount_paid = pi.amount_received;
    record.status_transitions.paid_at = now;
    invoice.amount_paid += pi.amount_received;
    invoice.amount_remaining = Math.max(0, invoice.amount_due - invoice.amount_paid);
    store.emit('invoice_payment.paid', record, req);
    if (invoice.amount_remaining === 0 && invoice.status === 'open') {
      invoice.status = 'paid';
      invoice.status_transitions.paid_at = now;
      store.emit('invoice.paid', invoice, req);
    } else {
      store.emit('invoice.updated', invoice, req);
    }
    store.emit('invoice.payment_succeeded', invoice, req);
  }
}

/** Charges a test card for a PaymentIntent: succeeded, or declined with `last_payment_error`. */
export function confirmWithCard(store: StripeStore, pi: PaymentIntent, card: CardDetails, req: RequestInfo): PaymentOutcome {
  if (pi.status === 'succeeded' || pi.status === 'canceled')
    throw badState(`This PaymentIntent's status is ${pi.status}, so it cannot be confirmed.`, 'payment_intent_unexpected_state');
  const decline = TEST_CARDS[card.number]?.decline;
  const charge = newCharge(store, pi, card, decline);
  charge.transfer_group = pi.transfer_group as string | null;
  if (decline) {
    pi.status = 'requires_payment_method';
    pi.last_payment_error = {
      type: 'card_error',
      code: decline.code,
      ...(decline.declineCode ? { decline_code: decline.declineCode } : {}),
      message: decline.message,
      charge: charge.id,
      payment_method: { id: pi.payment_method, object: 'payment_method', type: 'card' },
    };
    store.emit('charge.failed', charge, req);
    store.emit('payment_intent.payment_failed', pi, req);
    settleInvoicePayments(store, pi, req);
    return { ok: false, paymentIntent: pi, charge, decline };
  }
  pi.status = 'succeeded';
  pi.amount_received = pi.amount;
  pi.last_payment_error = null;
  store.emit('charge.succeeded', charge, req);
  store.emit('payment_intent.succeeded', pi, req);
  settleInvoicePayments(store, pi, req);
  return { ok: true, paymentIntent: pi, charge };
}

export function newCharge(store: StripeStore, pi: PaymentIntent, card: CardDetails, decline?: CardDecline): Charge {
  const test = TEST_CARDS[card.number];
  const pm = newId('pm');
  const charge: Charge = {
    id: newId('ch'),
    object: 'charge',
    amount: pi.amount,
    amount_captured: decline ? 0 : pi.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: decline ? null : newId('txn'),
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: card.postalCode ?? null, state: null },
      email: null,
      name: null,
      phone: null,
    },
    calculated_statement_descriptor: store.accountName.toUpperCase().slice(0, 22),
    captured: !decline,
    created: store.now(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: decline?.code ?? null,
    failure_message: decline?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: decline
      ? {
          network_status: 'declined_by_network',
          reason: decline.declineCode ?? decline.code,
          risk_level: 'normal',
          risk_score: 20,
          seller_message: 'The bank did not return any further details with this decline.',
          type: 'issuer_declined',
        }
      : {
          network_status: 'approved_by_network',
          reason: null,
          risk_level: 'normal',
          risk_score: 20,
          seller_message: 'Payment complete.',
          type: 'authorized',
        },
    paid: !decline,
    payment_intent: pi.id,
    payment_method: pm,
    payment_method_details: {
      type: 'card',
      card: {
        brand: test?.brand ?? 'unknown',
        country: 'US',
        exp_month: card.expMonth,
        exp_year: card.expYear,
        funding: test?.funding ?? 'credit',
        last4: card.number.slice(-4),
        network: test?.brand ?? 'unknown',
        checks: { address_line1_check: null, address_postal_code_check: card.postalCode ? 'pass' : null, cvc_check: 'pass' },
      },
    },
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    refunds: { object: 'list', data: [], has_more: false, total_count: 0, url: '' },
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: decline ? 'failed' : 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
  charge.receipt_url = `${store.publicUrl}/_/stripe/receipts/${charge.id}`;
  charge.refunds = { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/charges/${charge.id}/refunds` };
  store.data.charges[charge.id] = charge;
  pi.payment_method = pm;
  pi.latest_charge = charge.id;
  return charge;
}

/**
 * The payment a customer makes next on the hosted page: the earliest open PaymentIntent the
 * platform attached (a deposit or an instalment, Stripe's partial payments), else the rest.
 */
export function nextPaymentIntent(store: StripeStore, invoice: Invoice): PaymentIntent | undefined {
  const attached = Object.values(store.data.invoice_payments)
    .filter((p) => p.invoice === invoice.id && p.status === 'open' && !p.is_default)
    .map((p) => (p.payment.payment_intent ? store.data.payment_intents[p.payment.payment_intent] : undefined))
    .filter((pi): pi is PaymentIntent => !!pi && pi.status !== 'succeeded' && pi.status !== 'canceled')
    .sort(
      (a, b) =>
        Number(a.metadata['instalment_seq'] ?? 0) - Number(b.metadata['instalment_seq'] ?? 0) || Number(a.created) - Number(b.created),
    );
  return attached[0];
}

/** Charges a test card for the next payment due on an open invoice, with the events Stripe sends. */
export function payInvoiceWithCard(store: StripeStore, invoice: Invoice, card: CardDetails, req: RequestInfo): PaymentOutcome {
  if (invoice.status !== 'open') throw badState(`Invoice is ${invoice.status}; only open invoices can be paid.`, 'invoice_not_open');
  return confirmWithCard(store, nextPaymentIntent(store, invoice) ?? invoicePaymentIntent(store, invoice, req), card, req);
}

/** `pay` with `paid_out_of_band=true`: settled outside Stripe, no charge. */
export function payOutOfBand(store: StripeStore, invoice: Invoice, req: RequestInfo): void {
  const now = store.now();
  for (const p of Object.values(store.data.invoice_payments)) {
    if (p.invoice === invoice.id && p.status === 'open') {
      p.status = 'canceled';
      p.status_transitions.canceled_at = now;
      const pi = p.payment.payment_intent ? store.data.payment_intents[p.payment.payment_intent] : undefined;
      if (pi) Object.assign(pi, { status: 'canceled', canceled_at: now, cancellation_reason: 'void_invoice' });
    }
  }
  invoice.amount_paid_off_stripe += invoice.amount_remaining;
  invoice.amount_paid += invoice.amount_remaining;
  invoice.amount_remaining = 0;
  invoice.status = 'paid';
  invoice.status_transitions.paid_at = now;
  store.emit('invoice.paid', invoice, req);
}
