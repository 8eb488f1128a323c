import type Stripe from 'stripe';

/** A Stripe error's code (`balance_insufficient`, `amount_too_large`, …), if it is one. */
export function stripeErrorCode(e: unknown): string | null {
  if (
    e &&
    typeof e === 'object' &&
    'type' in e &&
    typeof (e as { type: unknown }).type === 'string' &&
    (e as { type: string }).type.startsWith('Stripe')
  ) {
    return (e as { code?: string }).code ?? null;
  }
  return null;
}

/**
 * The provider's earnings for a booking (separate charges and transfers). The key is the booking:
 * a retried job never pays twice.
 */
export async function transferEarnings(
  stripe: Stripe,
  p: {
    bookingId: string;
    providerId: string;
    destination: string;
    amount: number;
    currency: string;
    sourceCharge: string | null;
    /** A booking's earnings (the job's or a fee's) go once, and a tip once more. */
    kind?: 'earnings' | 'tip';
    /** What the money is for (job, late_cancellation, no_show, tip), kept in the metadata. */
    reason?: string;
  },
): Promise<{ transferId: string; amount: number }> {
  const tr = await stripe.transfers.create(
    {
      amount: p.amount,
      currency: p.currency.toLowerCase(),
      destination: p.destination,
      transfer_group: p.bookingId,
      ...(p.sourceCharge ? { source_transaction: p.sourceCharge } : {}),
      metadata: { booking_id: p.bookingId, provider_id: p.providerId, ...(p.reason ? { reason: p.reason } : {}) },
    },
    { idempotencyKey: p.kind === 'tip' ? `transfer:${p.bookingId}:tip` : `transfer:${p.bookingId}` },
  );
  return { transferId: tr.id, amount: tr.amount };
}

/** Takes back part of a transfer; `null` when the connected balance cannot cover it. */
export async function reverseTransfer(
  stripe: Stripe,
  transferId: string,
  amount: number,
  key: string,
): Promise<{ reversalId: string; amount: number } | null> {
  try {
    const r = await stripe.transfers.createReversal(transferId, { amount }, { idempotencyKey: `reversal:${key}` });
    return { reversalId: r.id, amount: r.amount };
  } catch (e) {
    const code = stripeErrorCode(e);
    if (code === 'balance_insufficient' || code === 'transfer_already_reversed' || code === 'amount_too_large') return null;
    throw e;
  }
}

export async function refundCharge(
  stripe: Stripe,
  p: { chargeId: string; amount: number; key: string; bookingId: string; reason: string },
): Promise<{ refundId: string; amount: number; status: string }> {
  const r = await stripe.refunds.create(
    { charge: p.chargeId, amount: p.amount, metadata: { booking_id: p.bookingId, reason: p.reason } },
    { idempotencyKey: `refund:${p.key}:${p.chargeId}` },
  );
  return { refundId: r.id, amount: r.amount, status: r.status ?? 'succeeded' };
}

/** Records refunds on the invoice (a paid invoice only: the parts must add up to the amount). */
export async function creditNoteForRefunds(
  stripe: Stripe,
  p: { invoiceId: string; refunds: { refundId: string; amount: number }[]; key: string; memo: string },
): Promise<string> {
  const amount = p.refunds.reduce((s, r) => s + r.amount, 0);
  const note = await stripe.creditNotes.create(
    { invoice: p.invoiceId, amount, refunds: p.refunds.map((r) => ({ refund: r.refundId, amount_refunded: r.amount })), memo: p.memo },
    { idempotencyKey: `credit_note:${p.key}` },
  );
  return note.id;
}

/** Credit note for money the client paid outside Stripe and got back outside it. */
export async function creditNoteOutOfBand(
  stripe: Stripe,
  p: { invoiceId: string; amount: number; key: string; memo: string },
): Promise<string> {
  const note = await stripe.creditNotes.create(
    { invoice: p.invoiceId, amount: p.amount, out_of_band_amount: p.amount, memo: p.memo },
    { idempotencyKey: `credit_note:${p.key}` },
  );
  return note.id;
}

export interface DisputeState {
  disputeId: string;
  chargeId: string;
  amount: number;
  currency: string;
  status: string;
  reason: string;
  closed: boolean;
}

export async function retrieveDispute(stripe: Stripe, id: string): Promise<DisputeState> {
  const d = await stripe.disputes.retrieve(id);
  const chargeId = typeof d.charge === 'string' ? d.charge : d.charge.id;
  return {
    disputeId: d.id,
    chargeId,
    amount: d.amount,
    currency: d.currency.toUpperCase(),
    status: d.status,
    reason: d.reason,
    closed: d.status === 'won' || d.status === 'lost',
  };
}

/**
 * A goodwill credit on the client's Stripe customer balance (a negative balance transaction):
 * Stripe takes it off the customer's next invoices. Keyed by `key`, so a retried job credits once;
 * what we recorded it for goes in the metadata (reconciliation finds it there).
 */
export async function creditCustomerBalance(
  stripe: Stripe,
  p: { customerId: string; amount: number; currency: string; description: string; auditId: string; bookingId: string; key: string },
): Promise<{ id: string; amount: number; endingBalance: number }> {
  const txn = await stripe.customers.createBalanceTransaction(
    p.customerId,
    {
      amount: -p.amount,
      currency: p.currency.toLowerCase(),
      description: p.description.slice(0, 350),
      metadata: { handled_audit_id: p.auditId, booking_id: p.bookingId },
    },
    { idempotencyKey: p.key },
  );
  return { id: txn.id, amount: -txn.amount, endingBalance: txn.ending_balance };
}

/**
 * Gives the part of a refund that the client had paid from their credit balance back to that
 * balance (a negative balance transaction), keyed by the refund so a retry returns it once; the
 * refund's key in the metadata is how reconciliation finds it.
 */
export async function returnToCustomerBalance(
  stripe: Stripe,
  p: { customerId: string; amount: number; currency: string; description: string; refundKey: string; bookingId: string },
): Promise<{ id: string; amount: number }> {
  const txn = await stripe.customers.createBalanceTransaction(
    p.customerId,
    {
      amount: -p.amount,
      currency: p.currency.toLowerCase(),
      description: p.description.slice(0, 350),
      metadata: { handled_refund: p.refundKey.slice(0, 500), booking_id: p.bookingId },
    },
    { idempotencyKey: `refund:${p.refundKey}:credit` },
  );
  return { id: txn.id, amount: -txn.amount };
}
