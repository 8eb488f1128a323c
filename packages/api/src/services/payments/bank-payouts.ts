import { currencies, type Currency } from '@handled/core/money';
import { insertNotification, notificationExists } from '../../repositories/notifications.ts';
import { bankPayoutsOf, saveBankPayout, type BankPayoutRow } from '../../repositories/payouts.ts';
import { providerByStripeAccount, userById } from '../../repositories/providers.ts';
import { escapeHtml } from '@handled/core/html';
import { translator } from '../notifications/i18n/index.ts';
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
  await saveBankPayout(db, { providerId: provider.userId, stripeAccountId: account, stripePayoutId: po.id, ...state });
  if (status === 'failed')
    await tellProviderPayoutFailed(deps, provider.userId, { id: po.id, amount: po.amount, currency, message: state.failureMessage });
  return true;
}

/** In the app and by email, once per payout (the email is keyed, the in-app row checked). */
async function tellProviderPayoutFailed(
  deps: ServiceDeps,
  providerId: string,
  p: { id: string; amount: number; currency: Currency; message: string | null },
) {
  const { db } = deps;
  const user = await userById(db, providerId);
  if (!user) return;
  const template = `bank_payout.failed:${p.id}`;
  // In the provider's language (Stripe's reason stays as Stripe wrote it).
  const tr = translator(user.language);
  const amount = tr.money(p.amount, p.currency);
  const title = tr.t('payout.failed.title', { amount });
  const body = tr.t('payout.failed.body', { amount, hasReason: p.message ? 'yes' : 'no', reason: p.message ?? '' });
  const linkLabel = tr.t('payout.failed.link');
  const link = `${deps.config.deskUrl.replace(/\/$/, '')}/#/payouts`;
  if (!(await notificationExists(db, providerId, template, 'in_app')))
    await insertNotification(db, { userId: providerId, channel: 'in_app', template, title, body, status: 'sent', sentAt: deps.now() });
  await deps.email.send({
    to: user.email,
    subject: title,
    text: `${body}\n\n${linkLabel}: ${link}`,
    html: `<p>${escapeHtml(body)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(linkLabel)}</a></p>`,
    idempotencyKey: `${template}:email`,
  });
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
