import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyPassword } from 'better-auth/crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSlots, scheduleSchema } from '@handled/core/availability';
import { priceBooking } from '@handled/core';
import { createDb, prepareDb, type Db } from '../client.ts';
import {
  accounts,
  bookingEvents,
  bookings,
  categories,
  invoices,
  ledgerEntries,
  payments,
  payouts,
  providerCategories,
  providerPhotos,
  providerProfiles,
  reviews,
  scheduleOverrides,
  schedules,
  users,
} from '../schema/index.ts';
import { DEMO_PASSWORD, demoEmails, seed, seedScale, type SeedSummary } from './index.ts';
import { cities } from './data/cities.ts';

const now = new Date('2026-03-10T15:00:00Z');
const dirs: string[] = [];

async function freshDb(): Promise<{ db: Db; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'handled-seed-'));
  dirs.push(dataDir);
  const db = createDb({ url: `file:${join(dataDir, 'handled.db')}` });
  await prepareDb(db);
  return { db, dataDir };
}

function isWebp(bytes: Buffer): boolean {
  return bytes.subarray(0, 4).toString('ascii') === 'RIFF' && bytes.subarray(8, 12).toString('ascii') === 'WEBP';
}

let db: Db;
let dataDir: string;
let summary: SeedSummary;

beforeAll(async () => {
  ({ db, dataDir } = await freshDb());
  summary = await seed(db, { dataDir, now });
});

afterAll(() => {
  db.$client.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('seed', () => {
  it('fills a marketplace: categories, providers in several zones, clients, history', async () => {
    expect(summary.created).toBe(true);
    const c = summary.counts;
    expect(c.categories).toBeGreaterThanOrEqual(8);
    expect(c.providers).toBe(72);
    expect(c.clients).toBeGreaterThanOrEqual(40);
    expect(c.completedBookings).toBeGreaterThan(300);
    expect(c.reviews).toBeGreaterThan(200);
    const zones = await db.selectDistinct({ z: providerProfiles.timeZone }).from(providerProfiles);
    expect(zones.length).toBeGreaterThanOrEqual(3);
    for (const cat of await db.select().from(categories)) {
      expect(cat.checklist.length).toBeGreaterThanOrEqual(4);
      expect(cat.checklist.length).toBeLessThanOrEqual(6);
    }
  });

  it('gives every provider a valid schedule, a category and a real WebP photo on disk', async () => {
    const profiles = await db.select().from(providerProfiles);
    const scheduleRows = await db.select().from(schedules);
    const overrides = await db.select().from(scheduleOverrides);
    const links = await db.select().from(providerCategories);
    const gallery = await db.select().from(providerPhotos);
    for (const p of profiles) {
      const s = scheduleRows.find((x) => x.providerId === p.userId);
      expect(s, p.slug).toBeDefined();
      if (!s) continue;
      const mine = overrides.filter((o) => o.providerId === p.userId).map((o) => ({ date: o.date, ranges: o.ranges }));
      expect(() =>
        scheduleSchema.parse({
          ...s,
          maxJobsPerDay: s.maxJobsPerDay ?? undefined,
          maxJobsPerWeek: s.maxJobsPerWeek ?? undefined,
          overrides: mine,
        }),
      ).not.toThrow();
      expect(links.filter((l) => l.providerId === p.userId).length).toBeGreaterThanOrEqual(1);
      const photos = gallery.filter((g) => g.providerId === p.userId);
      expect(photos.length).toBeGreaterThanOrEqual(2);
      for (const url of [p.photoUrl ?? '', ...photos.map((g) => g.url)]) {
        expect(url).toMatch(/^\/files\/seed\/[a-z0-9-]+\.webp$/);
        expect(isWebp(readFileSync(join(dataDir, 'uploads', url.slice('/files/'.length)))), url).toBe(true);
      }
    }
    const first = profiles[0]?.photoUrl ?? '';
    const meta = await sharp(join(dataDir, 'uploads', first.slice('/files/'.length))).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBeGreaterThan(100);
  });

  it('creates the demo accounts with credential passwords better-auth accepts', async () => {
    expect(summary.demoAccounts.map((a) => a.email).sort()).toEqual(Object.values(demoEmails).sort());
    for (const a of summary.demoAccounts) {
      const [u] = await db.select().from(users).where(eq(users.email, a.email));
      expect(u?.role).toBe(a.role);
      expect(u?.name).toBe(a.name);
      const [acc] = await db
        .select()
        .from(accounts)
        .where(and(eq(accounts.userId, u?.id ?? ''), eq(accounts.providerId, 'credential')));
      expect(acc?.accountId).toBe(u?.id);
      expect(await verifyPassword({ hash: acc?.password ?? '', password: DEMO_PASSWORD })).toBe(true);
      expect(await verifyPassword({ hash: acc?.password ?? '', password: 'wrong-pass-2026' })).toBe(false);
    }
    const [maya] = await db.select().from(users).where(eq(users.email, demoEmails.maya));
    expect(maya?.timeZone).toBe('America/New_York');
    const [leo] = await db.select().from(users).where(eq(users.email, demoEmails.leo));
    expect(leo?.timeZone).toBe('Europe/London');
  });

  it("gives every booking an address whose street lies in its postal code (the demo's addresses read as real)", async () => {
    const streetsOf = new Map(cities.flatMap((c) => c.neighbourhoods.map((n) => [n.postalCode, n.streets] as const)));
    const rows = await db.select({ address: bookings.address }).from(bookings);
    expect(rows.length).toBeGreaterThan(0);
    for (const { address } of rows) {
      const street = address.line1.replace(/^\d+ /, '');
      expect(streetsOf.get(address.postalCode), `${address.line1}, ${address.postalCode}`).toContain(street);
    }
  });

  it('sets Sam up as described, with free time in the coming days', async () => {
    const [sam] = await db.select().from(users).where(eq(users.email, demoEmails.sam));
    const id = sam?.id ?? '';
    const [profile] = await db.select().from(providerProfiles).where(eq(providerProfiles.userId, id));
    expect(profile).toMatchObject({
      displayName: 'Sam Okafor',
      city: 'New York',
      currency: 'USD',
      taxBps: 887,
      requiresUpfrontPayment: true,
      cancellationPolicy: 'flexible',
      calendarMode: 'app',
    });
    const cats = await db
      .select({ slug: categories.slug })
      .from(providerCategories)
      .innerJoin(categories, eq(categories.id, providerCategories.categoryId))
      .where(eq(providerCategories.providerId, id));
    expect(cats.map((c) => c.slug).sort()).toEqual(['handyman', 'plumbing']);
    const [s] = await db.select().from(schedules).where(eq(schedules.providerId, id));
    expect(s?.weekly.monday).toEqual([{ start: '08:00', end: '18:00' }]);
    expect(s?.weekly.saturday).toEqual([{ start: '09:00', end: '13:00' }]);
    expect(s?.weekly.sunday).toEqual([]);
    const overrides = await db.select().from(scheduleOverrides).where(eq(scheduleOverrides.providerId, id));
    const schedule = scheduleSchema.parse({
      ...s,
      maxJobsPerDay: undefined,
      maxJobsPerWeek: undefined,
      overrides: overrides.map((o) => ({ date: o.date, ranges: o.ranges })),
    });
    const held = await db
      .select()
      .from(bookings)
      .where(and(eq(bookings.providerId, id), inArray(bookings.status, ['confirmed', 'accepted', 'in_progress'])));
    const busy = held.map((b) => ({ start: b.startsAt, end: b.endsAt, kind: 'booking' as const }));
    // Every one of the next five days that Sam works has a two-hour slot free.
    for (let d = 0; d < 5; d++) {
      const from = new Date(now.getTime() + d * 86_400_000);
      const to = new Date(from.getTime() + 86_400_000);
      const worksThatDay = listSlots(schedule, [], 120, { from, to }, now).length > 0;
      if (worksThatDay) expect(listSlots(schedule, busy, 120, { from, to }, now).length, `day ${d}`).toBeGreaterThan(0);
    }
    expect(listSlots(schedule, busy, 120, { from: now, to: new Date(now.getTime() + 3 * 86_400_000) }, now).length).toBeGreaterThan(5);
  });

  it('gives Maya, whatever the date, an upcoming paid job with Sam and one done this past week that waits for her review', async () => {
    const [maya] = await db.select().from(users).where(eq(users.email, demoEmails.maya));
    const [sam] = await db.select().from(users).where(eq(users.email, demoEmails.sam));
    const theirs = await db
      .select()
      .from(bookings)
      .where(and(eq(bookings.clientId, maya!.id), eq(bookings.providerId, sam!.id)));
    const reviewed = new Set((await db.select({ bookingId: reviews.bookingId }).from(reviews)).map((r) => r.bookingId));
    const toReview = theirs.filter(
      (b) => b.status === 'completed' && !reviewed.has(b.id) && b.endsAt.getTime() > now.getTime() - 7 * 86_400_000,
    );
    expect(toReview.length, 'a completed, unreviewed job with Sam in the last 7 days').toBeGreaterThan(0);
    expect(theirs.filter((b) => b.status === 'confirmed' && b.startsAt > now).length, 'an upcoming confirmed job with Sam').toBeGreaterThan(
      0,
    );
  });

  it("keeps ratings on profiles equal to the average of each provider's published reviews", async () => {
    const profiles = await db.select().from(providerProfiles);
    const all = await db.select().from(reviews);
    const done = await db.select({ providerId: bookings.providerId }).from(bookings).where(eq(bookings.status, 'completed'));
    expect(all.some((r) => r.status !== 'published')).toBe(true);
    for (const p of profiles) {
      const published = all.filter((r) => r.subjectId === p.userId && r.status === 'published');
      const avg = published.length ? Math.round((published.reduce((s, r) => s + r.rating, 0) * 100) / published.length) : 0;
      expect(p.ratingAvg, p.slug).toBe(avg);
      expect(p.ratingCount).toBe(published.length);
      expect(p.completedJobs).toBe(done.filter((b) => b.providerId === p.userId).length);
    }
    const ratings = all.map((r) => r.rating);
    const share = (pred: (n: number) => boolean) => ratings.filter(pred).length / ratings.length;
    expect(share((r) => r >= 4)).toBeGreaterThan(0.8);
    expect(share((r) => r <= 2)).toBeLessThan(0.08);
  });

  it('prices every completed booking from its snapshot, paid by one invoice and payment', async () => {
    const done = await db.select().from(bookings).where(eq(bookings.status, 'completed'));
    const profiles = new Map((await db.select().from(providerProfiles)).map((p) => [p.userId, p]));
    const scheduleOf = new Map((await db.select().from(schedules)).map((s) => [s.providerId, s]));
    const inv = await db.select().from(invoices);
    const pay = await db.select().from(payments);
    const events = await db.select().from(bookingEvents);
    for (const b of done) {
      const p = profiles.get(b.providerId);
      const s = scheduleOf.get(b.providerId);
      expect(b.total).toBe(b.price.total);
      expect(b.price).toEqual(
        priceBooking({ hourlyRate: p?.hourlyRate ?? 0, currency: b.currency, hours: b.estimatedQuarterHours / 4, taxBps: p?.taxBps ?? -1 }),
      );
      expect(b.endsAt.getTime()).toBeLessThan(now.getTime());
      expect(b.blockStart.getTime()).toBe(b.startsAt.getTime() - (s?.bufferBeforeMin ?? 0) * 60_000);
      expect(b.blockEnd.getTime()).toBe(b.endsAt.getTime() + (s?.bufferAfterMin ?? 0) * 60_000);
      expect(b.paymentStatus).toBe('paid');
      expect(b.cancellationPolicy).toMatchObject({ name: p?.cancellationPolicy });
      expect(b.reference).toMatch(/^HD-[2-9A-HJ-NP-Z]{6}$/);
      const bi = inv.filter((i) => i.bookingId === b.id);
      expect(bi).toHaveLength(1);
      expect(bi[0]).toMatchObject({ status: 'paid', total: b.total, amountPaid: b.total, amountRemaining: 0 });
      expect(pay.filter((x) => x.bookingId === b.id).reduce((sum, x) => sum + x.amount, 0)).toBe(b.total);
      const trail = events
        .filter((e) => e.bookingId === b.id)
        .sort((x, y) => x.at.getTime() - y.at.getTime())
        .map((e) => e.toStatus);
      expect(trail.filter((t, i) => t !== trail[i - 1])).toEqual(
        b.requiresUpfrontPayment
          ? ['requested', 'accepted', 'confirmed', 'in_progress', 'completed']
          : ['requested', 'confirmed', 'in_progress', 'completed'],
      );
    }
    const refs = await db.select({ r: bookings.reference }).from(bookings);
    expect(new Set(refs.map((r) => r.r)).size).toBe(refs.length);
    const statuses = await db.selectDistinct({ s: bookings.status }).from(bookings);
    expect(statuses.map((s) => s.s).sort()).toEqual(['cancelled', 'completed', 'confirmed', 'declined']);
  });

  it("writes the history's money into the ledger every screen reads: each job earned and paid out, each refund, every booking at zero", async () => {
    const done = await db.select().from(bookings).where(eq(bookings.status, 'completed'));
    const entries = await db.select().from(ledgerEntries);
    const paidOut = await db.select().from(payouts);
    expect(done.length).toBeGreaterThan(10);
    for (const b of done) {
      const mine = entries.filter((e) => e.bookingId === b.id);
      expect(mine.reduce((sum, e) => sum + e.amount, 0)).toBe(0);
      const payable = mine.filter((e) => e.account === `provider_payable:${b.providerId}`);
      // Earned (what the snapshot says the provider earns), then transferred: nothing left owed.
      expect(payable.filter((e) => e.kind === 'fee').reduce((sum, e) => sum - e.amount, 0)).toBe(b.price.providerEarnings);
      expect(payable.reduce((sum, e) => sum + e.amount, 0)).toBe(0);
      expect(mine.find((e) => e.txId === `earn:${b.id}`)).toBeTruthy();
      const payout = paidOut.filter((p) => p.bookingId === b.id);
      expect(payout).toHaveLength(1);
      expect(payout[0]).toMatchObject({ status: 'paid', reason: 'job', amount: b.price.providerEarnings });
      expect(payout[0]!.stripeTransferId).toMatch(/_seed_/);
    }
    // The jobs the ledger counts for each provider are the ones their profile says they did.
    for (const p of await db.select().from(providerProfiles)) {
      const jobs = new Set(
        entries.filter((e) => e.account === `provider_payable:${p.userId}` && e.txId.startsWith('earn:')).map((e) => e.bookingId),
      );
      expect(jobs.size).toBe(p.completedJobs);
    }
    const sums = new Map<string, number>();
    for (const e of entries) sums.set(e.txId, (sums.get(e.txId) ?? 0) + e.amount);
    expect([...sums.values()].every((v) => v === 0)).toBe(true);
    // A booking refunded in full nets to zero on the Stripe balance too.
    const refunded = await db.select().from(bookings).where(eq(bookings.paymentStatus, 'refunded'));
    for (const b of refunded)
      expect(entries.filter((e) => e.bookingId === b.id && e.account === 'stripe_balance').reduce((sum, e) => sum + e.amount, 0)).toBe(0);
  });

  it("never double-books a provider's time", async () => {
    const held = await db
      .select()
      .from(bookings)
      .where(inArray(bookings.status, ['completed', 'confirmed']));
    const byProvider = new Map<string, typeof held>();
    for (const b of held) byProvider.set(b.providerId, [...(byProvider.get(b.providerId) ?? []), b]);
    for (const list of byProvider.values()) {
      const sorted = list.sort((a, b) => a.blockStart.getTime() - b.blockStart.getTime());
      for (let i = 1; i < sorted.length; i++)
        expect(sorted[i]?.blockStart.getTime()).toBeGreaterThanOrEqual(sorted[i - 1]?.blockEnd.getTime() ?? 0);
    }
  });

  it('does nothing the second time', async () => {
    const before = await db.get<{ n: number }>(
      sql`select (select count(*) from user) + (select count(*) from booking) + (select count(*) from review) as n`,
    );
    const again = await seed(db, { dataDir, now: new Date(now.getTime() + 86_400_000), rngSeed: 99 });
    expect(again.created).toBe(false);
    expect(again.counts).toEqual(summary.counts);
    const after = await db.get<{ n: number }>(
      sql`select (select count(*) from user) + (select count(*) from booking) + (select count(*) from review) as n`,
    );
    expect(after?.n).toBe(before?.n);
  });

  it('is deterministic for a seed, and a small marketplace still spans three zones', async () => {
    const runs = await Promise.all([freshDb(), freshDb()]);
    await Promise.all(runs.map((r) => seed(r.db, { dataDir: r.dataDir, now, providers: 12, rngSeed: 7 })));
    const snapshot = async (d: Db) => ({
      providers: await d
        .select({
          id: providerProfiles.userId,
          slug: providerProfiles.slug,
          rate: providerProfiles.hourlyRate,
          zone: providerProfiles.timeZone,
        })
        .from(providerProfiles)
        .orderBy(providerProfiles.slug),
      bookings: await d
        .select({ ref: bookings.reference, at: bookings.startsAt, total: bookings.total })
        .from(bookings)
        .orderBy(bookings.reference),
    });
    const [a, b] = await Promise.all(runs.map((r) => snapshot(r.db)));
    expect(a).toEqual(b);
    expect(a?.providers).toHaveLength(12);
    expect(new Set(a?.providers.map((p) => p.zone)).size).toBeGreaterThanOrEqual(3);
    for (const r of runs) r.db.$client.close();
  });
});

describe('seedScale', () => {
  it('adds N providers with a category and a schedule each, once', async () => {
    const { db: big, dataDir: dir } = await freshDb();
    const first = await seedScale(big, { providers: 3000, rngSeed: 5, dataDir: dir });
    expect(first).toMatchObject({ created: true, providers: 3000 });
    const n = async () =>
      big.get<{ p: number; s: number; c: number; zones: number }>(
        sql`select (select count(*) from provider_profile) as p, (select count(*) from schedule) as s, (select count(distinct provider_id) from provider_category) as c, (select count(distinct time_zone) from provider_profile) as zones`,
      );
    expect(await n()).toEqual({ p: 3000, s: 3000, c: 3000, zones: 8 });
    expect((await seedScale(big, { providers: 3000, rngSeed: 5 })).created).toBe(false);
    expect((await n())?.p).toBe(3000);
    expect(isWebp(readFileSync(join(dir, 'uploads', 'seed', 'placeholder.webp')))).toBe(true);
    big.$client.close();
  });
});
