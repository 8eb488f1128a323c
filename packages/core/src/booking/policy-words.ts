import { cancellationPolicies } from './cancellation-policy.ts';
import type { CancellationPolicyName } from './cancellation-policy.schema.ts';

function span(hours: number): string {
  if (hours % 24 === 0 && hours >= 72) return `${hours / 24} days`;
  return `${hours} hours`;
}

/** "Free cancellation until 48 hours before the start; 50% of the service after that, 100% within 12 hours." */
export function describePolicy(name: string): string {
  const policy = cancellationPolicies[name as CancellationPolicyName];
  if (!policy) return 'Ask the provider about cancelling.';
  const tiers = [...policy.tiers].sort((a, b) => b.withinHours - a.withinHours);
  const [first, ...rest] = tiers;
  if (!first) return 'Free cancellation at any time.';
  const pct = (bps: number) => `${bps / 100}%`;
  const later = rest.map((t) => `, ${pct(t.feeBps)} within ${span(t.withinHours)}`).join('');
  return `Free cancellation until ${span(first.withinHours)} before the start; ${pct(first.feeBps)} of the service after that${later}.`;
}
