import { z } from 'zod';
import { newId } from '../shared/ids.ts';
import { badState, invalid } from './errors.ts';
import { listOf, type StripeRouter } from './http.ts';
import { recomputeInvoice } from './invoice-math.ts';
import { bool, currency, decimalString, expand, int, listParams, mergeMetadata, metadata, stringList, validate } from './params.ts';
import type { StripeStore } from './store.ts';
import type { InvoiceItem } from './types.ts';

const MAX_ITEMS = 250;

const createSchema = z.strictObject({
  customer: z.string(),
  invoice: z.string().optional(),
  amount: int().optional(),
  currency: currency().optional(),
  description: z.string().optional(),
  quantity: int()
    .refine((n) => n > 0, 'must be positive')
    .optional(),
  quantity_decimal: decimalString().optional(),
  unit_amount_decimal: decimalString().optional(),
  price: z.string().optional(),
  price_data: z
    .strictObject({
      currency: currency(),
      product: z.string(),
      unit_amount: int().optional(),
      unit_amount_decimal: decimalString().optional(),
      tax_behavior: z.enum(['exclusive', 'inclusive', 'unspecified']).optional(),
    })
    .optional(),
  tax_rates: stringList().optional(),
  discountable: bool().optional(),
  metadata: metadata().optional(),
  period: z.strictObject({ start: int(), end: int() }).optional(),
  expand: expand(),
});
const updateSchema = z.strictObject({
  amount: int().optional(),
  description: z.string().optional(),
  quantity: int().optional(),
  unit_amount_decimal: decimalString().optional(),
  metadata: metadata().optional(),
  tax_rates: stringList().optional(),
  expand: expand(),
});

function draftInvoice(store: StripeStore, id: string, param = 'invoice') {
  const invoice = store.get('invoices', id, 'invoice', param);
  if (invoice.status !== 'draft') {
    throw badState(
      `Invoice ${id} is no longer editable: you can only add or change invoice items on a draft invoice (status: ${invoice.status}).`,
    );
  }
  return invoice;
}

export function invoiceItemRoutes(r: StripeRouter): void {
  r.post('/v1/invoiceitems', ({ params, req, store }) => {
    const p = validate(createSchema, params);
    const customer = store.get('customers', p.customer, 'customer', 'customer');
    const invoice = p.invoice ? draftInvoice(store, p.invoice) : null;
    if (invoice && invoice.customer !== customer.id)
      throw invalid(`Invoice ${invoice.id} does not belong to customer ${customer.id}.`, 'invoice');
    if (invoice && invoice.lines.data.length >= MAX_ITEMS) throw invalid(`An invoice can have at most ${MAX_ITEMS} items.`, 'invoice');
    const quantityDecimal = p.quantity_decimal ?? String(p.quantity ?? 1);
    const quantity = Number(quantityDecimal);
    let unitDecimal: string;
    let priceDetails: { price: string; product: string } | undefined;
    const cur = p.currency ?? p.price_data?.currency ?? invoice?.currency ?? customer.currency ?? 'usd';
    if (p.amount !== undefined) {
      if (p.unit_amount_decimal !== undefined || p.price_data || p.price) {
        throw invalid('You may only specify one of these parameters: amount, price, price_data, unit_amount_decimal.', 'amount');
      }
      unitDecimal = String(p.amount / quantity);
    } else if (p.price_data) {
      const u = p.price_data.unit_amount_decimal ?? (p.price_data.unit_amount !== undefined ? String(p.price_data.unit_amount) : undefined);
      if (u === undefined)
        throw invalid('Missing required param: price_data[unit_amount].', 'price_data[unit_amount]', 'parameter_missing');
      unitDecimal = u;
      const price = {
        id: newId('price'),
        object: 'price',
        active: false,
        currency: cur,
        product: p.price_data.product,
        unit_amount: Math.round(Number(u)),
        unit_amount_decimal: u,
        type: 'one_time',
        created: store.now(),
        livemode: false,
        metadata: {},
      };
      store.data.prices[price.id] = price;
      priceDetails = { price: price.id, product: p.price_data.product };
    } else if (p.unit_amount_decimal !== undefined) {
      unitDecimal = p.unit_amount_decimal;
    } else if (p.price) {
      const price = store.get('prices', p.price, 'price', 'price');
      unitDecimal = String(price.unit_amount_decimal ?? price.unit_amount);
      priceDetails = { price: price.id, product: String(price.product) };
    } else {
      throw invalid('You must specify either `amount`, `price`, `price_data` or `unit_amount_decimal`.', 'amount', 'parameter_missing');
    }
    if (invoice && invoice.currency !== cur) {
      throw invalid(`The currency of this invoice item (${cur}) does not match the invoice's currency (${invoice.currency}).`, 'currency');
    }
    const taxRates = (p.tax_rates ?? []).map((id) => store.get('tax_rates', id, 'tax_rate', 'tax_rates'));
    const now = store.now();
    const item: InvoiceItem = {
      id: newId('ii'),
      object: 'invoiceitem',
      amount: p.amount ?? Math.round(quantity * Number(unitDecimal)),
      currency: cur,
      customer: customer.id,
      customer_account: null,
      date: now,
      description: p.description ?? null,
      discountable: p.discountable ?? true,
      discounts: [],
      invoice: invoice?.id ?? null,
      livemode: false,
      metadata: p.metadata ?? {},
      net_amount: 0,
      parent: null,
      period: p.period ?? { start: now, end: now },
      pricing: { type: 'price_details', ...(priceDetails ? { price_details: priceDetails } : {}), unit_amount_decimal: unitDecimal },
      proration: false,
      quantity,
      quantity_decimal: quantityDecimal,
      tax_rates: taxRates,
      test_clock: null,
    };
    item.net_amount = item.amount;
    store.data.invoiceitems[item.id] = item;
    if (invoice) recomputeInvoice(store, invoice);
    store.emit('invoiceitem.created', item, req);
    return item;
  });

  r.get('/v1/invoiceitems/:id', ({ path, store }) => store.get('invoiceitems', path.id!, 'invoiceitem'));

  r.post('/v1/invoiceitems/:id', ({ path, params, req, store }) => {
    const item = store.get('invoiceitems', path.id!, 'invoiceitem');
    const p = validate(updateSchema, params);
    const invoice = item.invoice ? draftInvoice(store, item.invoice, 'id') : null;
    if (p.description !== undefined) item.description = p.description;
    if (p.quantity !== undefined) {
      item.quantity = p.quantity;
      item.quantity_decimal = String(p.quantity);
    }
    if (p.unit_amount_decimal !== undefined && item.pricing) item.pricing.unit_amount_decimal = p.unit_amount_decimal;
    item.amount = p.amount ?? Math.round(item.quantity * Number(item.pricing?.unit_amount_decimal ?? item.amount));
    if (p.tax_rates) item.tax_rates = p.tax_rates.map((id) => store.get('tax_rates', id, 'tax_rate', 'tax_rates'));
    item.metadata = mergeMetadata(item.metadata, p.metadata);
    if (invoice) recomputeInvoice(store, invoice);
    store.emit('invoiceitem.updated', item, req);
    return item;
  });

  r.delete('/v1/invoiceitems/:id', ({ path, req, store }) => {
    const item = store.get('invoiceitems', path.id!, 'invoiceitem');
    const invoice = item.invoice ? draftInvoice(store, item.invoice, 'id') : null;
    delete store.data.invoiceitems[item.id];
    if (invoice) recomputeInvoice(store, invoice);
    store.emit('invoiceitem.deleted', item, req);
    return { id: item.id, object: 'invoiceitem', deleted: true };
  });

  r.get('/v1/invoiceitems', ({ params, store }) => {
    const p = validate(
      z.strictObject({ ...listParams, customer: z.string().optional(), invoice: z.string().optional(), pending: bool().optional() }),
      params,
    );
    const items = Object.values(store.data.invoiceitems)
      .filter((i) => (!p.customer || i.customer === p.customer) && (!p.invoice || i.invoice === p.invoice))
      .filter((i) => p.pending === undefined || (i.invoice === null) === p.pending)
      .reverse();
    return listOf(items, params, '/v1/invoiceitems');
  });
}
