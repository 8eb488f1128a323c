/** How the admin screens word the codes the API sends (statuses, hold reasons, ages). */

/** "just now", "45 s", "12 min", "3 h 5 min", "2 days" */
export function ageText(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const min = Math.floor(seconds / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} days`;
}

const holdReasons: Record<string, string> = {
  card_dispute: 'Card dispute open',
  dispute_lost: 'Dispute lost — needs settling',
  problem_reported: 'Client reported a problem',
  provider_not_ready: 'Provider has not finished Stripe onboarding',
  nothing_collected: 'Nothing was collected',
  transfer_failed: 'Transfer to the provider failed',
  on_schedule: 'Waiting for its payout date',
  not_ready: 'Job not finished yet',
};

export function holdReasonLabel(reason: string | null | undefined): string {
  if (!reason) return 'No hold';
  return holdReasons[reason] ?? reason.replace(/_/g, ' ');
}

const payoutStatuses: Record<string, string> = {
  pending: 'Pending',
  scheduled: 'Scheduled',
  frozen: 'Frozen',
  failed: 'Failed',
  paid: 'Paid',
  reversed: 'Reversed',
  cancelled: 'Cancelled',
};

export function payoutStatusLabel(status: string): string {
  return payoutStatuses[status] ?? status;
}

const disputeStatuses: Record<string, string> = {
  warning_needs_response: 'Inquiry — needs response',
  warning_under_review: 'Inquiry under review',
  warning_closed: 'Inquiry closed',
  needs_response: 'Needs response',
  under_review: 'Under review',
  won: 'Won',
  lost: 'Lost',
  prevented: 'Prevented',
};

export function disputeStatusLabel(status: string): string {
  return disputeStatuses[status] ?? status.replace(/_/g, ' ');
}

/** Stripe's dispute reasons ("product_not_received") as a sentence. */
export function disputeReasonLabel(reason: string): string {
  const s = reason.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const jobStatuses: Record<string, string> = {
  failed: 'Failed — will retry',
  dead: 'Gave up',
  running: 'Stuck (lease expired)',
  pending: 'Waiting',
  done: 'Done',
};

export function jobStatusLabel(status: string): string {
  return jobStatuses[status] ?? status;
}

/** A StatusBadge tone for a status word of ours. */
export function badgeStatus(kind: 'dispute' | 'job' | 'payout', status: string): string {
  if (kind === 'dispute')
    return status === 'won' ? 'completed' : status === 'lost' ? 'declined' : status.startsWith('warning_closed') ? 'cancelled' : 'disputed';
  if (kind === 'job') return status === 'dead' ? 'declined' : status === 'failed' ? 'requested' : 'disputed';
  return status === 'frozen' || status === 'failed'
    ? 'declined'
    : status === 'paid'
      ? 'completed'
      : status === 'scheduled'
        ? 'accepted'
        : 'cancelled';
}
