import { MINUTE_MS } from '@handled/core/durations';
import { samePlace, type PlaceAddress } from './directions.ts';

export interface PlanJob {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  address: PlaceAddress;
}

export type PlanItem<J extends PlanJob> =
  | { kind: 'job'; job: J; isNext: boolean; done: boolean }
  | {
      kind: 'gap';
      from: J;
      to: J;
      /** Minutes between the end of one job and the start of the next (negative: they overlap). */
      minutes: number;
      samePlace: boolean;
      /** Less than `tightMinutes` to get across town. */
      tight: boolean;
    };

const finished = new Set(['completed', 'disputed', 'cancelled', 'declined', 'expired', 'no_show']);
const off = new Set(['cancelled', 'declined', 'expired', 'no_show']);

/**
 * The day in order with the travel gaps between jobs, and the next job: the one under way, or the
 * first that has not ended. Cancelled jobs stay listed but leave no gap.
 */
export function dayPlan<J extends PlanJob>(jobs: readonly J[], now: Date, tightMinutes = 30): { next: J | null; items: PlanItem<J>[] } {
  const sorted = [...jobs].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const next =
    sorted.find((j) => j.status === 'in_progress') ??
    sorted.find((j) => !finished.has(j.status) && Date.parse(j.endsAt) > now.getTime()) ??
    null;
  const items: PlanItem<J>[] = [];
  let previous: J | null = null;
  for (const job of sorted) {
    if (previous && !off.has(job.status)) {
      const minutes = Math.round((Date.parse(job.startsAt) - Date.parse(previous.endsAt)) / MINUTE_MS);
      const same = samePlace(previous.address, job.address);
      items.push({ kind: 'gap', from: previous, to: job, minutes, samePlace: same, tight: !same && minutes < tightMinutes });
    }
    items.push({ kind: 'job', job, isNext: job === next, done: finished.has(job.status) });
    if (!off.has(job.status)) previous = job;
  }
  return { next, items };
}
