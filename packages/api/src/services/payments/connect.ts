import { DomainError } from '@handled/core/errors';
import {
  createExpressAccount,
  createOnboardingLink,
  retrieveReadiness,
  setPayoutSchedule,
  type ConnectReadiness,
  type PayoutScheduleChoice,
} from '@handled/integrations/stripe';
import { findProvider, providerByStripeAccount, savePayoutReadiness, savePayoutSchedule, userById } from '../../repositories/providers.ts';
import type { ServiceDeps } from '../deps.ts';
import { releaseWaitingPayouts } from './payouts.ts';

/** Provider-facing readiness: what works, what is missing, and what to do next. */
export function connectView(p: {
  stripeAccountId: string | null;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  requirementsDue: string[];
  disabledReason: string | null;
  payoutSchedule: PayoutScheduleChoice;
}) {
  const state = !p.stripeAccountId
    ? 'not_started'
    : p.payoutsEnabled
      ? 'ready'
      : p.detailsSubmitted
        ? 'pending_verification'
        : 'incomplete';
  return {
    state,
    accountId: p.stripeAccountId,
    chargesEnabled: p.chargesEnabled,
    payoutsEnabled: p.payoutsEnabled,
    detailsSubmitted: p.detailsSubmitted,
    requirementsDue: p.requirementsDue,
    disabledReason: p.disabledReason,
    payoutSchedule: p.payoutSchedule,
    message:
      state === 'ready'
        ? 'Payouts are on. Your earnings are sent after each job is confirmed.'
        : state === 'not_started'
          ? 'Set up payouts with Stripe to get paid. Clients can book you meanwhile; your earnings wait until you finish.'
          : `Finish your Stripe details to get paid${p.requirementsDue.length ? ` (still needed: ${p.requirementsDue.join(', ')})` : ''}. Your earnings wait until then.`,
  };
}

async function providerOrThrow(deps: ServiceDeps, providerId: string) {
  const provider = await findProvider(deps.db, providerId);
  if (!provider) throw new DomainError('NOT_FOUND', 'Provider profile not found.');
  return provider;
}

export async function connectStatus(deps: ServiceDeps, providerId: string) {
  return connectView(await providerOrThrow(deps, providerId));
}

/**
 * Starts (or continues) onboarding: the Express account is made once, and each call mints a new
 * single-use link (the desk's refresh URL calls this again when a link expired).
 */
export async function startOnboarding(deps: ServiceDeps, providerId: string) {
  const provider = await providerOrThrow(deps, providerId);
  let accountId = provider.stripeAccountId;
  if (!accountId) {
    const user = await userById(deps.db, providerId);
    const account = await createExpressAccount(deps.stripe, {
      providerId,
      email: user?.email ?? '',
      country: provider.country,
      name: provider.displayName,
    });
    accountId = account.accountId;
    await applyReadiness(deps, providerId, account, 'created');
  }
  const base = deps.config.deskUrl.replace(/\/$/, '');
  const link = await createOnboardingLink(deps.stripe, {
    accountId,
    refreshUrl: `${base}/payouts?connect=refresh`,
    returnUrl: `${base}/payouts?connect=return`,
    nonce: String(deps.now().getTime()),
  });
  return { url: link.url, expiresAt: link.expiresAt.toISOString(), accountId };
}

/** Re-reads the account (after the return URL, or from `account.updated` / `capability.updated`). */
export async function syncAccount(deps: ServiceDeps, accountId: string, cause: string): Promise<boolean> {
  const provider = await providerByStripeAccount(deps.db, accountId);
  if (!provider) return false;
  await applyReadiness(deps, provider.userId, await retrieveReadiness(deps.stripe, accountId), cause);
  return true;
}

async function applyReadiness(deps: ServiceDeps, providerId: string, r: ConnectReadiness, cause: string) {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await savePayoutReadiness(tx, providerId, {
      stripeAccountId: r.accountId,
      chargesEnabled: r.chargesEnabled,
      payoutsEnabled: r.payoutsEnabled && r.transfersActive,
      detailsSubmitted: r.detailsSubmitted,
      requirementsDue: r.requirementsDue,
      disabledReason: r.disabledReason,
    });
    if (r.payoutsEnabled && r.transfersActive) await releaseWaitingPayouts(tx, providerId, now, cause);
  });
}

export async function refreshConnectStatus(deps: ServiceDeps, providerId: string) {
  const provider = await providerOrThrow(deps, providerId);
  if (provider.stripeAccountId) await syncAccount(deps, provider.stripeAccountId, `refresh:${deps.now().getTime()}`);
  return connectStatus(deps, providerId);
}

export async function choosePayoutSchedule(deps: ServiceDeps, providerId: string, schedule: PayoutScheduleChoice) {
  const provider = await providerOrThrow(deps, providerId);
  if (provider.stripeAccountId) await setPayoutSchedule(deps.stripe, provider.stripeAccountId, schedule, String(deps.now().getTime()));
  await savePayoutSchedule(deps.db, providerId, schedule);
  return connectStatus(deps, providerId);
}
