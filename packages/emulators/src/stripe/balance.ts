import type { StripeStore } from './store.ts';

export type Balances = Record<string, number>;

const add = (b: Balances, currency: string, amount: number) => {
  b[currency] = (b[currency] ?? 0) + amount;
};

/**
 * Available balance by currency. The platform: captured charges − refunds − transfers +
 * reversals − its payouts. A connected account: transfers − reversals − payouts.
 * Funds are available at once (real test mode holds card funds as pending for a while).
 */
export function balanceOf(store: StripeStore, account: string | null): Balances {
  const b: Balances = {};
  const d = store.data;
  if (!account) {
    for (const ch of Object.values(d.charges)) if (ch.status === 'succeeded') add(b, ch.currency, ch.amount_captured - ch.amount_refunded);
  }
  if (!account) {
    // A dispute withdraws the amount at once; a won dispute gives it back.
    for (const du of Object.values(d.disputes ?? {})) if (du.status !== 'won') add(b, du.currency, -du.amount);
  }
  for (const tr of Object.values(d.transfers)) {
    const net = tr.amount - tr.amount_reversed;
    if (!account) add(b, tr.currency, -net);
    else if (tr.destination === account) add(b, tr.currency, net);
  }
  for (const po of Object.values(d.payouts)) {
    if (po.account === (account ?? 'platform') && po.status !== 'failed' && po.status !== 'canceled') add(b, po.currency, -po.amount);
  }
  return b;
}

/** What is left of a charge to transfer out (after refunds and earlier transfers from it). */
export function transferableFromCharge(store: StripeStore, chargeId: string): number {
  const ch = store.data.charges[chargeId];
  if (!ch || ch.status !== 'succeeded') return 0;
  const transferred = Object.values(store.data.transfers)
    .filter((t) => t.source_transaction === chargeId)
    .reduce((s, t) => s + t.amount - t.amount_reversed, 0);
  return ch.amount_captured - ch.amount_refunded - transferred;
}
