import { accounts, creditPosting } from '@handled/core/payments';
import { DomainError } from '@handled/core/errors';
import { formatMoney } from '@handled/core/money';
import { creditCustomerBalance } from '@handled/integrations/stripe';
import type { SessionUser } from '../../context.ts';
import { findBooking } from '../../repositories/bookings.ts';
import { billingCustomerOf } from '../../repositories/invoices.ts';
import { creditRowsOfClient, ledgerHas } from '../../repositories/ledger.ts';
import { recordAudit } from '../audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { enqueue } from '../jobs.ts';
import { postLedger } from '../payments/ledger.ts';
import { refuseAboveLimit } from './limits.ts';

/*
 * Manual credits (issue 18): money given to a client without a charge to refund (goodwill). The
 * model: a credit on the client's Stripe customer balance (a negative customer balance
 * transaction, which Stripe takes off their next invoices), and in the ledger the platform's
 * `goodwill` expense against `client_credit:<client>`, what the client is owed. The operator's
 * request writes the audit entry and a `payment.credit` job in one transaction; the job makes the
 * Stripe call (keyed by the audit entry, so a retry credits once) and posts the ledger as
 * `credit:op:<audit id>`. Reconciliation compares each client's credit account with the balance
 * transactions Stripe holds for them.
 */

/** The ledger transaction of a credit, by the audit entry that asked for it. */
export const creditTxId = (auditId: string) => `credit:op:${auditId}`;

/**
 * An operator credits the client of a booking with `amount` (minor units, the booking's currency)
 * and a reason. Support is held to the same limit as refunds.
 */
export async function operatorCredit(deps: ServiceDeps, user: SessionUser, input: { bookingId: string; amount: number; reason: string }) {
  const now = deps.now();
  const entry = await deps.db.transaction(async (tx) => {
    const booking = await findBooking(tx, input.bookingId);
    if (!booking) throw new DomainError('NOT_FOUND', 'We could not find that booking.');
    await refuseAboveLimit(tx, user, input.amount, booking.currency, 'credit');
    const customerId = await billingCustomerOf(tx, booking.clientId);
    if (!customerId)
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        'This client has never been invoiced, so Stripe has no customer to hold a credit. Credit them on a booking that was invoiced.',
        { field: 'amount' },
      );
    const row = await recordAudit(
      tx,
      {
        actor: user,
        action: 'booking.credit',
        subjectType: 'booking',
        subjectId: booking.id,
        reason: input.reason,
        before: { clientId: booking.clientId },
        after: { credit: input.amount, currency: booking.currency, clientId: booking.clientId, stripeCustomer: customerId },
      },
      now,
    );
    await enqueue(
      tx,
      {
        type: 'payment.credit',
        payload: {
          bookingId: booking.id,
          clientId: booking.clientId,
          customerId,
          amount: input.amount,
          currency: booking.currency,
          auditId: row.id,
          reason: input.reason.slice(0, 200),
        },
        key: `payment.credit:${row.id}`,
      },
      now,
    );
    return row;
  });
  return { auditId: entry.id, txId: creditTxId(entry.id) };
}

/** The job: the credit on Stripe's customer balance, then the ledger (both once, whatever the retries). */
export async function runCustomerCredit(
  deps: ServiceDeps,
  p: { bookingId: string; clientId: string; customerId: string; amount: number; currency: string; auditId: string; reason: string },
) {
  const txId = creditTxId(p.auditId);
  if (await ledgerHas(deps.db, txId)) return;
  const booking = await findBooking(deps.db, p.bookingId);
  if (!booking) throw new Error(`booking ${p.bookingId} is gone`);
  const txn = await creditCustomerBalance(deps.stripe, {
    customerId: p.customerId,
    amount: p.amount,
    currency: p.currency,
    description: `Goodwill credit (${booking.reference}): ${p.reason}`,
    auditId: p.auditId,
    bookingId: p.bookingId,
    key: txId,
  });
  await deps.db.transaction((tx) =>
    postLedger(tx, {
      txId,
      bookingId: p.bookingId,
      currency: booking.currency,
      entry: creditPosting(p.clientId, txn.amount),
      externalRef: txn.id,
      at: deps.now(),
    }),
  );
}

/** The credits a client was given (posted to the ledger), newest first, for the person's and the booking's money. */
export async function creditsOfClient(deps: ServiceDeps, clientId: string) {
  const rows = await creditRowsOfClient(deps.db, accounts.clientCredit(clientId));
  // The credits given; what an invoice took of them (`credit:applied:`) or a refund gave back is the booking's money.
  return rows
    .filter((r) => r.txId.startsWith('credit:op:'))
    .map((r) => ({
      txId: r.txId,
      bookingId: r.bookingId,
      amount: -r.amount,
      currency: r.currency,
      stripeId: r.externalRef,
      at: r.at.toISOString(),
      money: formatMoney({ amount: -r.amount, currency: r.currency }),
    }));
}
