import { DAY_MS } from '@handled/core/durations';
import { profileViewsSince, earningsByDay, providerActivity, reviewRatingsSince } from '../../repositories/reputation.ts';
import type { ServiceDeps } from '../deps.ts';
import { summarizeActivity } from './signals.ts';

const WEEKS = 26;

/** Monday (UTC) of the week holding `d`, as YYYY-MM-DD. */
export function weekOf(d: Date): string {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/**
 * The desk's Analytics over the last 26 weeks (UTC weeks from Monday): profile views → requests →
 * accepted → paid (the funnel), answer time, acceptance and completion rates, rating by month,
 * earnings by week and month from the ledger, and repeat clients. Views are a daily counter per
 * provider (profile_view_day): nobody is tracked.
 */
export async function analyticsOf(deps: ServiceDeps, providerId: string) {
  const now = deps.now();
  const firstWeek = weekOf(new Date(now.getTime() - (WEEKS - 1) * 7 * DAY_MS));
  const since = new Date(`${firstWeek}T00:00:00Z`);
  const [rows, views, earnings, ratings] = await Promise.all([
    providerActivity(deps.db, providerId, since),
    profileViewsSince(deps.db, providerId, firstWeek),
    earningsByDay(deps.db, providerId, since),
    reviewRatingsSince(deps.db, providerId, new Date(now.getTime() - 365 * DAY_MS)),
  ]);
  const weeks: string[] = [];
  for (let i = 0; i < WEEKS; i++) weeks.push(weekOf(new Date(since.getTime() + i * 7 * DAY_MS + DAY_MS)));
  const paid = (r: (typeof rows)[number]) =>
    r.paymentStatus === 'paid' || r.paymentStatus === 'partially_paid' || r.paymentStatus === 'refunded';
  const byWeek = weeks.map((week) => {
    const inWeek = rows.filter((r) => weekOf(r.createdAt) === week);
    const a = summarizeActivity(inWeek);
    return {
      week,
      views: views.filter((v) => weekOf(new Date(`${v.day}T12:00:00Z`)) === week).reduce((n, v) => n + v.views, 0),
      requests: a.requests,
      accepted: a.accepted,
      paid: inWeek.filter(paid).length,
      answered: a.answered,
      completed: a.completed,
      failed: a.failed,
      medianResponseMinutes: a.medianResponseMinutes,
    };
  });
  const total = summarizeActivity(rows);
  const currencies = [...new Set(earnings.map((e) => e.currency))];
  const currency = currencies[0] ?? null;
  const earningsWeeks = weeks.map((week) => ({
    week,
    amount: earnings
      .filter((e) => e.currency === currency && weekOf(new Date(`${e.day}T12:00:00Z`)) === week)
      .reduce((n, e) => n + e.amount, 0),
  }));
  const months = [...new Set(weeks.map((w) => w.slice(0, 7)))];
  const earningsMonths = months.map((month) => ({
    month,
    amount: earnings.filter((e) => e.currency === currency && e.day.startsWith(month)).reduce((n, e) => n + e.amount, 0),
  }));
  const ratingMonths: { month: string; average: number | null; count: number }[] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    const month = d.toISOString().slice(0, 7);
    const inMonth = ratings.filter((r) => r.at.toISOString().startsWith(month));
    ratingMonths.push({
      month,
      average: inMonth.length ? Math.round((inMonth.reduce((n, r) => n + r.rating, 0) / inMonth.length) * 100) / 100 : null,
      count: inMonth.length,
    });
  }
  const done = rows.filter((r) => r.status === 'completed' || r.status === 'disputed');
  const perClient = new Map<string, number>();
  for (const r of done) perClient.set(r.clientId, (perClient.get(r.clientId) ?? 0) + 1);
  const clients = perClient.size;
  const repeat = [...perClient.values()].filter((n) => n > 1).length;
  return {
    from: firstWeek,
    asOf: now.toISOString(),
    funnel: {
      views: byWeek.reduce((n, w) => n + w.views, 0),
      requests: total.requests,
      accepted: total.accepted,
      paid: rows.filter(paid).length,
    },
    rates: {
      acceptance: total.answered ? total.accepted / total.answered : null,
      completion: total.completed + total.failed ? total.completed / (total.completed + total.failed) : null,
      medianResponseMinutes: total.medianResponseMinutes,
      within4h: total.answered ? total.answeredWithin(4) / total.answered : null,
    },
    weeks: byWeek,
    currency,
    earningsWeeks,
    earningsMonths,
    ratingMonths,
    clients: { total: clients, repeat, repeatShare: clients ? repeat / clients : null },
  };
}
