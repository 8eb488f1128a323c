import { DAY_MS } from '@handled/core/durations';

export interface PayoutLike {
  jobDate: string | null;
  amount: number;
  reversed: number;
  owed: number;
  status: string;
}

export interface WeekBar {
  /** Monday of the week, "YYYY-MM-DD" (UTC calendar). */
  week: string;
  /** Earned that week: paid plus still to be paid, net of reversals. */
  amount: number;
  paid: number;
}

function mondayOf(t: number): number {
  const d = new Date(t);
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return midnight - ((d.getUTCDay() + 6) % 7) * DAY_MS;
}

/**
 * Earnings per week for `weeks` weeks up to this week — or up to the latest job's week when a job
 * paid in advance lies ahead — oldest first, empty weeks included, by the job's date. Reversed and
 * owed-back money is taken off; failed payouts count for nothing.
 */
export function weeklyEarnings(payouts: readonly PayoutLike[], now: Date, weeks = 12): WeekBar[] {
  const latestJob = Math.max(...payouts.map((p) => (p.jobDate ? Date.parse(p.jobDate) : 0)), 0);
  const last = mondayOf(Math.max(now.getTime(), latestJob));
  const bars: WeekBar[] = Array.from({ length: weeks }, (_, i) => ({
    week: new Date(last - (weeks - 1 - i) * 7 * DAY_MS).toISOString().slice(0, 10),
    amount: 0,
    paid: 0,
  }));
  const index = new Map(bars.map((b, i) => [b.week, i]));
  for (const p of payouts) {
    if (!p.jobDate || p.status === 'failed' || p.status === 'cancelled') continue;
    const i = index.get(new Date(mondayOf(Date.parse(p.jobDate))).toISOString().slice(0, 10));
    if (i === undefined) continue;
    const bar = bars[i]!;
    const net = Math.max(0, p.amount - p.reversed - p.owed);
    bar.amount += net;
    if (p.status === 'paid' || p.status === 'reversed') bar.paid += net;
  }
  return bars;
}

/** A round top for the chart's axis: 1, 2 or 5 times a power of ten, at least `max`. */
export function niceCeiling(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

export const payoutStatusLabels: Record<string, string> = {
  pending: 'Waiting for the job to be confirmed',
  scheduled: 'Scheduled',
  paid: 'Paid out',
  frozen: 'On hold',
  reversed: 'Reversed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** What a payout is for, as the provider reads it in their list. */
export const payoutReasonLabels: Record<string, string> = {
  job: 'Job',
  late_cancellation: 'Late-cancellation fee',
  no_show: 'No-show fee',
  tip: 'Tip',
};

/** Why a payout waits, in words (the API sends codes). */
export const holdReasonLabels: Record<string, string> = {
  provider_not_ready: 'waits for your Stripe payouts to be set up',
  refund_pending: 'after the client’s refund is done',
  fee_unpaid: 'once the client pays the fee',
  card_dispute: 'on hold: the client disputed the card payment',
  dispute_lost: 'the card dispute was lost',
  problem_reported: 'on hold: the client reported a problem',
  nothing_collected: 'nothing was collected',
};
