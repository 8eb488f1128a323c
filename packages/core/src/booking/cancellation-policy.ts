import { formatMoney, money, percentOf } from '../money.ts';
import type { PriceSnapshot } from '../pricing.ts';
import type { CancellationPolicyName, CancellationPolicySnapshot } from './cancellation-policy.schema.ts';
import { HOUR_MS } from '../durations.ts';
import { cancellationFeeSplit } from '../fees.ts';

export * from './cancellation-policy.schema.ts';

/**
 * The three presets a provider chooses from. A tier applies when the client cancels *less than*
 * `withinHours` before the start, so cancelling exactly 24 h before under `flexible` is still free;
 * when several tiers apply, the highest fee wins.
 *
 * | preset   | free until        | then                    | and within            |
 * |----------|-------------------|-------------------------|-----------------------|
 * | flexible | 24 h before start | 50 % of the service     | —                     |
 * | moderate | 48 h before start | 50 % of the service     | 12 h: 100 %           |
 * | strict   | 7 days before     | 50 % of the service     | 48 h: 100 %           |
 *
 * Fees are charged on the service amount only. The platform fee and all tax are refunded on every
 * cancellation: the platform earns its commission from the provider's share of the fee, not from
 * a job that did not happen, and tax is only owed on what is finally kept.
 */
export const cancellationPolicies: Readonly<Record<CancellationPolicyName, CancellationPolicySnapshot>> = {
  flexible: { name: 'flexible', tiers: [{ withinHours: 24, feeBps: 5_000 }] },
  moderate: {
    name: 'moderate',
    tiers: [
      { withinHours: 48, feeBps: 5_000 },
      { withinHours: 12, feeBps: 10_000 },
    ],
  },
  strict: {
    name: 'strict',
    tiers: [
      { withinHours: 168, feeBps: 5_000 },
      { withinHours: 48, feeBps: 10_000 },
    ],
  },
};

/** A copy of a preset's rules, to store on a booking when it is requested. */
export function policySnapshot(name: CancellationPolicyName): CancellationPolicySnapshot {
  const preset = cancellationPolicies[name];
  return { name: preset.name, tiers: preset.tiers.map((t) => ({ ...t })) };
}

/** The fee rate (basis points of the service) a client owes for cancelling at `now`. */
export function feeBpsAt(policy: CancellationPolicySnapshot, startsAt: Date, now: Date): number {
  const leadMs = startsAt.getTime() - now.getTime();
  let bps = 0;
  for (const tier of policy.tiers) if (leadMs < tier.withinHours * HOUR_MS) bps = Math.max(bps, tier.feeBps);
  return bps;
}

/** The last instant a client may cancel for free, or null if the policy never charges. */
export function freeCancellationUntil(policy: CancellationPolicySnapshot, startsAt: Date): Date | null {
  const charging = policy.tiers.filter((t) => t.feeBps > 0);
  if (charging.length === 0) return null;
  const widest = Math.max(...charging.map((t) => t.withinHours));
  return new Date(startsAt.getTime() - widest * HOUR_MS);
}

export interface CancellationQuote {
  /** What the client owes for cancelling, in minor units (a share of the service amount). */
  fee: number;
  /** What goes back to the client: everything paid beyond the fee. */
  refund: number;
  /** What is still to be collected when less than the fee was paid (e.g. no upfront payment). */
  charge: number;
  /** The rate applied, in basis points of the service. */
  feeBps: number;
  /** What the provider receives of the fee: the fee less the platform's commission. */
  providerShare: number;
  /** When free cancellation ends for the client; null when time does not matter. */
  freeUntil: Date | null;
  /** One or two sentences a person can read before confirming. */
  explanation: string;
}

function hoursLabel(hours: number): string {
  if (hours % 24 === 0 && hours >= 48) return `${hours / 24} days`;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/**
 * What cancelling at `now` costs, shown before anyone confirms and computed again when the
 * cancellation is enforced. Only a client pays a fee; when the provider, an admin or the system
 * cancels, everything paid is refunded. Always `fee + refund == amountPaid + charge`, and
 * `charge` is 0 whenever what was paid covers the fee (so then `fee + refund == amountPaid`).
 */
export function cancellationQuote(
  policy: CancellationPolicySnapshot,
  price: PriceSnapshot,
  startsAt: Date,
  now: Date,
  actorKind: 'client' | 'provider' | 'system' | 'admin',
  amountPaid: number,
): CancellationQuote {
  if (!Number.isSafeInteger(amountPaid) || amountPaid < 0)
    throw new RangeError(`amountPaid must be a non-negative integer of minor units, got ${amountPaid}`);
  const fmt = (amount: number) => formatMoney(money(amount, price.currency));

  if (actorKind !== 'client') {
    const who = actorKind === 'provider' ? 'The provider is cancelling' : 'This booking is being cancelled for you';
    return {
      fee: 0,
      refund: amountPaid,
      charge: 0,
      feeBps: 0,
      providerShare: 0,
      freeUntil: null,
      explanation: `${who}, so there is no fee${amountPaid > 0 ? ` and the client gets back everything paid (${fmt(amountPaid)})` : ''}.`,
    };
  }

  const freeUntil = freeCancellationUntil(policy, startsAt);
  const feeBps = feeBpsAt(policy, startsAt, now);
  const fee = Math.min(percentOf(money(price.service, price.currency), feeBps).amount, price.service);
  const refund = Math.max(0, amountPaid - fee);
  const charge = Math.max(0, fee - amountPaid);
  const providerShare = cancellationFeeSplit(price, fee).providerEarnings;

  if (fee === 0) {
    return {
      fee,
      refund,
      charge,
      feeBps,
      providerShare,
      freeUntil,
      explanation: `Cancelling now is free${amountPaid > 0 ? `: you get back everything you paid (${fmt(amountPaid)})` : ''}.`,
    };
  }
  // The narrowest tier that applies names the threshold the client has crossed.
  const crossed = policy.tiers
    .filter((t) => t.feeBps === feeBps && startsAt.getTime() - now.getTime() < t.withinHours * HOUR_MS)
    .reduce((a, b) => (a.withinHours <= b.withinHours ? a : b));
  const when = now.getTime() >= startsAt.getTime() ? 'after the start' : `less than ${hoursLabel(crossed.withinHours)} before the start`;
  const parts = [
    `Cancelling ${when} costs ${feeBps / 100}% of the service (${fmt(fee)}) under the ${policy.name} policy; the platform fee and tax are refunded.`,
  ];
  if (refund > 0) parts.push(`You get back ${fmt(refund)} of the ${fmt(amountPaid)} you paid.`);
  if (charge > 0) parts.push(`${fmt(charge)} will be charged${amountPaid > 0 ? ` on top of the ${fmt(amountPaid)} you paid` : ''}.`);
  return { fee, refund, charge, feeBps, providerShare, freeUntil, explanation: parts.join(' ') };
}
