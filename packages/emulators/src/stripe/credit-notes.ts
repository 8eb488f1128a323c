import { z } from 'zod';
import { newId } from '../shared/ids.ts';
import { badState, invalid } from './errors.ts';
import { listOf, type StripeRouter } from './http.ts';
import { expand, int, listParams, metadata, validate } from './params.ts';
import { appliedBalance } from './invoice-math.ts';
import { refundCharge } from './refunds.ts';
import type { StripeStore } from './store.ts';
import type { CreditNote, Invoice } from './types.ts';

const nonNegative = () => int().refine((n) => n >= 0, 'must be non-negative');

const createSchema = z.strictObject({
  invoice: z.string(),
  amount: nonNegative().optional(),
  lines: z
    .array(
      z.strictObject({
        type: z.enum(['custom_line_item', 'invoice_line_item']),
        amount: nonNegative().optional(),
        unit_amount: nonNegative().optional(),
        quantity: nonNegative().optional(),
        description: z.string().optional(),
        invoice_line_item: z.string().optional(),
        tax_rates: z.unknown().optional(),
      }),
    )
    .optional(),
  refunds: z.array(z.strictObject({ refund: z.string(), amount_refunded: nonNegative().optional() })).optional(),
  refund_amount: nonNegative().optional(),
  credit_amount: nonNegative().optional(),
  out_of_band_amount: nonNegative().optional(),
  reason: z.enum(['duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory']).optional(),
  memo: z.string().optional(),
  metadata: metadata().optional(),
  email_type: z.unknown().optional(),
  expand: expand(),
});

/** The charge that paid an invoice (through its paid invoice payment). */
export function invoiceCharge(store: StripeStore, invoice: Invoice) {
  const payment = Object.values(store.data.invoice_payments).find(
    (p) => p.invoice === invoice.id && p.status === 'paid' && p.payment.payment_intent,
  );
  const pi = payment?.payment.payment_intent ? store.data.payment_intents[payment.payment.payment_intent] : undefined;
  return pi?.latest_charge ? store.data.charges[pi.latest_charge] : undefined;
}

export function creditNoteRoutes(r: StripeRouter): void {
  r.post('/v1/credit_notes', ({ params, req, store }) => {
    const p = validate(createSchema, params);
    const invoice = store.get('invoices', p.invoice, 'invoice', 'invoice');
    if (invoice.status !== 'open' && invoice.status !== 'paid')
      throw badState(`You can only create credit notes for open or paid invoices; this invoice is ${invoice.status}.`, 'invoice_not_open');
    const lineAmounts = (p.lines ?? []).map((l) => l.amount ?? (l.unit_amount ?? 0) * (l.quantity ?? 1));
    const amount = p.amount ?? (p.lines ? lineAmounts.reduce((s, a) => s + a, 0) : undefined);
    if (amount === undefined) throw invalid('Missing required param: amount or lines.', 'amount', 'parameter_missing');
    const previous = Object.values(store.data.credit_notes).filter((c) => c.invoice === invoice.id && c.status !== 'void');
    const credited = previous.reduce((s, c) => s + c.amount, 0);
    if (amount + credited > invoice.total)
      throw invalid(
        `The credit note amount (${amount}) exceeds what is left to credit on the invoice (${invoice.total - credited}).`,
        'amount',
      );

    const refunds = (p.refunds ?? []).map((x) => {
      const refund = store.get('refunds', x.refund, 'refund', 'refunds');
      return { amount_refunded: x.amount_refunded ?? refund.amount, refund: refund.id, payment_record_refund: null, type: 'refund' };
    });
    const refunded = refunds.reduce((s, x) => s + x.amount_refunded, 0) + (p.refund_amount ?? 0);
    // First off what is still due (pre-payment), the rest after payment: refunds, credit or out of band.
    const prePayment = invoice.status === 'open' ? Math.min(amount, invoice.amount_remaining) : 0;
    const postPayment = amount - prePayment;
    const outOfBand = p.out_of_band_amount ?? 0;
    const credit = p.credit_amount ?? (postPayment > 0 ? postPayment - refunded - outOfBand : 0);
    if (refunded + outOfBand + credit !== postPayment) {
      throw invalid(
        `The sum of refunds (${refunded}), credit_amount (${credit}) and out_of_band_amount (${outOfBand}) must equal the credit note's post-payment amount (${postPayment}).`,
        'amount',
      );
    }
    if (p.refund_amount) {
      const charge = invoiceCharge(store, invoice);
      if (!charge) throw invalid('This invoice has no charge to refund.', 'refund_amount');
      const refund = refundCharge(store, charge, p.refund_amount, req);
      refunds.push({ amount_refunded: refund.amount, refund: refund.id, payment_record_refund: null, type: 'refund' });
    }
    const now = store.now();
    const note: CreditNote = {
      id: newId('cn'),
      object: 'credit_note',
      amount,
      amount_shipping: 0,
      created: now,
      currency: invoice.currency,
      customer: invoice.customer,
      customer_balance_transaction: null,
      discount_amount: 0,
      discount_amounts: [],
      effective_at: now,
      invoice: invoice.id,
      lines: {
        object: 'list',
        data: (p.lines ?? [{ type: 'custom_line_item', description: p.memo ?? 'Credit' }]).map((l, i) => ({
          id: newId('cnli'),
          object: 'credit_note_line_item',
          amount: lineAmounts[i] ?? amount,
          description: l.description ?? null,
          discount_amount: 0,
          discount_amounts: [],
          invoice_line_item: l.invoice_line_item ?? null,
          livemode: false,
          quantity: l.quantity ?? 1,
          taxes: [],
          type: l.type,
          unit_amount: l.unit_amount ?? null,
          unit_amount_decimal: l.unit_amount !== undefined ? String(l.unit_amount) : null,
        })),
        has_more: false,
        url: '',
      },
      livemode: false,
      memo: p.memo ?? null,
      metadata: p.metadata ?? {},
      number: `${invoice.number ?? invoice.id}-CN-${String(previous.length + 1).padStart(2, '0')}`,
      out_of_band_amount: p.out_of_band_amount ?? null,
      pdf: `${store.publicUrl}/_/stripe/invoices/${invoice.id}/pdf`,
      post_payment_amount: postPayment,
      pre_payment_amount: prePayment,
      reason: p.reason ?? null,
      refunds,
      shipping_cost: null,
      status: 'issued',
      subtotal: amount,
      subtotal_excluding_tax: amount,
      total: amount,
      total_excluding_tax: amount,
      total_taxes: [],
      type: prePayment === 0 ? 'post_payment' : postPayment === 0 ? 'pre_payment' : 'mixed',
      voided_at: null,
    };
    store.data.credit_notes[note.id] = note;
    invoice.post_payment_credit_notes_amount += postPayment;
    if (prePayment > 0) {
      invoice.pre_payment_credit_notes_amount = Number(invoice.pre_payment_credit_notes_amount ?? 0) + prePayment;
      invoice.amount_due = Math.max(0, invoice.total - appliedBalance(invoice) - Number(invoice.pre_payment_credit_notes_amount));
      invoice.amount_remaining = Math.max(0, invoice.amount_due - invoice.amount_paid);
    }
    store.emit('credit_note.created', note, req);
    if (prePayment > 0 && invoice.amount_remaining === 0) {
      invoice.status = 'paid';
      invoice.status_transitions.paid_at = now;
      store.emit('invoice.paid', invoice, req);
    } else {
      store.emit('invoice.updated', invoice, req);
    }
    return note;
  });

  r.get('/v1/credit_notes/:id', ({ path, store }) => store.get('credit_notes', path.id!, 'credit_note'));

  r.get('/v1/credit_notes', ({ params, store }) => {
    const p = validate(z.strictObject({ ...listParams, invoice: z.string().optional(), customer: z.string().optional() }), params);
    const all = Object.values(store.data.credit_notes)
      .filter((c) => (!p.invoice || c.invoice === p.invoice) && (!p.customer || c.customer === p.customer))
      .reverse();
    return listOf(all, params, '/v1/credit_notes');
  });
}
