import type Stripe from 'stripe';
import type { DbOrTx } from '@handled/db';
import { accounts, isSeededStripeId } from '@handled/core/payments';
import { existingBookingIds } from '../../repositories/bookings.ts';
import { invoicesOfBooking } from '../../repositories/invoices.ts';
import { billingCustomerOf } from '../../repositories/invoices.ts';
import { bookingIdsInLedger, clientCreditAccounts, ledgerEntriesOf, ledgerImbalances } from '../../repositories/ledger.ts';
import { bankPayoutsOf, bookingIdsTransferred } from '../../repositories/payouts.ts';
import { tipOfBooking } from '../../repositories/tips.ts';

export interface ReconcileDifference {
  bookingId: string | null;
  what: string;
  ledger: number;
  stripe: number;
}

export interface ReconcileReport {
  bookings: number;
  /** Of those, the demo's history: in the ledger (and summing to zero) but never in Stripe, so not compared with it. */
  seededBookings: number;
  unbalancedTransactions: number;
  unbalancedBookings: number;
  differences: ReconcileDifference[];
}

async function listAll<T extends { id: string }>(page: (startingAfter?: string) => Promise<Stripe.ApiList<T>>): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (;;) {
    const res = await page(after);
    out.push(...res.data);
    if (!res.has_more || res.data.length === 0) return out;
    after = res.data[res.data.length - 1]!.id;
  }
}

/**
 * Compares the ledger with Stripe's objects, booking by booking: money in (invoices' amount paid),
 * refunds (on the charges and out of band on credit notes), transfers and reversals (by
 * transfer group), and disputes. Also checks that every ledger transaction and booking sums to zero,
 * and that the providers' bank payouts we recorded match their connected accounts' payouts.
 */
export async function reconcile(db: DbOrTx, stripe: Stripe): Promise<ReconcileReport> {
  const differences: ReconcileDifference[] = [];
  const imbalance = await ledgerImbalances(db);
  for (const t of imbalance.transactions)
    differences.push({ bookingId: null, what: `transaction ${t.txId} sums to ${t.sum}`, ledger: Number(t.sum), stripe: 0 });
  for (const b of imbalance.bookings)
    differences.push({ bookingId: b.bookingId, what: `booking ledger sums to ${b.sum}`, ledger: Number(b.sum), stripe: 0 });

  // Bookings whose money moved through the ledger, the demo's seeded history included.
  const ids = [...new Set([...(await bookingIdsInLedger(db)), ...(await bookingIdsTransferred(db))])];
  const existing = await existingBookingIds(db, ids);
  let seededBookings = 0;

  for (const bookingId of existing) {
    const entries = await ledgerEntriesOf(db, bookingId, accounts.stripe);
    const sumKind = (kinds: string[]) => entries.filter((e) => kinds.includes(e.kind)).reduce((s, e) => s + e.amount, 0);

    const tip = await tipOfBooking(db, bookingId);
    const invs = [
      ...(await invoicesOfBooking(db, bookingId)).filter((i) => i.stripeInvoiceId !== null),
      // A tip is paid on an invoice of its own.
      ...(tip?.stripeInvoiceId ? [{ stripeInvoiceId: tip.stripeInvoiceId }] : []),
    ];
    // The seed's history has no Stripe objects: it is checked for balance above, not against Stripe.
    if (invs.length > 0 && invs.every((i) => isSeededStripeId(i.stripeInvoiceId))) {
      seededBookings += 1;
      continue;
    }
    let paid = 0;
    let refunded = 0;
    let disputed = 0;
    for (const inv of invs) {
      const remote = await stripe.invoices.retrieve(inv.stripeInvoiceId!, { expand: ['payments.data.payment.payment_intent'] });
      paid += remote.amount_paid;
      for (const p of remote.payments?.data ?? []) {
        const pi = p.payment.payment_intent;
        if (p.status !== 'paid' || !pi || typeof pi === 'string' || !pi.latest_charge) continue;
        const charge = await stripe.charges.retrieve(typeof pi.latest_charge === 'string' ? pi.latest_charge : pi.latest_charge.id);
        refunded += charge.amount_refunded;
        const ds = await stripe.disputes.list({ charge: charge.id, limit: 100 });
        disputed += ds.data.filter((d) => d.status !== 'won').reduce((s, d) => s + d.amount, 0);
      }
      const notes = await listAll((after) =>
        stripe.creditNotes.list({ invoice: inv.stripeInvoiceId!, limit: 100, ...(after ? { starting_after: after } : {}) }),
      );
      refunded += notes.filter((n) => n.status !== 'void').reduce((s, n) => s + (n.out_of_band_amount ?? 0), 0);
    }
    const transfers = await listAll((after) =>
      stripe.transfers.list({ transfer_group: bookingId, limit: 100, ...(after ? { starting_after: after } : {}) }),
    );
    const transferred = transfers.reduce((s, t) => s + t.amount, 0);
    const reversed = transfers.reduce((s, t) => s + t.amount_reversed, 0);

    const compare = (what: string, ledger: number, remote: number) => {
      if (ledger !== remote) differences.push({ bookingId, what, ledger, stripe: remote });
    };
    compare('charges (amount paid)', sumKind(['charge']), paid);
    compare('refunds', -sumKind(['refund']), refunded);
    compare('transfers', -sumKind(['transfer']), transferred);
    compare('reversals', sumKind(['reversal']), reversed);
    compare('disputes (withdrawn, not won)', -sumKind(['dispute']), disputed);
  }
  differences.push(...(await bankPayoutDifferences(db, stripe)));
  differences.push(...(await creditDifferences(db, stripe)));
  return {
    bookings: existing.length,
    seededBookings,
    unbalancedTransactions: imbalance.transactions.length,
    unbalancedBookings: imbalance.bookings.length,
    differences,
  };
}

/**
 * Bank payouts move the providers' money, not the platform's, so they are not in the ledger; each
 * one Stripe made from a connected account we know of must be recorded here with its amount and
 * status (a missed `payout.*` webhook shows up as a difference).
 */
async function bankPayoutDifferences(db: DbOrTx, stripe: Stripe): Promise<ReconcileDifference[]> {
  const ours = await bankPayoutsOf(db);
  const out: ReconcileDifference[] = [];
  for (const account of new Set(ours.map((p) => p.stripeAccountId))) {
    const theirs = await listAll((after) =>
      stripe.payouts.list({ limit: 100, ...(after ? { starting_after: after } : {}) }, { stripeAccount: account }),
    );
    for (const po of theirs) {
      const row = ours.find((p) => p.stripePayoutId === po.id);
      if (!row) out.push({ bookingId: null, what: `bank payout ${po.id} of ${account} is not recorded`, ledger: 0, stripe: po.amount });
      else if (row.amount !== po.amount || row.status !== po.status)
        out.push({
          bookingId: null,
          what: `bank payout ${po.id} of ${account}: recorded ${row.status}, Stripe ${po.status}`,
          ledger: row.amount,
          stripe: po.amount,
        });
    }
  }
  return out;
}

/**
 * Goodwill credits (services/admin/credits.ts) are not a booking's money in Stripe: each client's
 * `client_credit:` account must equal, per currency, what Stripe says the client is still owed of
 * them — the balance transactions we made on their Stripe customer (credits, carrying our audit id,
 * and refunds of what a credit paid, carrying the refund's key), less the credit Stripe took off
 * their paid invoices (`ending_balance - starting_balance`). Credit taken off an open invoice is
 * still owed (a voided invoice gives it back), so it is not counted until the invoice is paid.
 */
async function creditDifferences(db: DbOrTx, stripe: Stripe): Promise<ReconcileDifference[]> {
  const out: ReconcileDifference[] = [];
  for (const acc of await clientCreditAccounts(db)) {
    const clientId = acc.account.slice('client_credit:'.length);
    const customer = await billingCustomerOf(db, clientId);
    const currency = acc.currency.toLowerCase();
    const theirs = customer
      ? await listAll((after) =>
          stripe.customers.listBalanceTransactions(customer, { limit: 100, ...(after ? { starting_after: after } : {}) }),
        )
      : [];
    const paidInvoices = customer
      ? await listAll((after) =>
          stripe.invoices.list({ customer, status: 'paid', limit: 100, ...(after ? { starting_after: after } : {}) }),
        )
      : [];
    const credited = -theirs
      .filter((t) => (t.metadata?.['handled_audit_id'] || t.metadata?.['handled_refund']) && t.currency === currency)
      .reduce((sum, t) => sum + t.amount, 0);
    const applied = paidInvoices
      .filter((i) => i.currency === currency && i.ending_balance !== null)
      .reduce((sum, i) => sum + Math.max(0, (i.ending_balance ?? 0) - i.starting_balance), 0);
    if (-acc.sum !== credited - applied)
      out.push({ bookingId: null, what: `credits to client ${clientId} (${acc.currency})`, ledger: -acc.sum, stripe: credited - applied });
  }
  return out;
}
