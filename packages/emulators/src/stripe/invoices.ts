import { z } from 'zod';
import { newId } from '../shared/ids.ts';
import { badState, invalid } from './errors.ts';
import { listOf, type StripeRouter } from './http.ts';
import { recomputeInvoice } from './invoice-math.ts';
import { bool, currency, expand, int, listParams, mergeMetadata, metadata, stringList, validate } from './params.ts';
import type { Invoice } from './types.ts';

const DAY = 86_400;

const common = {
  auto_advance: bool().optional(),
  collection_method: z.enum(['charge_automatically', 'send_invoice']).optional(),
  days_until_due: int()
    .refine((n) => n >= 0, 'must be non-negative')
    .optional(),
  due_date: int().optional(),
  description: z.string().optional(),
  footer: z.string().optional(),
  metadata: metadata().optional(),
  default_tax_rates: stringList().optional(),
  automatic_tax: z.strictObject({ enabled: bool() }).optional(),
  payment_settings: z.record(z.string(), z.unknown()).optional(),
  statement_descriptor: z.string().optional(),
  custom_fields: z.unknown().optional(),
  expand: expand(),
};
const createSchema = z.strictObject({
  ...common,
  customer: z.string(),
  currency: currency().optional(),
  pending_invoice_items_behavior: z.enum(['exclude', 'include']).optional(),
});
const updateSchema = z.strictObject(common);

export function invoiceRoutes(r: StripeRouter): void {
  r.post('/v1/invoices', ({ params, req, store }) => {
    const p = validate(createSchema, params);
    const customer = store.get('customers', p.customer, 'customer', 'customer');
    const method = p.collection_method ?? 'charge_automatically';
    if (method === 'send_invoice' && p.days_until_due === undefined && p.due_date === undefined) {
      throw invalid(
        'Missing required param: days_until_due. Invoices with collection_method send_invoice need days_until_due or due_date.',
        'days_until_due',
        'parameter_missing',
      );
    }
    if (method === 'charge_automatically' && (p.days_until_due !== undefined || p.due_date !== undefined)) {
      throw invalid('`days_until_due` and `due_date` can only be set when `collection_method` is `send_invoice`.', 'days_until_due');
    }
    if (p.automatic_tax?.enabled && !customer.address) {
      throw invalid(
        'Automatic tax calculation requires a valid address on the Customer.',
        'automatic_tax[enabled]',
        'customer_tax_location_invalid',
      );
    }
    const now = store.now();
    const taxRates = (p.default_tax_rates ?? []).map((id) => store.get('tax_rates', id, 'tax_rate', 'default_tax_rates'));
    const invoice: Invoice = {
      id: newId('in'),
      object: 'invoice',
      account_country: 'US',
      account_name: store.accountName,
      account_tax_ids: null,
      amount_due: 0,
      amount_overpaid: 0,
      amount_paid: 0,
      amount_paid_off_stripe: 0,
      amount_remaining: 0,
      amount_shipping: 0,
      application: null,
      attempt_count: 0,
      attempted: false,
      auto_advance: p.auto_advance ?? false,
      automatic_tax: {
        disabled_reason: null,
        enabled: p.automatic_tax?.enabled ?? false,
        liability: null,
        provider: null,
        status: p.automatic_tax?.enabled ? 'complete' : null,
      },
      automatically_finalizes_at: p.auto_advance ? now + 3600 : null,
      billing_reason: 'manual',
      collection_method: method,
      created: now,
      currency: p.currency ?? customer.currency ?? 'usd',
      custom_fields: null,
      customer: customer.id,
      customer_account: null,
      customer_address: customer.address ?? null,
      customer_email: customer.email,
      customer_name: customer.name,
      customer_phone: customer.phone ?? null,
      customer_shipping: null,
      customer_tax_exempt: 'none',
      customer_tax_ids: [],
      default_payment_method: null,
      default_source: null,
      default_tax_rates: taxRates,
      description: p.description ?? null,
      discounts: [],
      due_date: method === 'send_invoice' ? (p.due_date ?? now + (p.days_until_due ?? 0) * DAY) : null,
      effective_at: null,
      ending_balance: null,
      footer: p.footer ?? null,
      from_invoice: null,
      hosted_invoice_url: null,
      invoice_pdf: null,
      issuer: { type: 'self' },
      last_finalization_error: null,
      latest_revision: null,
      lines: { object: 'list', data: [], has_more: false, total_count: 0, url: '' },
      livemode: false,
      metadata: p.metadata ?? {},
      next_payment_attempt: null,
      number: null,
      on_behalf_of: null,
      parent: null,
      payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null, ...p.payment_settings },
      period_end: now,
      period_start: now,
      post_payment_credit_notes_amount: 0,
      pre_payment_credit_notes_amount: 0,
      receipt_number: null,
      rendering: null,
      shipping_cost: null,
      shipping_details: null,
      starting_balance: 0,
      statement_descriptor: p.statement_descriptor ?? null,
      status: 'draft',
      status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
      subtotal: 0,
      subtotal_excluding_tax: 0,
      test_clock: null,
      total: 0,
      total_discount_amounts: [],
      total_excluding_tax: 0,
      total_pretax_credit_amounts: [],
      total_taxes: [],
      webhooks_delivered_at: null,
    };
    store.data.invoices[invoice.id] = invoice;
    if (p.pending_invoice_items_behavior === 'include') {
      for (const item of Object.values(store.data.invoiceitems)) {
        if (item.customer === customer.id && item.invoice === null && item.currency === invoice.currency) item.invoice = invoice.id;
      }
    }
    recomputeInvoice(store, invoice);
    store.emit('invoice.created', invoice, req);
    return invoice;
  });

  r.get('/v1/invoices/:id', ({ path, store }) => store.get('invoices', path.id!, 'invoice'));

  r.get('/v1/invoices/:id/lines', ({ path, params, store }) => {
    const invoice = store.get('invoices', path.id!, 'invoice');
    return listOf(invoice.lines.data, params, `/v1/invoices/${invoice.id}/lines`);
  });

  r.post('/v1/invoices/:id', ({ path, params, req, store }) => {
    const invoice = store.get('invoices', path.id!, 'invoice');
    const p = validate(updateSchema, params);
    const previous: Record<string, unknown> = {};
    const set = (key: string, value: unknown) => {
      previous[key] = invoice[key];
      invoice[key] = value;
    };
    if (invoice.status !== 'draft') {
      const allowed = new Set(['metadata', 'description', 'footer', 'auto_advance', 'expand']);
      const bad = Object.keys(params).find((k) => !allowed.has(k));
      if (bad) throw badState(`You can only update ${bad} on a draft invoice (status: ${invoice.status}).`);
    }
    if (p.description !== undefined) set('description', p.description);
    if (p.footer !== undefined) set('footer', p.footer);
    if (p.auto_advance !== undefined) set('auto_advance', p.auto_advance);
    if (p.collection_method !== undefined) set('collection_method', p.collection_method);
    if (p.due_date !== undefined) set('due_date', p.due_date);
    if (p.days_until_due !== undefined) set('due_date', invoice.created + p.days_until_due * DAY);
    if (p.metadata !== undefined) set('metadata', mergeMetadata(invoice.metadata, p.metadata));
    if (p.default_tax_rates !== undefined) {
      set(
        'default_tax_rates',
        p.default_tax_rates.map((id) => store.get('tax_rates', id, 'tax_rate', 'default_tax_rates')),
      );
      recomputeInvoice(store, invoice);
    }
    store.emit('invoice.updated', invoice, req, previous);
    return invoice;
  });

  r.delete('/v1/invoices/:id', ({ path, req, store }) => {
    const invoice = store.get('invoices', path.id!, 'invoice');
    if (invoice.status !== 'draft') throw badState('You can only delete draft invoices.');
    delete store.data.invoices[invoice.id];
    for (const item of Object.values(store.data.invoiceitems)) if (item.invoice === invoice.id) delete store.data.invoiceitems[item.id];
    store.emit('invoice.deleted', invoice, req);
    return { id: invoice.id, object: 'invoice', deleted: true };
  });

  r.get('/v1/invoices', ({ params, store }) => {
    const p = validate(
      z.strictObject({
        ...listParams,
        customer: z.string().optional(),
        status: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']).optional(),
        collection_method: z.enum(['charge_automatically', 'send_invoice']).optional(),
        created: z.unknown().optional(),
      }),
      params,
    );
    const all = Object.values(store.data.invoices)
      .filter((i) => (!p.customer || i.customer === p.customer) && (!p.status || i.status === p.status))
      .filter((i) => !p.collection_method || i.collection_method === p.collection_method)
      .reverse();
    return listOf(all, params, '/v1/invoices');
  });
}
