import { z } from 'zod';
import { newId } from '../shared/ids.ts';
import { invalid } from './errors.ts';
import { balanceOf, transferableFromCharge } from './balance.ts';
import { listOf, type StripeRouter } from './http.ts';
import { currency, expand, int, listParams, mergeMetadata, metadata, validate } from './params.ts';
import type { StripeObject, Transfer } from './types.ts';

const positive = () => int().refine((n) => n > 0, 'must be positive');

const createSchema = z.strictObject({
  amount: positive(),
  currency: currency(),
  destination: z.string(),
  source_transaction: z.string().optional(),
  transfer_group: z.string().optional(),
  description: z.string().optional(),
  metadata: metadata().optional(),
  expand: expand(),
});

/** Separate charges and transfers: the platform moves money to a connected account, and back. */
export function transferRoutes(r: StripeRouter): void {
  r.post('/v1/transfers', ({ params, req, store }) => {
    const p = validate(createSchema, params);
    const account = store.get('accounts', p.destination, 'destination', 'destination');
    if (account.capabilities.transfers !== 'active') {
      throw invalid(
        'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
        'destination',
        'insufficient_capabilities_for_transfer',
      );
    }
    if (p.source_transaction) {
      const charge = store.get('charges', p.source_transaction, 'charge', 'source_transaction');
      if (charge.currency !== p.currency)
        throw invalid(
          `The currency of source_transaction's balance transaction (${charge.currency}) must be the same as the transfer currency (${p.currency}).`,
          'currency',
        );
      const left = transferableFromCharge(store, charge.id);
      if (p.amount > left)
        throw invalid(
          `Transfer amount (${p.amount}) exceeds what is left on source_transaction ${charge.id} (${left}).`,
          'amount',
          'amount_too_large',
        );
    } else if ((balanceOf(store, null)[p.currency] ?? 0) < p.amount) {
      throw invalid(
        'You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card.',
        'amount',
        'balance_insufficient',
      );
    }
    const transfer: Transfer = {
      id: newId('tr'),
      object: 'transfer',
      amount: p.amount,
      amount_reversed: 0,
      balance_transaction: newId('txn'),
      created: store.now(),
      currency: p.currency,
      description: p.description ?? null,
      destination: account.id,
      destination_payment: newId('py'),
      livemode: false,
      metadata: p.metadata ?? {},
      reversals: { object: 'list', data: [], has_more: false, total_count: 0, url: '' },
      reversed: false,
      source_transaction: p.source_transaction ?? null,
      source_type: 'card',
      transfer_group: p.transfer_group ?? null,
    };
    transfer.reversals.url = `/v1/transfers/${transfer.id}/reversals`;
    store.data.transfers[transfer.id] = transfer;
    store.emit('transfer.created', transfer, req);
    return transfer;
  });

  r.get('/v1/transfers/:id', ({ path, store }) => store.get('transfers', path.id!, 'transfer'));

  r.post('/v1/transfers/:id', ({ path, params, req, store }) => {
    const transfer = store.get('transfers', path.id!, 'transfer');
    const p = validate(z.strictObject({ description: z.string().optional(), metadata: metadata().optional(), expand: expand() }), params);
    if (p.description !== undefined) transfer.description = p.description;
    transfer.metadata = mergeMetadata(transfer.metadata, p.metadata);
    store.emit('transfer.updated', transfer, req);
    return transfer;
  });

  r.get('/v1/transfers', ({ params, store }) => {
    const p = validate(
      z.strictObject({
        ...listParams,
        destination: z.string().optional(),
        transfer_group: z.string().optional(),
        created: z.unknown().optional(),
      }),
      params,
    );
    const all = Object.values(store.data.transfers)
      .filter((t) => (!p.destination || t.destination === p.destination) && (!p.transfer_group || t.transfer_group === p.transfer_group))
      .reverse();
    return listOf(all, params, '/v1/transfers');
  });

  r.post('/v1/transfers/:id/reversals', ({ path, params, req, store }) => {
    const transfer = store.get('transfers', path.id!, 'transfer');
    const p = validate(
      z.strictObject({
        amount: positive().optional(),
        description: z.string().optional(),
        metadata: metadata().optional(),
        refund_application_fee: z.unknown().optional(),
        expand: expand(),
      }),
      params,
    );
    const left = transfer.amount - transfer.amount_reversed;
    const amount = p.amount ?? left;
    if (left === 0) throw invalid(`Transfer ${transfer.id} has already been fully reversed.`, 'amount', 'transfer_already_reversed');
    if (amount > left)
      throw invalid(`Reversal amount (${amount}) exceeds the amount left on the transfer (${left}).`, 'amount', 'amount_too_large');
    if ((balanceOf(store, transfer.destination)[transfer.currency] ?? 0) < amount) {
      throw invalid('Insufficient funds in the connected account to reverse this transfer.', 'amount', 'balance_insufficient');
    }
    const reversal: StripeObject = {
      id: newId('trr'),
      object: 'transfer_reversal',
      amount,
      balance_transaction: newId('txn'),
      created: store.now(),
      currency: transfer.currency,
      destination_payment_refund: newId('pyr'),
      metadata: p.metadata ?? {},
      source_refund: null,
      transfer: transfer.id,
    };
    transfer.amount_reversed += amount;
    transfer.reversed = transfer.amount_reversed === transfer.amount;
    transfer.reversals.data.unshift(reversal);
    transfer.reversals.total_count = transfer.reversals.data.length;
    store.emit('transfer.reversed', transfer, req, { amount_reversed: transfer.amount_reversed - amount, reversed: false });
    return reversal;
  });

  r.get('/v1/transfers/:id/reversals', ({ path, params, store }) => {
    const transfer = store.get('transfers', path.id!, 'transfer');
    return listOf(transfer.reversals.data, params, transfer.reversals.url);
  });

  r.get('/v1/balance', ({ req, store }) => {
    if (req.account) store.get('accounts', req.account, 'account', 'Stripe-Account');
    const b = balanceOf(store, req.account);
    const entries = Object.keys(b).length ? Object.entries(b) : [['usd', 0] as const];
    return {
      object: 'balance',
      livemode: false,
      available: entries.map(([cur, amount]) => ({ amount, currency: cur, source_types: { card: amount } })),
      pending: entries.map(([cur]) => ({ amount: 0, currency: cur, source_types: { card: 0 } })),
      ...(req.account ? {} : { connect_reserved: entries.map(([cur]) => ({ amount: 0, currency: cur })) }),
    };
  });
}
