import type Stripe from 'stripe';

/** What the provider (and the payouts) need to know about a connected account. */
export interface ConnectReadiness {
  accountId: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  transfersActive: boolean;
  /** Requirement ids still due now or past due (e.g. `external_account`). */
  requirementsDue: string[];
  disabledReason: string | null;
  payoutInterval: string | null;
}

export function readinessOf(a: Stripe.Account): ConnectReadiness {
  const req = a.requirements;
  return {
    accountId: a.id,
    chargesEnabled: a.charges_enabled ?? false,
    payoutsEnabled: a.payouts_enabled ?? false,
    detailsSubmitted: a.details_submitted ?? false,
    transfersActive: a.capabilities?.transfers === 'active',
    requirementsDue: [...new Set([...(req?.past_due ?? []), ...(req?.currently_due ?? [])])],
    disabledReason: req?.disabled_reason ?? null,
    payoutInterval: a.settings?.payouts?.schedule?.interval ?? null,
  };
}

/**
 * The provider's Express account: the platform pays Stripe's fees and carries losses, the provider
 * gets the Express dashboard, and only `transfers` is requested (separate charges and transfers).
 * One account per provider, whatever the retries.
 */
export async function createExpressAccount(
  stripe: Stripe,
  p: { providerId: string; email: string; country: string; name: string },
): Promise<ConnectReadiness> {
  const account = await stripe.accounts.create(
    {
      controller: { fees: { payer: 'application' }, losses: { payments: 'application' }, stripe_dashboard: { type: 'express' } },
      capabilities: { transfers: { requested: true } },
      country: p.country,
      email: p.email,
      business_profile: { name: p.name },
      metadata: { provider_id: p.providerId },
    },
    { idempotencyKey: `connect:account:${p.providerId}` },
  );
  return readinessOf(account);
}

/**
 * A single-use onboarding link (it expires in minutes). `nonce` makes each request a new link: the
 * refresh URL asks for another one when the last expired.
 */
export async function createOnboardingLink(
  stripe: Stripe,
  p: { accountId: string; refreshUrl: string; returnUrl: string; nonce: string },
): Promise<{ url: string; expiresAt: Date }> {
  const link = await stripe.accountLinks.create(
    { account: p.accountId, type: 'account_onboarding', refresh_url: p.refreshUrl, return_url: p.returnUrl },
    { idempotencyKey: `connect:link:${p.accountId}:${p.nonce}` },
  );
  return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
}

export async function retrieveReadiness(stripe: Stripe, accountId: string): Promise<ConnectReadiness> {
  return readinessOf(await stripe.accounts.retrieve(accountId));
}

export type PayoutScheduleChoice = 'asap' | 'weekly' | 'monthly';

/** The provider's bank payout rhythm on Stripe (our transfers follow the same choice). */
export async function setPayoutSchedule(
  stripe: Stripe,
  accountId: string,
  schedule: PayoutScheduleChoice,
  nonce: string,
): Promise<ConnectReadiness> {
  const schedulePatch =
    schedule === 'weekly'
      ? { interval: 'weekly' as const, weekly_anchor: 'monday' as const }
      : schedule === 'monthly'
        ? { interval: 'monthly' as const, monthly_anchor: 1 }
        : { interval: 'daily' as const };
  const account = await stripe.accounts.update(
    accountId,
    { settings: { payouts: { schedule: schedulePatch } } },
    { idempotencyKey: `connect:schedule:${accountId}:${schedule}:${nonce}` },
  );
  return readinessOf(account);
}
