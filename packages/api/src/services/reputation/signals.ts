import type { ProviderSignals } from '@handled/core/reputation';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '@handled/core/durations';
import type { DbOrTx } from '@handled/db';
import { findProvider, scheduleOf } from '../../repositories/providers.ts';
import { bookedMinutesBetween, lastJobAt, providerActivity, type ActivityRow } from '../../repositories/reputation.ts';

/** How far back the ranking looks at requests and jobs. */
export const SIGNAL_DAYS = 180;
const FREE_DAYS = 14;

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Requests, answers and outcomes from activity rows (the signals and the desk's analytics share this). */
export function summarizeActivity(rows: ActivityRow[]) {
  // Answered: the provider accepted or declined, or let the request expire.
  const answered = rows.filter((r) => r.answeredAt !== null || r.status === 'expired');
  const responseMinutes = rows
    .filter((r) => r.answeredAt !== null)
    .map((r) => Math.max(0, (r.answeredAt!.getTime() - r.createdAt.getTime()) / MINUTE_MS));
  const accepted = rows.filter((r) => r.answeredAt !== null && !r.declined);
  const completed = rows.filter((r) => r.status === 'completed' || r.status === 'disputed');
  const failed = rows.filter((r) => r.wasConfirmed && (r.status === 'cancelled' || r.status === 'no_show'));
  const marks = rows.filter((r) => r.cancelledBy === 'provider' || r.providerNoShow);
  const within = (hours: number) =>
    rows.filter((r) => r.answeredAt !== null && r.answeredAt.getTime() - r.createdAt.getTime() <= hours * HOUR_MS).length;
  return {
    requests: rows.length,
    answered: answered.length,
    accepted: accepted.length,
    completed: completed.length,
    failed: failed.length,
    marks: marks.length,
    medianResponseMinutes: median(responseMinutes),
    answeredWithin: within,
  };
}

/** Share of the next 14 days' weekly working hours not taken by jobs (null without hours). */
async function freeShareOf(db: DbOrTx, providerId: string, now: Date): Promise<number | null> {
  const { schedule } = await scheduleOf(db, providerId);
  if (!schedule) return null;
  const weekMinutes = Object.values(schedule.weekly).reduce(
    (n, ranges) =>
      n +
      ranges.reduce((m, r) => {
        const [sh, sm] = r.start.split(':').map(Number) as [number, number];
        const [eh, em] = r.end.split(':').map(Number) as [number, number];
        return m + Math.max(0, eh * 60 + em - (sh * 60 + sm));
      }, 0),
    0,
  );
  const total = (weekMinutes * FREE_DAYS) / 7;
  if (total <= 0) return null;
  const booked = await bookedMinutesBetween(db, providerId, now, new Date(now.getTime() + FREE_DAYS * DAY_MS));
  return Math.max(0, Math.min(1, 1 - booked / total));
}

/** Everything the ranking and the tiers read about one provider, now. */
export async function signalsOf(db: DbOrTx, providerId: string, now: Date) {
  const p = await findProvider(db, providerId);
  if (!p) return null;
  const [rows, last, freeShare] = await Promise.all([
    providerActivity(db, providerId, new Date(now.getTime() - SIGNAL_DAYS * DAY_MS)),
    lastJobAt(db, providerId),
    freeShareOf(db, providerId, now),
  ]);
  const a = summarizeActivity(rows);
  const signals: ProviderSignals = {
    ratingAvg: p.ratingAvg,
    ratingCount: p.ratingCount,
    medianResponseMinutes: a.medianResponseMinutes,
    acceptedRequests: a.accepted,
    answeredRequests: a.answered,
    completedJobs: a.completed,
    failedJobs: a.failed,
    reliabilityMarks: a.marks,
    lastJobAt: last,
    listedAt: p.createdAt,
    freeShare,
  };
  return { provider: p, signals, activity: a };
}
