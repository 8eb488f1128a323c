import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_API_KEY } from '@handled/emulators';
import { bookings, jobs, webhookEvents } from '@handled/db/schema';
import { signCalcomPayload } from '@handled/integrations/calcom';
import { enqueue } from '@handled/api/worker';
import { createBookingFor } from '@handled/testing/fixtures';
import { eventually, startTestStack, type TestStack } from '@handled/testing';
import { isoSlotsOf } from '@handled/core/availability';

/**
 * Cal.com sync end to end: the real server and worker, the Cal.com emulator, a temp-file DB.
 * Sam connects with an API key; bookings are pushed, Cal.com changes come back by webhook and pull.
 */
let stack: TestStack;
let sam: Awaited<ReturnType<TestStack['clientAs']>>;
const SAM = 'sam@demo.handled.test';
const cal = () => stack.emulators.emulators.calcom;
const calSam = () => {
  const u = cal().data.users.find((x) => x.email === SAM);
  if (!u) throw new Error('no Cal.com Sam');
  return u;
};
const DAY = 86_400_000;

async function samSlots(hours = 2) {
  const provider = await stack.deps.db.query.users.findFirst({ where: (u, { eq: e }) => e(u.email, SAM) });
  const now = Date.now();
  return stack.anonymous.catalog.slots.query({
    providerId: provider!.id,
    from: new Date(now).toISOString(),
    to: new Date(now + 14 * DAY).toISOString(),
    hours,
    viewerTimeZone: 'America/New_York',
  });
}

async function postWebhook(raw: string, signature: string) {
  return fetch(`${stack.apiUrl}/webhooks/calcom`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cal-signature-256': signature },
    body: raw,
  });
}

beforeAll(async () => {
  stack = await startTestStack({ providers: 4, env: { CALCOM_SYNC_MINUTES: '60' } });
  sam = await stack.clientAs(SAM);
});
afterAll(() => stack?.close());

describe('Cal.com connection and sync', () => {
  it('connects with an API key: event type chosen, webhook registered, first pull done, nothing in plaintext', async () => {
    expect((await sam.calendar.status.query()).connected).toBe(false);
    const res = await sam.calendar.connectApiKey.mutate({ apiKey: SANDBOX_API_KEY });
    expect(res.sync.ok).toBe(true);
    const status = await sam.calendar.status.query();
    expect(status).toMatchObject({ connected: true, kind: 'api_key', status: 'connected', stale: false, username: 'sam-okafor' });
    expect(status.connected && status.lastSyncedAt).toBeTruthy();
    expect(cal().data.webhooks.map((w) => w.subscriberUrl)).toContain(`${stack.apiUrl}/webhooks/calcom`);
    const types = await sam.calendar.eventTypes.query();
    expect(types.find((t) => t.chosen)?.slug).toBe('handled-marketplace-job');
    expect((await sam.calendar.settings.query()).mode).toBe('calcom');

    await stack.deps.db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    const file = readFileSync(join(stack.dataDir, 'handled.db'));
    expect(file.includes(Buffer.from(SANDBOX_API_KEY))).toBe(false);
    const row = await stack.deps.db.$client.execute('select encrypted_access_token as t from calendar_connection');
    expect(String(row.rows[0]?.['t'])).toMatch(/^v1\./);
    expect(stack.deps.calcom?.secrets.open(String(row.rows[0]?.['t']))).toBe(SANDBOX_API_KEY);
  });

  it('an event added in Cal.com removes the slot after a pull; slots say when the pull was', async () => {
    const before = await samSlots();
    const target = isoSlotsOf(before).find((s) => Date.parse(s.start) > Date.now() + 3 * DAY);
    if (!target) throw new Error('no slot to block');
    cal().addEvent(calSam().id, {
      title: 'Dentist',
      start: target.start,
      end: new Date(Date.parse(target.start) + 60 * 60_000).toISOString(),
    });
    expect((await sam.calendar.syncNow.mutate()).ok).toBe(true);
    const after = await samSlots();
    expect(isoSlotsOf(after).map((s) => s.start)).not.toContain(target.start);
    expect(after.calendarSync).toMatchObject({ source: 'calcom', stale: false });
  });

  it('accepting pushes one Cal.com booking, even when the first answer is lost and the job retries', async () => {
    const requested = await createBookingFor(stack, 'maya@demo.handled.test', SAM);
    // Cal.com creates the booking but the answer never arrives (a 500 after the work).
    stack.emulators.emulators.faults.add({ method: 'POST', path: '/v2/bookings', status: 500, phase: 'after', times: 1 });
    await sam.bookings.accept.mutate({ id: requested.id });
    const uid = await eventually(async () => {
      const [b] = await stack.deps.db.select().from(bookings).where(eq(bookings.id, requested.id));
      if (!b?.calcomBookingUid) throw new Error('not pushed yet');
      return b.calcomBookingUid;
    }, 20_000);
    const copies = cal().data.bookings.filter((b) => b.metadata['handledBookingId'] === requested.id);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ uid, status: 'accepted', start: requested.startsAt });

    // The same job again (a retry after a crash) creates nothing new.
    await enqueue(
      stack.deps.db,
      { type: 'calendar.push', payload: { bookingId: requested.id }, key: `test-retry:${requested.id}` },
      new Date(),
    );
    stack.server.worker.kick();
    await eventually(async () => {
      const [j] = await stack.deps.db
        .select()
        .from(jobs)
        .where(eq(jobs.idempotencyKey, `test-retry:${requested.id}`));
      if (j?.status !== 'done') throw new Error('retry not run');
    });
    expect(cal().data.bookings.filter((b) => b.metadata['handledBookingId'] === requested.id)).toHaveLength(1);
    // Ours is not counted twice: the pushed copy is not Cal.com busy time.
    expect(await sam.calendar.conflicts.query()).toEqual([]);
  });

  it('webhooks: a bad signature is refused; the same event three times and out of order gives one outcome', async () => {
    const requested = await createBookingFor(stack, 'leo@demo.handled.test', SAM);
    await sam.bookings.accept.mutate({ id: requested.id });
    const uid = await eventually(async () => {
      const [b] = await stack.deps.db.select().from(bookings).where(eq(bookings.id, requested.id));
      if (!b?.calcomBookingUid) throw new Error('not pushed yet');
      return b.calcomBookingUid;
    }, 20_000);

    const bad = await postWebhook(
      JSON.stringify({ triggerEvent: 'BOOKING_CANCELLED', createdAt: new Date().toISOString(), payload: { uid } }),
      'ab'.repeat(32),
    );
    expect(bad.status).toBe(400);
    const [b0] = await stack.deps.db.select().from(bookings).where(eq(bookings.id, requested.id));
    expect(b0?.status).toBe('accepted');

    // Cancel in Cal.com, but the webhook is lost; capture the bodies we would have been sent.
    cal().dropWebhooks = 1;
    cal().cancelBooking(uid, 'Provider is ill');
    const created = {
      triggerEvent: 'BOOKING_CREATED',
      createdAt: new Date(Date.now() - 60_000).toISOString(),
      payload: {
        uid,
        startTime: requested.startsAt,
        organizer: { id: calSam().id, email: SAM },
        status: 'ACCEPTED',
        metadata: { handledBookingId: requested.id },
      },
    };
    const cancelled = {
      ...created,
      triggerEvent: 'BOOKING_CANCELLED',
      createdAt: new Date().toISOString(),
      payload: { ...created.payload, status: 'CANCELLED' },
    };
    const secret = stack.env.CALCOM_WEBHOOK_SECRET;
    const send = (body: object) => {
      const raw = JSON.stringify(body);
      return postWebhook(raw, signCalcomPayload(raw, secret));
    };
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await (await send(cancelled)).json());
    answers.push(await (await send(created)).json()); // older event, arriving last
    expect(answers.map((a) => (a as { duplicate: boolean }).duplicate)).toEqual([false, true, true, false]);

    const done = await eventually(async () => {
      const [b] = await stack.deps.db.select().from(bookings).where(eq(bookings.id, requested.id));
      const events = await stack.deps.db
        .select()
        .from(webhookEvents)
        .where(and(eq(webhookEvents.source, 'calcom')));
      if (b?.status !== 'cancelled' || events.some((e) => e.status === 'received')) throw new Error(`still ${b?.status}`);
      return b;
    }, 20_000);
    expect(done.cancelledBy).toBe('provider');
    expect(done.cancellationReason).toMatch(/Cancelled in Cal.com/);
    const stored = await stack.deps.db.select().from(webhookEvents).where(eq(webhookEvents.source, 'calcom'));
    // Stored once each: the cancellation sent three times is one row.
    expect(
      stored.filter((e) => e.type === 'BOOKING_CANCELLED' && (e.payload as { payload?: { uid?: string } }).payload?.uid === uid),
    ).toHaveLength(1);
    // Our cancellation did not bounce back into a second cancel or a new Cal.com booking.
    expect(
      cal()
        .data.bookings.filter((b) => b.metadata['handledBookingId'] === requested.id)
        .map((b) => b.status),
    ).toEqual(['cancelled']);
  });

  it('a lost webhook is repaired by the next pull', async () => {
    const requested = await createBookingFor(stack, 'maya@demo.handled.test', SAM, 1);
    await sam.bookings.accept.mutate({ id: requested.id });
    const uid = await eventually(async () => {
      const [b] = await stack.deps.db.select().from(bookings).where(eq(bookings.id, requested.id));
      if (!b?.calcomBookingUid) throw new Error('not pushed yet');
      return b.calcomBookingUid;
    }, 20_000);
    cal().dropWebhooks = 5;
    cal().cancelBooking(uid, 'Double-booked');
    expect(cal().deliveries.at(-1)?.dropped).toBe(true);
    await sam.calendar.syncNow.mutate();
    const [b] = await stack.deps.db.select().from(bookings).where(eq(bookings.id, requested.id));
    expect(b?.status).toBe('cancelled');
    cal().dropWebhooks = 0;
  });

  it('a Cal.com booking over ours shows as a conflict; keeping ours cancels theirs', async () => {
    const requested = await createBookingFor(stack, 'leo@demo.handled.test', SAM, 1);
    await sam.bookings.accept.mutate({ id: requested.id });
    await eventually(async () => {
      const [b] = await stack.deps.db.select().from(bookings).where(eq(bookings.id, requested.id));
      if (!b?.calcomBookingUid) throw new Error('not pushed yet');
    }, 20_000);
    // Someone books Sam on Cal.com straight over it (as if Cal.com missed the clash).
    const theirs = cal().createBooking({
      eventTypeId: cal().eventTypesOf(calSam().id)[0]!.id,
      start: new Date(Date.parse(requested.startsAt) + 86_400_000 * 400).toISOString(),
      attendee: { name: 'X', email: 'x@example.com', timeZone: 'UTC' },
    });
    Object.assign(theirs, { start: requested.startsAt, end: requested.endsAt });
    await sam.calendar.syncNow.mutate();
    const conflicts = await sam.calendar.conflicts.query();
    const c = conflicts.find((x) => x.bookingId === requested.id);
    expect(c).toMatchObject({ externalId: `booking:${theirs.uid}`, calcom: { kind: 'booking' } });
    const res = await sam.calendar.resolveConflict.mutate({ bookingId: requested.id, externalId: c!.externalId, action: 'keep_ours' });
    expect(res.resolved).toBe(true);
    await eventually(async () => {
      if (cal().booking(theirs.uid).status !== 'cancelled') throw new Error('not cancelled yet');
    });
    expect((await sam.calendar.conflicts.query()).some((x) => x.bookingId === requested.id)).toBe(false);
  });

  it('when Cal.com is down the breaker opens, slots still list from the last sync (marked stale) and bookings still work', async () => {
    const listed = await samSlots();
    await fetch(`${stack.emulatorsUrl}/_/calcom/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: '500', times: 1000 }),
    });
    for (let i = 0; i < 3; i++) expect((await sam.calendar.syncNow.mutate()).ok).toBe(false);
    const status = await sam.calendar.status.query();
    expect(status).toMatchObject({ status: 'error', stale: true, breakerOpen: true });
    const t0 = Date.now();
    const still = await samSlots();
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(isoSlotsOf(still)).toEqual(isoSlotsOf(listed));
    expect(still.calendarSync).toMatchObject({ stale: true });
    // The client can still request and the provider accept; the push waits for Cal.com.
    const req = await createBookingFor(stack, 'maya@demo.handled.test', SAM, 1);
    expect((await sam.bookings.accept.mutate({ id: req.id })).status).toBe('accepted');
    await fetch(`${stack.emulatorsUrl}/_/calcom/faults`, { method: 'DELETE' });
  });

  it('provider rules and overrides are validated with the engine schema; preview shows 14 days', async () => {
    await sam.calendar.setMode.mutate({ mode: 'app' });
    await expect(sam.calendar.updateRules.mutate({ slotIntervalMin: 2 })).rejects.toThrow();
    const s = await sam.calendar.updateRules.mutate({ bufferAfterMin: 45, maxJobsPerDay: 3 });
    expect(s.rules).toMatchObject({ bufferAfterMin: 45, maxJobsPerDay: 3 });
    await expect(sam.calendar.addOverride.mutate({ date: '2031-02-30', ranges: [] })).rejects.toThrow();
    const day = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10);
    const withOverride = await sam.calendar.addOverride.mutate({ date: day, ranges: [], note: 'Holiday' });
    expect(withOverride.overrides.find((o) => o.date === day)?.ranges).toEqual([]);
    const preview = await sam.calendar.preview.query({ days: 14, hours: 1 });
    expect(preview.count).toBeGreaterThan(0);
    expect(preview.days.some((d) => d.date === day)).toBe(false);
    await sam.calendar.removeOverride.mutate({ date: day });
  });
});
