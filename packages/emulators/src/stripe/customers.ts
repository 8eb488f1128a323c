import { z } from 'zod';
import { randomToken, newId } from '../shared/ids.ts';
import { listOf, type StripeRouter } from './http.ts';
import { invalid, missing } from './errors.ts';
import { address, currency, expand, int, listParams, mergeMetadata, metadata, validate } from './params.ts';
import type { RequestInfo, StripeStore } from './store.ts';
import type { Customer, CustomerBalanceTransaction } from './types.ts';

const fields = {
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  description: z.string().optional(),
  address: z.union([z.literal(''), address()]).optional(),
  metadata: metadata().optional(),
  preferred_locales: z.array(z.string()).optional(),
  invoice_prefix: z
    .string()
    .regex(/^[A-Z0-9]{3,12}$/, 'must be 3-12 uppercase letters or digits')
    .optional(),
  expand: expand(),
};
const createSchema = z.strictObject({ ...fields, currency: currency().optional() });
const updateSchema = z.strictObject(fields);
const listSchema = z.strictObject({ ...listParams, email: z.string().optional(), created: z.unknown().optional() });
const balanceSchema = z.strictObject({
  amount: int().refine((n) => n !== 0, 'must not be zero'),
  currency: currency(),
  description: z.string().max(350).optional(),
  metadata: metadata().optional(),
  expand: expand(),
});
const balanceListSchema = z.strictObject({ ...listParams, created: z.unknown().optional(), invoice: z.string().optional() });

export function customerRoutes(r: StripeRouter): void {
  r.post('/v1/customers', ({ params, req, store }) => {
    const p = validate(createSchema, params);
    const customer: Customer = {
      id: newId('cus', 14),
      object: 'customer',
      address: p.address || null,
      balance: 0,
      created: store.now(),
      currency: p.currency ?? null,
      default_source: null,
      delinquent: false,
      description: p.description ?? null,
      discount: null,
      email: p.email ?? null,
      invoice_prefix:
        p.invoice_prefix ??
        randomToken(8)
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, 'X'),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata: p.metadata ?? {},
      name: p.name ?? null,
      next_invoice_sequence: 1,
      phone: p.phone ?? null,
      preferred_locales: p.preferred_locales ?? [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
    };
    store.data.customers[customer.id] = customer;
    store.emit('customer.created', customer, req);
    return customer;
  });

  r.get('/v1/customers/:id', ({ path, store }) => store.get('customers', path.id!, 'customer'));

  r.post('/v1/customers/:id', ({ path, params, req, store }) => {
    const customer = store.get('customers', path.id!, 'customer');
    const p = validate(updateSchema, params);
    const previous: Record<string, unknown> = {};
    const { expand: _expand, metadata: meta, address: addr, ...rest } = p;
    for (const [key, value] of Object.entries(rest)) {
      if (value === undefined) continue;
      previous[key] = customer[key];
      customer[key] = value;
    }
    if (addr !== undefined) {
      previous.address = customer.address;
      customer.address = addr || null;
    }
    if (meta !== undefined) {
      previous.metadata = customer.metadata;
      customer.metadata = mergeMetadata(customer.metadata, meta);
    }
    store.emit('customer.updated', customer, req, previous);
    return customer;
  });

  r.get('/v1/customers', ({ params, store }) => {
    const p = validate(listSchema, params);
    const all = Object.values(store.data.customers)
      .filter((c) => p.email === undefined || c.email === p.email)
      .reverse();
    return listOf(all, params, '/v1/customers');
  });

  // The customer's credit balance (Stripe's "customer balance transactions"): a negative amount is a
  // credit the customer holds, a positive one a debit; the customer's `balance` follows. The first
  // one sets the customer's currency; another currency is refused, as Stripe does.
  r.post('/v1/customers/:id/balance_transactions', ({ path, params, req, store }) => {
    const customer = store.get('customers', path.id!, 'customer');
    const p = validate(balanceSchema, params);
    if (customer.currency && customer.currency !== p.currency)
      throw invalid(`The currency ${p.currency} does not match the customer's currency ${customer.currency}.`, 'currency');
    return addBalanceTransaction(
      store,
      customer,
      {
        amount: p.amount,
        currency: p.currency,
        description: p.description ?? null,
        metadata: p.metadata ?? {},
        type: 'adjustment',
        invoice: null,
      },
      req,
    );
  });

  r.get('/v1/customers/:id/balance_transactions/:txn', ({ path, store }) => {
    store.get('customers', path.id!, 'customer');
    const txn = store.get('customer_balance_transactions', path.txn!, 'customer_balance_transaction');
    if (txn.customer !== path.id) throw missing('customer_balance_transaction', path.txn!);
    return txn;
  });

  r.get('/v1/customers/:id/balance_transactions', ({ path, params, store }) => {
    store.get('customers', path.id!, 'customer');
    const p = validate(balanceListSchema, params);
    const all = Object.values(store.data.customer_balance_transactions)
      .filter((t) => t.customer === path.id && (p.invoice === undefined || t.invoice === p.invoice))
      .reverse();
    return listOf(all, params, `/v1/customers/${path.id}/balance_transactions`);
  });
}

/**
 * One change to a customer's balance, with its `customer.updated` event: an operator's adjustment,
 * or Stripe's own when a finalized invoice takes the balance (`applied_to_invoice`) or a voided one
 * gives it back (`unapplied_from_invoice`). The first one sets the customer's currency.
 */
export function addBalanceTransaction(
  store: StripeStore,
  customer: Customer,
  t: Pick<CustomerBalanceTransaction, 'amount' | 'currency' | 'description' | 'metadata' | 'type' | 'invoice'>,
  req: RequestInfo,
): CustomerBalanceTransaction {
  const previous = { balance: customer.balance, currency: customer.currency };
  customer.currency = t.currency;
  customer.balance = Number(customer.balance ?? 0) + t.amount;
  const txn: CustomerBalanceTransaction = {
    id: newId('cbtxn', 14),
    object: 'customer_balance_transaction',
    amount: t.amount,
    checkout_session: null,
    created: store.now(),
    credit_note: null,
    currency: t.currency,
    customer: customer.id,
    description: t.description,
    ending_balance: customer.balance,
    invoice: t.invoice,
    livemode: false,
    metadata: t.metadata,
    type: t.type,
  };
  store.data.customer_balance_transactions[txn.id] = txn;
  store.emit('customer.updated', customer, req, previous);
  return txn;
}
