import { z } from 'zod';
import { newId } from '../shared/ids.ts';
import { invalid } from './errors.ts';
import { listOf, type StripeRouter } from './http.ts';
import { expand, int, listParams, mergeMetadata, metadata, validate } from './params.ts';
import type { RequestInfo, StripeStore } from './store.ts';
import type { Charge, Refund } from './types.ts';

const createSchema = z.strictObject({
  charge: z.string().optional(),
  payment_intent: z.string().optional(),
  amount: int()
    .refine((n) => n > 0, 'must be positive')
    .optional(),
  reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']).optional(),
  metadata: metadata().optional(),
  refund_application_fee: z.unknown().optional(),
  reverse_transfer: z.unknown().optional(),
  expand: expand(),
});

/** Refunds (part of) a succeeded charge: the charge's refunded amounts and the events follow. */
export function refundCharge(
  store: StripeStore,
  charge: Charge,
  amount: number | undefined,
  req: RequestInfo,
  extra: { reason?: string; metadata?: Record<string, string> } = {},
): Refund {
  if (charge.status !== 'succeeded') throw invalid(`Charge ${charge.id} has not succeeded and cannot be refunded.`, 'charge');
  const left = charge.amount_captured - charge.amount_refunded;
  if (left === 0) throw invalid(`Charge ${charge.id} has already been refunded.`, 'charge', 'charge_already_refunded');
  const value = amount ?? left;
  if (value > left)
    throw invalid(`Refund amount (${value}) is greater than unrefunded amount on charge (${left})`, 'amount', 'amount_too_large');
  const refund: Refund = {
    id: newId('re'),
    object: 'refund',
    amount: value,
    balance_transaction: newId('txn'),
    charge: charge.id,
    created: store.now(),
    currency: charge.currency,
    destination_details: {
      type: 'card',
      card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' },
    },
    metadata: extra.metadata ?? {},
    payment_intent: charge.payment_intent,
    reason: extra.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
  store.data.refunds[refund.id] = refund;
  charge.amount_refunded += value;
  charge.refunded = charge.amount_refunded === charge.amount_captured;
  const refunds = Object.values(store.data.refunds)
    .filter((r) => r.charge === charge.id)
    .reverse();
  charge.refunds = { object: 'list', data: refunds, has_more: false, total_count: refunds.length, url: `/v1/charges/${charge.id}/refunds` };
  store.emit('refund.created', refund, req);
  store.emit('charge.refunded', charge, req, { amount_refunded: charge.amount_refunded - value, refunded: false });
  return refund;
}

export function refundRoutes(r: StripeRouter): void {
  r.post('/v1/refunds', ({ params, req, store }) => {
    const p = validate(createSchema, params);
    let chargeId = p.charge;
    if (!chargeId && p.payment_intent) {
      const pi = store.get('payment_intents', p.payment_intent, 'payment_intent', 'payment_intent');
      chargeId = pi.latest_charge ?? undefined;
      if (!chargeId) throw invalid(`PaymentIntent ${pi.id} does not have a successful charge to refund.`, 'payment_intent');
    }
    if (!chargeId)
      throw invalid(
        'One of the following params should be provided for this request: payment_intent or charge.',
        'charge',
        'parameter_missing',
      );
    const charge = store.get('charges', chargeId, 'charge', 'charge');
    return refundCharge(store, charge, p.amount, req, {
      ...(p.reason ? { reason: p.reason } : {}),
      ...(p.metadata ? { metadata: p.metadata } : {}),
    });
  });

  r.get('/v1/refunds/:id', ({ path, store }) => store.get('refunds', path.id!, 'refund'));

  r.post('/v1/refunds/:id', ({ path, params, req, store }) => {
    const refund = store.get('refunds', path.id!, 'refund');
    const p = validate(z.strictObject({ metadata: metadata().optional(), expand: expand() }), params);
    refund.metadata = mergeMetadata(refund.metadata, p.metadata);
    store.emit('refund.updated', refund, req);
    return refund;
  });

  r.get('/v1/refunds', ({ params, store }) => {
    const p = validate(
      z.strictObject({
        ...listParams,
        charge: z.string().optional(),
        payment_intent: z.string().optional(),
        created: z.unknown().optional(),
      }),
      params,
    );
    const all = Object.values(store.data.refunds)
      .filter((x) => (!p.charge || x.charge === p.charge) && (!p.payment_intent || x.payment_intent === p.payment_intent))
      .reverse();
    return listOf(all, params, '/v1/refunds');
  });
}
