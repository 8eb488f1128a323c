import type Stripe from 'stripe';
import { verifyStripeEvent } from '@handled/integrations/stripe';
import { paymentByCharge, setRefundStatus } from '../../repositories/payments.ts';
import { payoutByTransfer, updatePayout } from '../../repositories/payouts.ts';
import { storeWebhookEvent, updateWebhookEvent, webhookEventById } from '../../repositories/webhook-events.ts';
import { DomainError } from '@handled/core/errors';
import { enqueue } from '../jobs.ts';
import type { ServiceDeps } from '../deps.ts';
import { syncBankPayout } from './bank-payouts.ts';
import { syncAccount } from './connect.ts';
import { syncDispute } from './disputes.ts';
import { syncInvoice } from './sync-invoice.ts';

/**
 * The webhook endpoint: verify the signature, store the event once by its id, and leave the work
 * to a job written in the same transaction. Replays of the same event are acknowledged and ignored.
 */
export async function ingestStripeWebhook(deps: ServiceDeps, rawBody: string, signature: string, secret: string) {
  let event: Stripe.Event;
  try {
    event = verifyStripeEvent(deps.stripe, rawBody, signature, secret);
  } catch {
    throw new DomainError('INVALID_INPUT', 'Invalid Stripe signature');
  }
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const storedId = await storeWebhookEvent(tx, {
      source: 'stripe',
      eventId: event.id,
      type: event.type,
      payload: event as unknown as Record<string, unknown>,
    });
    if (storedId) await enqueue(tx, { type: 'stripe.event', payload: { webhookEventId: storedId }, key: `stripe.event:${event.id}` }, now);
    return { duplicate: !storedId, type: event.type };
  });
}

type EventObject = { object?: string; id?: string; invoice?: string; account?: string };

/** Applies one stored event by re-reading the object it names; returns false when it is not for us. */
async function applyEvent(deps: ServiceDeps, type: string, object: EventObject, account: string | undefined): Promise<boolean> {
  switch (object.object) {
    case 'invoice':
      return object.id ? syncInvoice(deps, object.id) : false;
    case 'invoice_payment':
      return object.invoice ? syncInvoice(deps, object.invoice) : false;
    case 'dispute':
      if (!object.id) return false;
      await syncDispute(deps, object.id);
      return true;
    case 'account':
      return object.id ? syncAccount(deps, object.id, `event:${type}:${deps.now().getTime()}`) : false;
    case 'capability': {
      const acct = object.account ?? account;
      return acct ? syncAccount(deps, acct, `event:${type}:${deps.now().getTime()}`) : false;
    }
    case 'transfer':
      return object.id ? syncTransfer(deps, object.id) : false;
    case 'payout':
      return object.id ? syncBankPayout(deps, object.id, account) : false;
    case 'refund':
    case 'charge':
      return syncRefunds(deps, object.object === 'refund' ? { refundId: object.id } : { chargeId: object.id });
    default:
      return false;
  }
}

/**
 * Job `stripe.event`: re-reads the object from Stripe rather than trusting the event's copy or
 * its order, so duplicates and any order give one outcome. Unknown events are ignored.
 */
export async function processStripeEvent(deps: ServiceDeps, webhookEventId: string): Promise<void> {
  const { db } = deps;
  const stored = await webhookEventById(db, webhookEventId);
  if (!stored || stored.status === 'processed' || stored.status === 'ignored') return;
  const object = ((stored.payload['data'] as { object?: EventObject } | undefined)?.object ?? {}) as EventObject;
  const account = typeof stored.payload['account'] === 'string' ? stored.payload['account'] : undefined;
  let handled: boolean;
  try {
    handled = await applyEvent(deps, stored.type, object, account);
  } catch (e) {
    await updateWebhookEvent(db, webhookEventId, { status: 'failed', error: (e as Error).message.slice(0, 1000) });
    throw e;
  }
  await updateWebhookEvent(db, webhookEventId, { status: handled ? 'processed' : 'ignored', processedAt: deps.now(), error: null });
}

/** `transfer.*`: the reversals Stripe reports (also those made in the dashboard). */
async function syncTransfer(deps: ServiceDeps, transferId: string): Promise<boolean> {
  const payout = await payoutByTransfer(deps.db, transferId);
  if (!payout) return false;
  const tr = await deps.stripe.transfers.retrieve(transferId);
  if (tr.amount_reversed > payout.amountReversed)
    await updatePayout(deps.db, payout.id, { amountReversed: tr.amount_reversed, status: tr.reversed ? 'reversed' : payout.status });
  return true;
}

/** `charge.refunded` / `refund.updated`: a refund that failed later is marked so an admin sees it. */
async function syncRefunds(deps: ServiceDeps, ref: { refundId?: string | undefined; chargeId?: string | undefined }): Promise<boolean> {
  if (ref.refundId) {
    const r = await deps.stripe.refunds.retrieve(ref.refundId);
    const status = r.status === 'failed' || r.status === 'canceled' ? 'failed' : 'succeeded';
    return setRefundStatus(deps.db, r.id, status);
  }
  if (!ref.chargeId) return false;
  return !!(await paymentByCharge(deps.db, ref.chargeId));
}
