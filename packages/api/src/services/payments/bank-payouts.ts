import { currencies, type Currency } from '@handled/core/money';
import { bankPayoutsOf, saveBankPayout, type BankPayoutRow } from '../../repositories/payouts.ts';
import { providerByStripeAccount, userById } from '../../repositories/providers.ts';
import { translator } from '../notifications/i18n/index.ts';
import { notify, type NotificationEvent } from '../notifications/service.ts';
import type { ServiceDeps } from '../deps.ts';

type BankPayoutStatus = BankPayoutRow['status'];
const statuses: readonly BankPayoutStatus[] = ['pending', 'in_transit', 'paid', 'failed', 'canceled'];

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * `payout.*` on a connected account (Stripe moving a provider's balance to their bank): re-reads
 * the payout from that account, so any order or number of events gives its current state, and
 * records it. A failed payout tells the provider once. The platform's own payouts are not ours.
 */
export async function syncBankPayout(deps: ServiceDeps, payoutId: string, account: string | undefined): Promise<boolean> {
  if (!account) return false;
  const { db } = deps;
  const provider = await providerByStripeAccount(db, account);
  if (!provider) return false;
  const po = await deps.stripe.payouts.retrieve(payoutId, {}, { stripeAccount: account });
  const currency = po.currency.toUpperCase() as Currency;
  if (!currencies.includes(currency)) throw new Error(`Payout ${po.id} is in an unknown currency ${po.currency}`);
  const status = statuses.find((s) => s === po.status) ?? 'pending';
  const state = {
    amount: po.amount,
    currency,
    status,
    automatic: po.automatic,
    arrivalDate: new Date(po.arrival_date * 1000),
    failureCode: po.failure_code ?? null,
    failureMessage: po.failure_message ?? null,
  };
  const row = { providerId: provider.userId, stripeAccountId: account, stripePayoutId: po.id, ...state };
  const notice =
    status === 'failed'
      ? await payoutFailedNotice(deps, provider.userId, { id: po.id, amount: po.amount, currency, message: state.failureMessage })
      : null;
  await db.transaction(async (tx) => {
    await saveBankPayout(tx, row);
    // Through the notification service, once per payout (its key): in the app now, then on the
    // provider's chosen channels for payments.
    if (notice) await notify(tx, notice, deps.now());
  });
  return true;
}

/** What a failed payout tells its provider, in their language (Stripe's reason stays as Stripe wrote it). */
async function payoutFailedNotice(
  deps: ServiceDeps,
  providerId: string,
  p: { id: string; amount: number; currency: Currency; message: string | null },
): Promise<NotificationEvent | null> {
  const user = await userById(deps.db, providerId);
  if (!user) return null;
  const tr = translator(user.language);
  const amount = tr.money(p.amount, p.currency);
  return {
    key: `bank_payout.failed:${p.id}`,
    userId: providerId,
    group: 'payments',
    title: tr.t('payout.failed.title', { amount }),
    body: tr.t('payout.failed.body', { amount, hasReason: p.message ? 'yes' : 'no', reason: p.message ?? '' }),
    link: `${deps.config.deskUrl.replace(/\/$/, '')}/#/payouts`,
  };
}

/** A provider's bank payouts, newest first: in transit (with the expected arrival), paid, or failed with Stripe's reason. */
export async function bankPayoutsOfProvider(deps: ServiceDeps, providerId: string, limit: number) {
  const rows = await bankPayoutsOf(deps.db, providerId, limit);
  return rows.map((r) => ({
    id: r.stripePayoutId,
    amount: r.amount,
    currency: r.currency,
    status: r.status,
    automatic: r.automatic,
    arrivalDate: iso(r.arrivalDate),
    failureMessage: r.failureMessage,
    createdAt: iso(r.createdAt),
  }));
}
