import { z } from 'zod';
import { TEST_PAYMENT_METHODS } from './cards.ts';
import { StripeApiError, badState, invalid } from './errors.ts';
import type { StripeRouter } from './http.ts';
import { bool, currency, expand, int, metadata, stringList, validate } from './params.ts';
import { addInvoicePayment, confirmWithCard, newPaymentIntent, settleInvoicePayments, type PaymentOutcome } from './payments.ts';
import type { RequestInfo, StripeStore } from './store.ts';
import type { PaymentIntent } from './types.ts';

const createSchema = z.strictObject({
  amount: int().refine((n) => n >= 50, 'Amount must be at least 50 cents'),
  currency: currency(),
  customer: z.string().optional(),
  payment_method: z.string().optional(),
  confirm: bool().optional(),
  description: z.string().optional(),
  metadata: metadata().optional(),
  transfer_group: z.string().optional(),
  receipt_email: z.string().optional(),
  payment_method_types: stringList().optional(),
  automatic_payment_methods: z.strictObject({ enabled: bool(), allow_redirects: z.enum(['always', 'never']).optional() }).optional(),
  off_session: bool().optional(),
  return_url: z.string().optional(),
  expand: expand(),
});

function confirmOrThrow(store: StripeStore, pi: PaymentIntent, pm: string, req: RequestInfo): PaymentOutcome {
  const number = TEST_PAYMENT_METHODS[pm];
  if (!number) throw invalid(`No such PaymentMethod: '${pm}'`, 'payment_method', 'resource_missing');
  const outcome = confirmWithCard(store, pi, { number, expMonth: 12, expYear: new Date().getUTCFullYear() + 2 }, req);
  if (!outcome.ok) {
    throw new StripeApiError({
      status: 402,
      type: 'card_error',
      code: outcome.decline.code,
      message: outcome.decline.message,
      ...(outcome.decline.declineCode ? { declineCode: outcome.decline.declineCode } : {}),
      extra: { charge: outcome.charge.id, payment_intent: structuredClone(outcome.paymentIntent) },
    });
  }
  return outcome;
}

/** PaymentIntents paid with Stripe's test PaymentMethods, and partial payments of invoices. */
export function paymentIntentRoutes(r: StripeRouter): void {
  r.post('/v1/payment_intents', ({ params, req, store }) => {
    const p = validate(createSchema, params);
    if (p.customer) store.get('customers', p.customer, 'customer', 'customer');
    const pi = newPaymentIntent(
      store,
      {
        amount: p.amount,
        currency: p.currency,
        customer: p.customer ?? null,
        description: p.description ?? null,
        ...(p.metadata ? { metadata: p.metadata } : {}),
        transferGroup: p.transfer_group ?? null,
      },
      req,
    );
    if (p.payment_method) {
      pi.payment_method = p.payment_method;
      pi.status = 'requires_confirmation';
    }
    if (p.confirm) {
      if (!p.payment_method)
        throw invalid(
          "You cannot confirm this PaymentIntent because it's missing a payment method.",
          'payment_method',
          'payment_intent_unexpected_state',
        );
      confirmOrThrow(store, pi, p.payment_method, req);
    }
    return pi;
  });

  r.post('/v1/payment_intents/:id/confirm', ({ path, params, req, store }) => {
    const pi = store.get('payment_intents', path.id!, 'payment_intent');
    const p = validate(
      z.strictObject({
        payment_method: z.string().optional(),
        return_url: z.string().optional(),
        off_session: bool().optional(),
        expand: expand(),
      }),
      params,
    );
    const pm =
      p.payment_method ??
      (typeof pi.payment_method === 'string' && pi.payment_method.startsWith('pm_card') ? pi.payment_method : undefined);
    if (!pm)
      throw invalid(
        "You cannot confirm this PaymentIntent because it's missing a payment method.",
        'payment_method',
        'payment_intent_unexpected_state',
      );
    confirmOrThrow(store, pi, pm, req);
    return pi;
  });

  r.post('/v1/payment_intents/:id/cancel', ({ path, req, store }) => {
    const pi = store.get('payment_intents', path.id!, 'payment_intent');
    if (pi.status === 'succeeded' || pi.status === 'canceled')
      throw badState(`You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`, 'payment_intent_unexpected_state');
    Object.assign(pi, { status: 'canceled', canceled_at: store.now(), cancellation_reason: 'requested_by_customer' });
    for (const rec of Object.values(store.data.invoice_payments)) {
      if (rec.payment.payment_intent === pi.id && rec.status === 'open')
        Object.assign(rec, { status: 'canceled', status_transitions: { ...rec.status_transitions, canceled_at: store.now() } });
    }
    store.emit('payment_intent.canceled', pi, req);
    return pi;
  });

  r.post('/v1/invoices/:id/attach_payment', ({ path, params, req, store }) => {
    const invoice = store.get('invoices', path.id!, 'invoice');
    const p = validate(
      z.strictObject({ payment_intent: z.string().optional(), payment_record: z.string().optional(), expand: expand() }),
      params,
    );
    if (!p.payment_intent) throw invalid('Missing required param: payment_intent.', 'payment_intent', 'parameter_missing');
    const pi = store.get('payment_intents', p.payment_intent, 'payment_intent', 'payment_intent');
    if (invoice.status !== 'open')
      throw badState(`You can only attach payments to open invoices; this invoice is ${invoice.status}.`, 'invoice_not_open');
    if (pi.currency !== invoice.currency)
      throw invalid("The PaymentIntent's currency must match the invoice's currency.", 'payment_intent');
    if (pi.customer && pi.customer !== invoice.customer)
      throw invalid("The PaymentIntent's customer must match the invoice's customer.", 'payment_intent');
    if (pi.amount > invoice.amount_remaining)
      throw invalid(
        `The PaymentIntent amount (${pi.amount}) exceeds the invoice's amount_remaining (${invoice.amount_remaining}).`,
        'payment_intent',
      );
    if (Object.values(store.data.invoice_payments).some((x) => x.payment.payment_intent === pi.id && x.status !== 'canceled')) {
      throw invalid(`PaymentIntent ${pi.id} is already attached to an invoice.`, 'payment_intent');
    }
    addInvoicePayment(store, invoice, pi, false);
    if (pi.status === 'succeeded') settleInvoicePayments(store, pi, req);
    return invoice;
  });
}
