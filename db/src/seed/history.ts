import type { CategorySlug } from './data/categories.ts';
import { reviewAddOns, reviewCopy, responseCopy } from './data/reviews.ts';
import { addCancelled, addCompleted, addDeclined, addUpcoming, type HistoryContext, type JobInput } from './booking-rows.ts';
import type { ClientPlan } from './clients.ts';
import { demoEmails } from './demo.ts';
import { distanceKm } from './people.ts';
import { categorySeed, type ProviderPlan } from './providers.ts';
import type { Rng } from './rng.ts';
import { placeJob, type BusyList, type SlotQuery } from './slots.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Clients a provider would plausibly serve: inside the service radius, or else the nearest few. */
function nearbyClients(p: ProviderPlan, clients: readonly ClientPlan[]): ClientPlan[] {
  const local = clients.filter((c) => c.city.key === p.city.key);
  const inside = local.filter((c) => distanceKm(p, c) <= p.radiusKm + 2);
  if (inside.length >= 5) return inside;
  return [...local].sort((a, b) => distanceKm(p, a) - distanceKm(p, b)).slice(0, 6);
}

function drawRating(rng: Rng, quality: number): number {
  const q = quality;
  return rng.weighted([
    [5, 30 + 60 * q],
    [4, 28],
    [3, 3 + 14 * (1 - q)],
    [2, 0.5 + 3 * (1 - q)],
    [1, 0.5 + 2 * (1 - q)],
  ]);
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

function addReview(ctx: HistoryContext, job: JobInput, bookingId: string, confirmedAt: Date): void {
  const { rng, now } = ctx;
  const rating = drawRating(rng, job.provider.quality);
  const copy = reviewCopy[job.category];
  const tier = rating >= 3 ? copy[rating as 3 | 4 | 5] : copy.low;
  const addOns = rating >= 4 ? reviewAddOns.good : rating === 3 ? reviewAddOns.mixed : reviewAddOns.bad;
  const main = fill(rng.pick(tier), { name: job.provider.person.first });
  const body = rng.chance(0.07) ? '' : rng.chance(0.5) ? `${main} ${rng.pick(addOns)}` : main;
  const createdAt = new Date(Math.min(confirmedAt.getTime() + rng.int(5, 48 * 60) * 60_000, now.getTime() - 30 * 60_000));
  const respond = rating <= 3 ? rng.chance(0.7) : rng.chance(0.22);
  const respondedAt = respond ? new Date(Math.min(createdAt.getTime() + rng.int(2, 72) * HOUR, now.getTime() - 60_000)) : null;
  ctx.rows.reviews.push({
    id: rng.uuid(),
    bookingId,
    authorId: job.client.id,
    subjectId: job.provider.id,
    direction: 'client_to_provider',
    rating,
    body,
    response: respondedAt ? fill(rng.pick(rating <= 3 ? responseCopy.bad : responseCopy.good), { client: job.client.person.first }) : null,
    respondedAt,
    // Moderators hide the odd abusive low review; hidden ones do not count towards the rating.
    status: rating <= 2 && rng.chance(0.3) ? 'hidden' : 'published',
    // Visible from when it was written, as migration 0012 made every earlier review: profiles, the
    // desk and the rating breakdown show only revealed reviews (double-blind; issue 17).
    revealedAt: createdAt,
    createdAt,
    updatedAt: respondedAt ?? createdAt,
  });
}

export interface HistoryOptions {
  providers: readonly ProviderPlan[];
  clients: readonly ClientPlan[];
}

/**
 * Six months of work for every provider, then a few jobs coming up. Demo providers always get a
 * history with the demo clients in it, and nothing in their first five days from `now`.
 */
export function drawHistory(ctx: HistoryContext, { providers, clients }: HistoryOptions): void {
  const { rng, now } = ctx;
  const nowMs = now.getTime();
  const demoClient = (email: string) => clients.find((c) => c.email === email);
  for (const p of providers) {
    const isDemo = p.email === demoEmails.sam || p.email === demoEmails.priya;
    const pool = nearbyClients(p, clients);
    const favourite = demoClient(p.email === demoEmails.sam ? demoEmails.maya : demoEmails.leo);
    const busy: BusyList = [];
    const job = (client: ClientPlan, q: SlotQuery): JobInput | null => {
      const category: CategorySlug = rng.chance(0.7) ? (p.categories[0] ?? 'handyman') : rng.pick(p.categories);
      const hours = rng.pick(categorySeed(category).hours);
      const placed = placeJob(rng, p, busy, { ...q, lengthMin: hours * 60 });
      return placed ? { provider: p, client, category, placed, hours } : null;
    };
    const past: SlotQuery = { now: nowMs, fromDay: -182, toDay: -1, lengthMin: 0, endBefore: nowMs - 2 * HOUR };

    const completed = isDemo ? rng.int(9, 14) : rng.chance(0.88) ? rng.int(3, 15) : 0;
    for (let i = 0; i < completed; i++) {
      const client = isDemo && favourite && i < 3 ? favourite : rng.pick(pool);
      // The demo's contract (asserted in seed.test.ts): the favourite client's latest job with a demo
      // provider was done this past week and waits for her review, whatever day the seed runs.
      const toReview = isDemo && favourite && i === 0;
      const j = job(client, toReview ? { ...past, fromDay: -6 } : past);
      if (!j) continue;
      const b = addCompleted(ctx, j);
      if (!toReview && rng.chance(isDemo ? 0.9 : p.reviewRate) && b.clientConfirmedAt) addReview(ctx, j, b.id, b.clientConfirmedAt);
    }
    for (let i = rng.chance(0.35) ? rng.int(1, 2) : 0; i > 0; i--) {
      const j = job(rng.pick(pool), past);
      if (j) addCancelled(ctx, j);
    }
    if (rng.chance(0.25)) {
      const j = job(rng.pick(pool), past);
      if (j) addDeclined(ctx, j);
    }
    // Coming up: only for providers paid up front, so every upcoming job is already paid.
    const upcoming = !p.requiresUpfrontPayment ? 0 : isDemo ? 2 : rng.chance(0.4) ? rng.int(1, 2) : 0;
    for (let i = 0; i < upcoming; i++) {
      const client = isDemo && favourite && i === 0 ? favourite : rng.pick(pool);
      const j = job(client, { now: nowMs, fromDay: isDemo ? 6 : 2, toDay: 21, lengthMin: 0, startAfter: nowMs + DAY });
      if (j) addUpcoming(ctx, j);
    }
  }
  // Moderation queues are never empty in a real marketplace: keep at least one hidden review.
  const low = ctx.rows.reviews.find((r) => r.rating <= 2);
  if (low && !ctx.rows.reviews.some((r) => r.status === 'hidden')) low.status = 'hidden';
}

export interface ProviderStats {
  ratingAvg: number;
  ratingCount: number;
  completedJobs: number;
}

/** What the profile shows: the mean of published reviews in hundredths, and the jobs done. */
export function providerStats(ctx: HistoryContext): Map<string, ProviderStats> {
  const stats = new Map<string, { sum: number; count: number; completed: number }>();
  const get = (id: string) => {
    let s = stats.get(id);
    if (!s) stats.set(id, (s = { sum: 0, count: 0, completed: 0 }));
    return s;
  };
  for (const b of ctx.rows.bookings) if (b.status === 'completed') get(b.providerId).completed += 1;
  for (const r of ctx.rows.reviews) {
    if (r.status !== 'published' || r.direction !== 'client_to_provider') continue;
    const s = get(r.subjectId);
    s.sum += r.rating;
    s.count += 1;
  }
  const out = new Map<string, ProviderStats>();
  for (const [id, s] of stats) {
    out.set(id, { ratingAvg: s.count ? Math.round((s.sum * 100) / s.count) : 0, ratingCount: s.count, completedJobs: s.completed });
  }
  return out;
}
