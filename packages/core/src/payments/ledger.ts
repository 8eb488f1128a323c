/**
 * The double-entry ledger's postings, computed here and written by the payments service. Every
 * movement is one transaction of entries that sum to zero; a positive amount is money the account
 * holds (a debit), a negative one money it is owed or gave (a credit).
 *
 * Accounts:
 * - `stripe_balance` — the platform's Stripe balance (cash);
 * - `client_funds:<booking>` — what the client paid for a booking and is not yet earned;
 * - `platform_fees` — the platform's revenue (client fee + commission);
 * - `tax_payable` — tax collected, owed to the tax authority;
 * - `provider_payable:<provider>` — earnings owed to a provider, paid by transfers;
 * - `provider_owed:<provider>` — what a provider owes back (a refund a reversal could not cover);
 * - `refunds` — money given back after it was earned;
 * - `disputes` — money Stripe withdrew for a chargeback;
 * - `goodwill` — credits the platform gave a client without a charge (an operator's manual credit);
 * - `client_credit:<client>` — that credit, owed to the client on their Stripe customer balance
 *   (Stripe takes it off their next invoices: `creditAppliedPosting` when such an invoice is paid;
 *   a refund of what it paid gives it back, `RefundToCredit`).
 */
export interface Posting {
  account: string;
  amount: number;
}

export type LedgerKind = 'charge' | 'fee' | 'tax' | 'transfer' | 'refund' | 'reversal' | 'dispute' | 'adjustment';

export interface LedgerTransaction {
  kind: LedgerKind;
  postings: Posting[];
}

export const accounts = {
  stripe: 'stripe_balance',
  clientFunds: (bookingId: string) => `client_funds:${bookingId}`,
  fees: 'platform_fees',
  tax: 'tax_payable',
  providerPayable: (providerId: string) => `provider_payable:${providerId}`,
  providerOwed: (providerId: string) => `provider_owed:${providerId}`,
  refunds: 'refunds',
  disputes: 'disputes',
  goodwill: 'goodwill',
  clientCredit: (clientId: string) => `client_credit:${clientId}`,
} as const;

function tx(kind: LedgerKind, postings: Posting[]): LedgerTransaction {
  const merged = new Map<string, number>();
  for (const p of postings) {
    if (!Number.isSafeInteger(p.amount)) throw new RangeError(`Ledger amounts are whole minor units (${p.account}: ${p.amount})`);
    merged.set(p.account, (merged.get(p.account) ?? 0) + p.amount);
  }
  const out = [...merged].filter(([, a]) => a !== 0).map(([account, amount]) => ({ account, amount }));
  if (!isBalanced(out)) throw new Error(`Unbalanced ${kind} transaction`);
  return { kind, postings: out };
}

export function isBalanced(postings: readonly Posting[]): boolean {
  return postings.reduce((s, p) => s + p.amount, 0) === 0;
}

/** A client payment arrived in the platform's balance. */
export function chargePosting(bookingId: string, amount: number): LedgerTransaction {
  return tx('charge', [
    { account: accounts.stripe, amount },
    { account: accounts.clientFunds(bookingId), amount: -amount },
  ]);
}

/**
 * The job was confirmed: what the client paid is earned, split into the provider's earnings, the
 * platform's fees and tax.
 */
export function earnPosting(
  bookingId: string,
  providerId: string,
  split: { collected: number; providerEarnings: number; tax: number },
): LedgerTransaction {
  return tx('fee', [
    { account: accounts.clientFunds(bookingId), amount: split.collected },
    { account: accounts.providerPayable(providerId), amount: -split.providerEarnings },
    { account: accounts.tax, amount: -split.tax },
    { account: accounts.fees, amount: -(split.collected - split.providerEarnings - split.tax) },
  ]);
}

/** A transfer to the provider's connected account paid their earnings. */
export function transferPosting(providerId: string, amount: number): LedgerTransaction {
  return tx('transfer', [
    { account: accounts.providerPayable(providerId), amount },
    { account: accounts.stripe, amount: -amount },
  ]);
}

/**
 * Part of a refund that goes back to the client's credit balance rather than their card (what they
 * had paid from that credit): `client_credit:<client>` owes it to them again instead of the
 * platform's Stripe balance paying it out.
 */
export interface RefundToCredit {
  clientId: string;
  amount: number;
}

/** Money went back to the client before it was earned (to the card, and `toCredit` to their credit balance). */
export function refundUnearnedPosting(bookingId: string, amount: number, toCredit?: RefundToCredit): LedgerTransaction {
  const credit = toCredit?.amount ?? 0;
  return tx('refund', [
    { account: accounts.clientFunds(bookingId), amount },
    { account: accounts.stripe, amount: -(amount - credit) },
    ...(toCredit && credit ? [{ account: accounts.clientCredit(toCredit.clientId), amount: -credit }] : []),
  ]);
}

/**
 * Money went back to the client after it was earned. The provider's share comes out of their
 * unpaid earnings (`unpaid`) or out of a transfer already made (`fromTransfer`, owed by the
 * provider until a reversal brings it back); the rest is the platform's (fees and tax given back).
 * `toCredit` of it goes back to the client's credit balance instead of their card.
 */
export function refundEarnedPosting(
  providerId: string,
  amount: number,
  providerShare: { fromTransfer: number; unpaid: number },
  toCredit?: RefundToCredit,
): LedgerTransaction {
  const credit = toCredit?.amount ?? 0;
  return tx('refund', [
    { account: accounts.stripe, amount: -(amount - credit) },
    ...(toCredit && credit ? [{ account: accounts.clientCredit(toCredit.clientId), amount: -credit }] : []),
    { account: accounts.providerPayable(providerId), amount: providerShare.unpaid },
    { account: accounts.providerOwed(providerId), amount: providerShare.fromTransfer },
    { account: accounts.refunds, amount: amount - providerShare.fromTransfer - providerShare.unpaid },
  ]);
}

/** A transfer reversal brought part of what the provider owed back to the platform's balance. */
export function reversalPosting(providerId: string, amount: number): LedgerTransaction {
  return tx('reversal', [
    { account: accounts.stripe, amount },
    { account: accounts.providerOwed(providerId), amount: -amount },
  ]);
}

/** Stripe withdrew a disputed amount from the platform's balance (or gave it back when won). */
export function disputePosting(amount: number, won: boolean): LedgerTransaction {
  const sign = won ? -1 : 1;
  return tx('dispute', [
    { account: accounts.disputes, amount: sign * amount },
    { account: accounts.stripe, amount: -sign * amount },
  ]);
}

/**
 * A lost dispute after the provider was paid: their share of the chargeback is charged to them
 * (owed until a transfer reversal or a later payout brings it back).
 */
export function disputeChargedToProviderPosting(providerId: string, amount: number): LedgerTransaction {
  return tx('dispute', [
    { account: accounts.providerOwed(providerId), amount },
    { account: accounts.disputes, amount: -amount },
  ]);
}

/** An operator's goodwill credit to a client: the platform's expense, owed to the client on their Stripe customer balance. */
export function creditPosting(clientId: string, amount: number): LedgerTransaction {
  return tx('adjustment', [
    { account: accounts.goodwill, amount },
    { account: accounts.clientCredit(clientId), amount: -amount },
  ]);
}

/**
 * Stripe took the client's credit balance off a booking's invoice and the invoice is paid: that
 * part of the booking was paid from the credit, so what was owed to the client
 * (`client_credit:<client>`) comes back toward zero and the booking's client funds hold it as any
 * payment (earned later with the rest).
 */
export function creditAppliedPosting(bookingId: string, clientId: string, amount: number): LedgerTransaction {
  return tx('adjustment', [
    { account: accounts.clientCredit(clientId), amount },
    { account: accounts.clientFunds(bookingId), amount: -amount },
  ]);
}

/** Sums of entries per account (for balances and reconciliation). */
export function balances(entries: readonly Posting[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of entries) m.set(e.account, (m.get(e.account) ?? 0) + e.amount);
  return m;
}

/**
 * The demo's history (the seed) has invoices, payments, payouts and their ledger entries but no
 * Stripe objects: its Stripe ids carry this mark (`in_seed_…`, `ch_seed_…`, `tr_seed_…`), so
 * reconciliation counts that history without asking Stripe for it.
 */
export const seededStripeIdMark = '_seed_';

export function isSeededStripeId(id: string | null | undefined): boolean {
  return !!id && id.includes(seededStripeIdMark);
}
