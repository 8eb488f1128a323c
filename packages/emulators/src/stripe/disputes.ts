import { Hono } from 'hono';
import { z } from 'zod';
import { newId } from '../shared/ids.ts';
import { badState, invalid } from './errors.ts';
import { listOf, type StripeRouter } from './http.ts';
import { expand, listParams, mergeMetadata, metadata, validate } from './params.ts';
import { noRequest, type RequestInfo, type StripeStore } from './store.ts';
import type { Dispute } from './types.ts';

export const disputeReasons = [
  'fraudulent',
  'product_not_received',
  'product_unacceptable',
  'duplicate',
  'subscription_canceled',
  'general',
] as const;

/**
 * A cardholder disputes a charge: Stripe withdraws the amount from the platform's balance at once
 * (`charge.dispute.created`, `charge.dispute.funds_withdrawn`). Test mode opens them with special
 * cards; the emulator opens them on request (`POST /_/stripe/charges/:id/dispute`).
 */
export function openDispute(
  store: StripeStore,
  chargeId: string,
  opts: { amount?: number; reason?: (typeof disputeReasons)[number] } = {},
  req: RequestInfo = noRequest,
): Dispute {
  const charge = store.get('charges', chargeId, 'charge', 'charge');
  if (charge.status !== 'succeeded') throw badState(`Charge ${chargeId} did not succeed; it cannot be disputed.`);
  if (Object.values(store.data.disputes).some((d) => d.charge === chargeId))
    throw badState(`Charge ${chargeId} has already been disputed.`, 'charge_disputed');
  const amount = opts.amount ?? charge.amount_captured - charge.amount_refunded;
  if (amount <= 0 || amount > charge.amount_captured - charge.amount_refunded)
    throw invalid('The disputed amount exceeds what is left on the charge.', 'amount');
  const dispute: Dispute = {
    id: newId('du'),
    object: 'dispute',
    amount,
    balance_transactions: [{ id: newId('txn'), amount: -amount, type: 'adjustment' }],
    charge: charge.id,
    created: store.now(),
    currency: charge.currency,
    evidence: {},
    evidence_details: { due_by: store.now() + 7 * 86_400, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason: opts.reason ?? 'product_not_received',
    status: 'needs_response',
  };
  store.data.disputes[dispute.id] = dispute;
  charge.disputed = true;
  store.emit('charge.dispute.created', dispute, req);
  store.emit('charge.dispute.funds_withdrawn', dispute, req);
  return dispute;
}

/** The bank decides: won gives the funds back (`charge.dispute.funds_reinstated`); either way `charge.dispute.closed`. */
export function closeDispute(store: StripeStore, id: string, outcome: 'won' | 'lost', req: RequestInfo = noRequest): Dispute {
  const dispute = store.get('disputes', id, 'dispute');
  if (dispute.status === 'won' || dispute.status === 'lost') throw badState(`Dispute ${id} is already closed (${dispute.status}).`);
  const previous = { status: dispute.status };
  dispute.status = outcome;
  if (outcome === 'won') store.emit('charge.dispute.funds_reinstated', dispute, req);
  store.emit('charge.dispute.closed', dispute, req, previous);
  return dispute;
}

export function disputeRoutes(r: StripeRouter): void {
  r.get('/v1/disputes/:id', ({ path, store }) => store.get('disputes', path.id!, 'dispute'));
  r.get('/v1/disputes', ({ params, store }) => {
    const p = validate(
      z.strictObject({
        ...listParams,
        charge: z.string().optional(),
        payment_intent: z.string().optional(),
        created: z.unknown().optional(),
      }),
      params,
    );
    const all = Object.values(store.data.disputes)
      .filter((d) => (!p.charge || d.charge === p.charge) && (!p.payment_intent || d.payment_intent === p.payment_intent))
      .reverse();
    return listOf(all, params, '/v1/disputes');
  });
  r.post('/v1/disputes/:id', ({ path, params, req, store }) => {
    const dispute = store.get('disputes', path.id!, 'dispute');
    const p = validate(
      z.strictObject({
        evidence: z.record(z.string(), z.unknown()).optional(),
        metadata: metadata().optional(),
        submit: z.unknown().optional(),
        expand: expand(),
      }),
      params,
    );
    if (p.evidence) dispute.evidence = { ...(dispute.evidence as object), ...p.evidence };
    dispute.metadata = mergeMetadata(dispute.metadata, p.metadata);
    if (p.submit === true || p.submit === 'true') dispute.status = 'under_review';
    store.emit('charge.dispute.updated', dispute, req);
    return dispute;
  });
  // Accepting a dispute closes it as lost.
  r.post('/v1/disputes/:id/close', ({ path, req, store }) => closeDispute(store, path.id!, 'lost', req));
}

const openBody = z.object({ amount: z.number().int().positive().optional(), reason: z.enum(disputeReasons).optional() });
const closeBody = z.object({ outcome: z.enum(['won', 'lost']) });

/** Control endpoints (JSON) for tests and the dashboard: open a dispute on a charge, decide one. */
export function disputeControlRoutes(store: StripeStore): Hono {
  const app = new Hono();
  app.post('/_/stripe/charges/:id/dispute', async (c) => {
    const body = openBody.safeParse(await c.req.json().catch(() => ({})));
    if (!body.success) return c.json({ error: body.error.message }, 400);
    try {
      return c.json(
        openDispute(store, c.req.param('id'), {
          ...(body.data.amount !== undefined ? { amount: body.data.amount } : {}),
          ...(body.data.reason ? { reason: body.data.reason } : {}),
        }),
      );
    } catch (e) {
      return c.json({ error: (e as Error).message }, 400);
    }
  });
  app.post('/_/stripe/disputes/:id/close', async (c) => {
    const body = closeBody.safeParse(await c.req.json().catch(() => ({})));
    if (!body.success) return c.json({ error: body.error.message }, 400);
    try {
      return c.json(closeDispute(store, c.req.param('id'), body.data.outcome));
    } catch (e) {
      return c.json({ error: (e as Error).message }, 400);
    }
  });
  return app;
}
