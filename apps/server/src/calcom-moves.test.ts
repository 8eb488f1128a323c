import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_API_KEY } from '@handled/emulators';
import { bookingChanges, bookings, jobs, webhookEvents } from '@handled/db/schema';
import { signCalcomPayload } from '@handled/integrations/calcom';
import { createBookingFor } from '@handled/testing/fixtures';
import { eventually, startTestStack, type TestStack } from '@handled/testing';
import { isoSlotsOf } from '@handled/core/availability';

/**
 * A provider moves a marketplace job inside Cal.com: the real server and worker, the Cal.com
 * emulator (which sends signed webhooks), a temp-file DB. The move becomes the provider's change
 * proposal; the client accepts or declines it; a move that cannot be booked is a conflict.
 */
let stack: TestStack;
type Api = Awaited<ReturnType<TestStack['clientAs']>>;
let sam: Api;
let maya: Api;
const SAM = 'sam@demo.handled.test';
const MAYA = 'maya@demo.handled.test';
const DAY = 86_400_000;
const cal = () => stack.emulators.emulators.calcom;
const calSam = () => {
  const u = cal().data.users.find((x) => x.email === SAM);
  if (!u) throw new Error('no Cal.com Sam');
  return u;
};
const copiesOf = (bookingId: string) => cal().data.bookings.filter((b) => b.metadata['handledBookingId'] === bookingId);
const standing = (bookingId: string) => copiesOf(bookingId).filter((b) => b.status === 'accepted');
const row = async (id: string) => {
  const [b] = await stack.deps.db.select().from(bookings).where(eq(bookings.id, id));
  if (!b) throw new Error('booking gone');
  return b;
};
const changesOf = (id: string) => stack.deps.db.select().from(bookingChanges).where(eq(bookingChanges.bookingId, id));

/** A request Maya makes and Sam accepts; resolves once its Cal.com copy exists. */
async function pushedBooking(hours = 1) {
  const requested = await createBookingFor(stack, MAYA, SAM, hours);
  await sam.bookings.accept.mutate({ id: requested.id });
  const uid = await eventually(async () => {
    const b = await row(requested.id);
    if (!b.calcomBookingUid) throw new Error('not pushed yet');
    return b.calcomBookingUid;
  }, 20_000);
  return { id: requested.id, uid, startsAt: requested.startsAt, endsAt: requested.endsAt };
}

/** A free start for Sam (here and in Cal.com) at least `afterDays` from now. */
async function freeStart(hours: number, afterDays: number) {
  const provider = await stack.deps.db.query.users.findFirst({ where: (u, { eq: e }) => e(u.email, SAM) });
  const now = Date.now();
  const res = await stack.anonymous.catalog.slots.query({
    providerId: provider!.id,
    from: new Date(now).toISOString(),
    to: new Date(now + 20 * DAY).toISOString(),
    hours,
    viewerTimeZone: 'UTC',
  });
  const slot = isoSlotsOf(res).find((s) => Date.parse(s.start) > now + afterDays * DAY);
  if (!slot) throw new Error('no free slot');
  return slot.start;
}

/** Waits until no Cal.com push for the booking is waiting or running. */
async function pushesSettled(bookingId: string) {
  await eventually(async () => {
    const open = (await stack.deps.db.select().from(jobs).where(eq(jobs.type, 'calendar.push'))).filter(
      (j) => j.payload['bookingId'] === bookingId && (j.status === 'pending' || j.status === 'running'),
    );
    if (open.length) throw new Error('push still open');
  }, 20_000);
  await cal().idle();
}

async function webhooksSettled() {
  await cal().idle();
  await eventually(async () => {
    const open = (await stack.deps.db.select().from(webhookEvents)).filter((e) => e.status === 'received');
    if (open.length) throw new Error('webhooks still open');
  }, 20_000);
}

beforeAll(async () => {
  stack = await startTestStack({ providers: 4, env: { CALCOM_SYNC_MINUTES: '60' } });
  // Every webhook is followed by a pull: this file makes more calls in a minute than Cal.com's
  // 120 per API key (429s and their backoff are covered in calcom-sync.test.ts).
  cal().rateLimit = { ...cal().rateLimit, apiKey: 10_000 };
  sam = await stack.clientAs(SAM);
  maya = await stack.clientAs(MAYA);
  expect((await sam.calendar.connectApiKey.mutate({ apiKey: SANDBOX_API_KEY })).sync.ok).toBe(true);
});
afterAll(() => stack?.close());

describe('a job moved in Cal.com', () => {
  it('becomes the provider’s proposal; the client accepts; the booking moves and Cal.com is left as it is', async () => {
    const job = await pushedBooking();
    const target = await freeStart(1, 3);
    cal().rescheduleBooking(job.uid, target, 'Sam moved it');
    await webhooksSettled();

    const pending = await eventually(async () => {
      const p = await maya.changes.pending.query({ id: job.id });
      if (!p) throw new Error('no proposal yet');
      return p;
    }, 20_000);
    expect(pending).toMatchObject({ proposedBy: 'provider', via: 'calcom', startsAt: target, status: 'pending', hours: null });
    // The client is told.
    const notices = (await stack.deps.db.select().from(jobs).where(eq(jobs.type, 'notify'))).filter(
      (j) => j.payload['bookingId'] === job.id && j.payload['template'] === 'booking.change_proposed',
    );
    expect(notices.map((n) => n.payload['to'])).toEqual(['client']);
    // Nobody else can take the new time while the client decides; it is no conflict for Sam.
    const held = await stack.anonymous.catalog.slots.query({
      providerId: (await row(job.id)).providerId,
      from: target,
      to: new Date(Date.parse(target) + 60_000).toISOString(),
      hours: 1,
      viewerTimeZone: 'UTC',
    });
    expect(isoSlotsOf(held)).toEqual([]);
    expect((await sam.calendar.conflicts.query()).filter((c) => c.bookingId === job.id)).toEqual([]);

    const before = JSON.stringify(copiesOf(job.id));
    const accepted = await maya.changes.accept.mutate({ id: job.id, changeId: pending.id });
    expect(accepted.change).toMatchObject({ status: 'accepted', via: 'calcom' });
    const moved = await row(job.id);
    expect(moved.startsAt.toISOString()).toBe(target);
    expect(moved.endsAt.getTime() - moved.startsAt.getTime()).toBe(60 * 60_000);

    // The copy already sits there: the push that follows the change moves nothing and creates nothing.
    await pushesSettled(job.id);
    await sam.calendar.syncNow.mutate();
    expect(JSON.stringify(copiesOf(job.id))).toBe(before);
    expect(standing(job.id).map((b) => b.start)).toEqual([target]);
    expect((await row(job.id)).calcomBookingUid).toBe(standing(job.id)[0]!.uid);
    expect(await changesOf(job.id)).toHaveLength(1);
    expect((await sam.calendar.conflicts.query()).filter((c) => c.bookingId === job.id)).toEqual([]);
  });

  it('the client declines: the booking stays, Cal.com is moved back and Sam is told', async () => {
    const job = await pushedBooking();
    const target = await freeStart(1, 4);
    cal().rescheduleBooking(job.uid, target, 'Sam moved it');
    await webhooksSettled();
    const pending = await eventually(async () => {
      const p = await maya.changes.pending.query({ id: job.id });
      if (!p) throw new Error('no proposal yet');
      return p;
    }, 20_000);

    await maya.changes.reject.mutate({ id: job.id, changeId: pending.id, reason: 'That day does not work for me' });
    expect((await row(job.id)).startsAt.toISOString()).toBe(job.startsAt);
    await eventually(async () => {
      const s = standing(job.id);
      if (s.length !== 1 || s[0]!.start !== job.startsAt) throw new Error(`Cal.com still at ${s.map((b) => b.start).join(',')}`);
    }, 20_000);
    await pushesSettled(job.id);
    await webhooksSettled();
    await sam.calendar.syncNow.mutate();
    expect((await row(job.id)).calcomBookingUid).toBe(standing(job.id)[0]!.uid);
    // The move back is no new proposal, and nothing is left for Sam to settle.
    expect((await changesOf(job.id)).map((c) => c.status)).toEqual(['rejected']);
    expect((await sam.calendar.conflicts.query()).filter((c) => c.bookingId === job.id)).toEqual([]);
    const told = (await stack.deps.db.select().from(jobs).where(eq(jobs.type, 'notify'))).filter(
      (j) => j.payload['bookingId'] === job.id && j.payload['template'] === 'booking.calendar_move_declined',
    );
    expect(told.map((j) => j.payload['to'])).toEqual(['provider']);
  });

  it('Sam withdraws the move on the desk: Cal.com goes back to the agreed time', async () => {
    const job = await pushedBooking();
    const target = await freeStart(1, 12);
    cal().rescheduleBooking(job.uid, target, 'Sam moved it');
    await webhooksSettled();
    const pending = await eventually(async () => {
      const p = await sam.changes.pending.query({ id: job.id });
      if (!p) throw new Error('no proposal yet');
      return p;
    }, 20_000);
    await sam.changes.withdraw.mutate({ id: job.id, changeId: pending.id });
    await eventually(async () => {
      const s = standing(job.id);
      if (s.length !== 1 || s[0]!.start !== job.startsAt) throw new Error('Cal.com not moved back yet');
    }, 20_000);
    await pushesSettled(job.id);
    await webhooksSettled();
    await sam.calendar.syncNow.mutate();
    expect((await changesOf(job.id)).map((c) => c.status)).toEqual(['withdrawn']);
    expect((await sam.calendar.conflicts.query()).filter((c) => c.bookingId === job.id)).toEqual([]);
  });

  it('a lost webhook is repaired by the next pull', async () => {
    const job = await pushedBooking();
    const target = await freeStart(1, 5);
    cal().dropWebhooks = 1;
    cal().rescheduleBooking(job.uid, target, 'Sam moved it');
    expect(cal().deliveries.at(-1)).toMatchObject({ trigger: 'BOOKING_RESCHEDULED', dropped: true });
    expect(await maya.changes.pending.query({ id: job.id })).toBeNull();

    await sam.calendar.syncNow.mutate();
    expect(await maya.changes.pending.query({ id: job.id })).toMatchObject({ proposedBy: 'provider', via: 'calcom', startsAt: target });
  });

  it('one proposal whatever the order: pull then the webhook twice, or the webhook then a pull', async () => {
    // Pull first, then the (late) webhook delivered twice.
    const a = await pushedBooking();
    const targetA = await freeStart(1, 6);
    cal().dropWebhooks = 1;
    const copyA = cal().rescheduleBooking(a.uid, targetA, 'Sam moved it');
    await sam.calendar.syncNow.mutate();
    const body = JSON.stringify({
      triggerEvent: 'BOOKING_RESCHEDULED',
      createdAt: new Date().toISOString(),
      payload: {
        uid: copyA.uid,
        startTime: copyA.start,
        endTime: copyA.end,
        organizer: { id: calSam().id, email: SAM },
        status: 'ACCEPTED',
        metadata: copyA.metadata,
        rescheduleUid: a.uid,
      },
    });
    const signature = signCalcomPayload(body, stack.env.CALCOM_WEBHOOK_SECRET);
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${stack.apiUrl}/webhooks/calcom`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-cal-signature-256': signature },
        body,
      });
      expect(res.status).toBe(200);
    }
    // The same move described by a second delivery (another createdAt) is a new event, still one proposal.
    const again = body.replace(/"createdAt":"[^"]+"/, `"createdAt":"${new Date(Date.now() + 1000).toISOString()}"`);
    await fetch(`${stack.apiUrl}/webhooks/calcom`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cal-signature-256': signCalcomPayload(again, stack.env.CALCOM_WEBHOOK_SECRET) },
      body: again,
    });
    await webhooksSettled();

    // Webhook first (delivered by the emulator), then a pull.
    const b = await pushedBooking();
    const targetB = await freeStart(1, 7);
    cal().rescheduleBooking(b.uid, targetB, 'Sam moved it');
    await webhooksSettled();
    await sam.calendar.syncNow.mutate();
    await sam.calendar.syncNow.mutate();

    for (const [job, target] of [
      [a, targetA],
      [b, targetB],
    ] as const) {
      const all = await changesOf(job.id);
      expect(all).toHaveLength(1);
      expect(all[0]).toMatchObject({ status: 'pending', startsAt: new Date(target) });
    }
  });

  it('moved again in Cal.com: the newer move replaces the older proposal; moved back: the proposal is withdrawn', async () => {
    const job = await pushedBooking();
    const first = await freeStart(1, 8);
    const copy1 = cal().rescheduleBooking(job.uid, first, 'Sam moved it');
    await webhooksSettled();
    const second = await freeStart(1, 9);
    const copy2 = cal().rescheduleBooking(copy1.uid, second, 'Sam moved it again');
    await webhooksSettled();
    await sam.calendar.syncNow.mutate();
    expect(await maya.changes.pending.query({ id: job.id })).toMatchObject({ startsAt: second });
    expect((await changesOf(job.id)).map((c) => c.status).sort()).toEqual(['pending', 'withdrawn']);

    cal().rescheduleBooking(copy2.uid, job.startsAt, 'Sam changed his mind');
    await webhooksSettled();
    await sam.calendar.syncNow.mutate();
    expect(await maya.changes.pending.query({ id: job.id })).toBeNull();
    expect((await row(job.id)).startsAt.toISOString()).toBe(job.startsAt);
    expect(standing(job.id).map((c) => c.start)).toEqual([job.startsAt]);
  });

  it('a move to a time that cannot be booked is a conflict with the reason; keeping ours moves Cal.com back', async () => {
    const job = await pushedBooking();
    // 03:00 in New York a week later: outside Sam's hours (Cal.com itself lets a host put it there).
    const night = new Date(Date.parse(job.startsAt) + 7 * DAY);
    night.setUTCHours(8, 0, 0, 0);
    cal().rescheduleBooking(job.uid, night.toISOString(), 'Sam moved it');
    await webhooksSettled();
    await sam.calendar.syncNow.mutate();

    expect(await maya.changes.pending.query({ id: job.id })).toBeNull();
    expect(await changesOf(job.id)).toEqual([]);
    const conflict = (await sam.calendar.conflicts.query()).find((c) => c.bookingId === job.id);
    expect(conflict).toMatchObject({
      copy: 'moved_copy',
      calcom: { kind: 'booking', start: night.toISOString() },
      actions: ['keep_ours', 'cancel_ours', 'dismiss'],
    });
    expect(conflict!.calcom.title).toMatch(/cannot be booked: .*working hours/i);

    await sam.calendar.resolveConflict.mutate({ bookingId: job.id, externalId: conflict!.externalId, action: 'keep_ours' });
    await eventually(async () => {
      const s = standing(job.id);
      if (s.length !== 1 || s[0]!.start !== job.startsAt) throw new Error('Cal.com not moved back yet');
    }, 20_000);
    await pushesSettled(job.id);
    await webhooksSettled();
    await sam.calendar.syncNow.mutate();
    expect((await sam.calendar.conflicts.query()).filter((c) => c.bookingId === job.id)).toEqual([]);
    expect((await row(job.id)).startsAt.toISOString()).toBe(job.startsAt);
  });

  it('a move over another job here (not in Cal.com yet) is a conflict that says so', async () => {
    const job = await pushedBooking();
    // Leo requests a slot; it is not in Cal.com (only accepted jobs are pushed), so Cal.com lets Sam move onto it.
    const other = await createBookingFor(stack, 'leo@demo.handled.test', SAM, 1);
    cal().rescheduleBooking(job.uid, other.startsAt, 'Sam moved it');
    await webhooksSettled();
    await sam.calendar.syncNow.mutate();
    expect(await changesOf(job.id)).toEqual([]);
    const conflict = (await sam.calendar.conflicts.query()).find((c) => c.bookingId === job.id && c.copy === 'moved_copy');
    expect(conflict?.calcom.title).toMatch(/overlaps another job/);
  });

  it('a longer job set in Cal.com is proposed with the new hours; accepting reprices it', async () => {
    const job = await pushedBooking(1);
    const target = await freeStart(2, 10);
    cal().dropWebhooks = 1;
    const copy = cal().rescheduleBooking(job.uid, target, 'Sam moved it');
    // Cal.com keeps a booking's length on reschedule; a host can still stretch it (edited here by hand).
    copy.end = new Date(Date.parse(target) + 2 * 60 * 60_000).toISOString();
    await sam.calendar.syncNow.mutate();
    const pending = await maya.changes.pending.query({ id: job.id });
    expect(pending).toMatchObject({ startsAt: target, hours: 2, via: 'calcom' });
    expect(pending!.newTotal).toBeGreaterThan(pending!.currentTotal);
    await maya.changes.accept.mutate({ id: job.id, changeId: pending!.id });
    const moved = await row(job.id);
    expect(moved).toMatchObject({ estimatedQuarterHours: 8, total: pending!.newTotal });
    expect(moved.endsAt.toISOString()).toBe(copy.end);
  });

  it('cancelled in Cal.com after a move: the job is cancelled here as the provider', async () => {
    const job = await pushedBooking();
    const target = await freeStart(1, 11);
    const copy = cal().rescheduleBooking(job.uid, target, 'Sam moved it');
    await webhooksSettled();
    expect(await maya.changes.pending.query({ id: job.id })).not.toBeNull();
    cal().cancelBooking(copy.uid, 'Sam is ill');
    await webhooksSettled();
    const b = await eventually(async () => {
      const r = await row(job.id);
      if (r.status !== 'cancelled') throw new Error(`still ${r.status}`);
      return r;
    }, 20_000);
    expect(b).toMatchObject({ cancelledBy: 'provider', cancellationReason: 'Cancelled in Cal.com: Sam is ill' });
  });
});
