import { z } from 'zod';
import { TEST_PAYMENT_METHODS } from './cards.ts';
import { StripeApiError, badState, invalid } from './errors.ts';
import type { StripeRouter } from './http.ts';
import { addBalanceTransaction } from './customers.ts';
import { appliedBalance } from './invoice-math.ts';
import { bool, expand, validate } from './params.ts';
import { payInvoiceWithCard, payOutOfBand } from './payments.ts';
import type { RequestInfo, StripeStore } from './store.ts';
import type { Invoice } from './types.ts';

const actionSchema = z.strictObject({ expand: expand(), auto_advance: bool().optional() });
const paySchema = z.strictObject({
  expand: expand(),
  paid_out_of_band: bool().optional(),
  payment_method: z.string().optional(),
  source: z.string().optional(),
  forgive: bool().optional(),
  off_session: bool().optional(),
});

/**
 * Finalizing: number, hosted URL and PDF. The customer's balance in the invoice's currency is
 * applied as Stripe does: a credit (negative balance) comes off `amount_due`, at most the total, a
 * debit is added to it; `starting_balance`/`ending_balance` show the balance before and after, and
 * an `applied_to_invoice` balance transaction records the move. An invoice with nothing due (a zero
 * total, or one the credit covers) is paid at once with `amount_paid` 0.
 */
export function finalizeInvoice(store: StripeStore, invoice: Invoice, req: RequestInfo): void {
  if (invoice.status !== 'draft')
    throw badState(`This invoice is already finalized, you can't re-finalize a non-draft invoice.`, 'invoice_not_editable');
  const customer = store.get('customers', invoice.customer, 'customer', 'customer');
  const now = store.now();
  invoice.number = `${customer.invoice_prefix}-${String(customer.next_invoice_sequence).padStart(4, '0')}`;
  customer.next_invoice_sequence += 1;
  invoice.status = 'open';
  invoice.status_transitions.finalized_at = now;
  invoice.effective_at = now;
  invoice.automatically_finalizes_at = null;
  invoice.hosted_invoice_url = `${store.publicUrl}/_/stripe/invoices/${invoice.id}`;
  invoice.invoice_pdf = `${store.publicUrl}/_/stripe/invoices/${invoice.id}/pdf`;
  applyCustomerBalance(store, invoice, req);
  store.emit('invoice.finalized', invoice, req);
  if (invoice.amount_due === 0) {
    invoice.status = 'paid';
    invoice.status_transitions.paid_at = now;
    store.emit('invoice.paid', invoice, req);
  }
}

function applyCustomerBalance(store: StripeStore, invoice: Invoice, req: RequestInfo): void {
  const customer = store.get('customers', invoice.customer, 'customer', 'customer');
  const balance = customer.currency === invoice.currency ? Number(customer.balance ?? 0) : 0;
  // A credit covers at most the total; a debit is added in full.
  const applied = balance < 0 ? Math.max(balance, -invoice.total) : balance;
  invoice.starting_balance = balance;
  invoice.ending_balance = balance - applied;
  invoice.amount_due = Math.max(0, invoice.total + applied);
  invoice.amount_remaining = Math.max(0, invoice.amount_due - invoice.amount_paid);
  if (applied !== 0)
    addBalanceTransaction(
      store,
      customer,
      { amount: -applied, currency: invoice.currency, description: null, metadata: {}, type: 'applied_to_invoice', invoice: invoice.id },
      req,
    );
}

/** A voided invoice gives back the balance its finalization took (`unapplied_from_invoice`). */
function returnCustomerBalance(store: StripeStore, invoice: Invoice, req: RequestInfo): void {
  const taken = -appliedBalance(invoice);
  if (taken === 0) return;
  const customer = store.get('customers', invoice.customer, 'customer', 'customer');
  addBalanceTransaction(
    store,
    customer,
    { amount: taken, currency: invoice.currency, description: null, metadata: {}, type: 'unapplied_from_invoice', invoice: invoice.id },
    req,
  );
}

export function invoiceActionRoutes(r: StripeRouter): void {
  r.post('/v1/invoices/:id/finalize', ({ path, params, req, store }) => {
    const p = validate(actionSchema, params);
    const invoice = store.get('invoices', path.id!, 'invoice');
    if (p.auto_advance !== undefined) invoice.auto_advance = p.auto_advance;
    finalizeInvoice(store, invoice, req);
    return invoice;
  });

  r.post('/v1/invoices/:id/send', ({ path, params, req, store }) => {
    validate(actionSchema, params);
    const invoice = store.get('invoices', path.id!, 'invoice');
    if (invoice.collection_method !== 'send_invoice')
      throw invalid('You can only manually send an invoice if its collection method is `send_invoice`.', 'collection_method');
    if (invoice.status === 'draft') finalizeInvoice(store, invoice, req);
    if (invoice.status !== 'open')
      throw badState(`You can only send open invoices; this invoice is ${invoice.status}.`, 'invoice_not_open');
    // Test mode sends no email but still records the event.
    store.emit('invoice.sent', invoice, req);
    return invoice;
  });

  r.post('/v1/invoices/:id/pay', ({ path, params, req, store }) => {
    const p = validate(paySchema, params);
    const invoice = store.get('invoices', path.id!, 'invoice');
    if (invoice.status === 'draft') finalizeInvoice(store, invoice, req);
    if (invoice.status === 'paid') throw badState('Invoice is already paid.', 'invoice_already_paid');
    if (invoice.status !== 'open') throw badState(`This invoice can no longer be paid: it is ${invoice.status}.`, 'invoice_not_open');
    if (p.paid_out_of_band) {
      payOutOfBand(store, invoice, req);
      return invoice;
    }
    const pm = p.payment_method ?? p.source;
    const number = pm ? TEST_PAYMENT_METHODS[pm] : undefined;
    if (!pm)
      throw invalid(
        'This customer has no attached payment source or default payment method. Please consider adding a default payment method.',
        'payment_method',
        'invoice_no_customer_line_items',
      );
    if (!number) throw invalid(`No such PaymentMethod: '${pm}'`, 'payment_method', 'resource_missing');
    const outcome = payInvoiceWithCard(store, invoice, { number, expMonth: 12, expYear: new Date().getUTCFullYear() + 2 }, req);
    if (!outcome.ok) {
      throw new StripeApiError({
        status: 402,
        type: 'card_error',
        code: outcome.decline.code,
        message: outcome.decline.message,
        ...(outcome.decline.declineCode ? { declineCode: outcome.decline.declineCode } : {}),
        extra: { charge: outcome.charge.id, payment_intent: outcome.paymentIntent },
      });
    }
    return invoice;
  });

  r.post('/v1/invoices/:id/void', ({ path, params, req, store }) => {
    validate(actionSchema, params);
    const invoice = store.get('invoices', path.id!, 'invoice');
    if (invoice.status !== 'open' && invoice.status !== 'uncollectible') {
      throw badState(`You can only void open or uncollectible invoices; this invoice is ${invoice.status}.`, 'invoice_not_open');
    }
    // Partial payments: an invoice with open or paid payments cannot be voided (cancel the open
    // PaymentIntents; a partly paid invoice is closed with a credit note for what remains).
    const blocking = Object.values(store.data.invoice_payments).filter(
      (x) => x.invoice === invoice.id && (x.status === 'paid' || (x.status === 'open' && !x.is_default)),
    );
    if (blocking.length > 0) {
      throw badState(
        `You can't void an invoice that has ${blocking.some((x) => x.status === 'paid') ? 'paid' : 'open'} payments. Cancel the open payments' PaymentIntents, or issue a credit note for the amount remaining.`,
        'invoice_not_open',
      );
    }
    invoice.status = 'void';
    invoice.status_transitions.voided_at = store.now();
    invoice.amount_remaining = 0;
    returnCustomerBalance(store, invoice, req);
    store.emit('invoice.voided', invoice, req);
    return invoice;
  });

  r.post('/v1/invoices/:id/mark_uncollectible', ({ path, params, req, store }) => {
    validate(actionSchema, params);
    const invoice = store.get('invoices', path.id!, 'invoice');
    if (invoice.status !== 'open')
      throw badState(`You can only mark open invoices uncollectible; this invoice is ${invoice.status}.`, 'invoice_not_open');
    invoice.status = 'uncollectible';
    invoice.status_transitions.marked_uncollectible_at = store.now();
    store.emit('invoice.marked_uncollectible', invoice, req);
    return invoice;
  });
}
