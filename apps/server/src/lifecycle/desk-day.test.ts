import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, completedBookingFor, confirmedBookingFor, createBookingFor, resetClock, setClock } from '@handled/testing/fixtures';
import { eventually, startTestStack, type TestStack } from '@handled/testing';

/**
 * What the provider's desk reads and sends for a working day: the job steps with the machine's
 * reasons, progress saved while the job is under way, the searchable history, and the pulse the
 * desk (its main process, also while hidden) polls for notifications, the tray and the badge.
 */
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const maya = 'maya@demo.handled.test';
const leo = 'leo@demo.handled.test';
const sam = 'sam@demo.handled.test';
const priya = 'priya@demo.handled.test';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterEach(() => resetClock(stack));
afterAll(() => stack?.close());

const step = (b: { jobSteps: { command: string; state: string; reason: string | null; opensAt: string | null }[] }, command: string) => {
  const s = b.jobSteps.find((x) => x.command === command);
  if (!s) throw new Error(`no step ${command}`);
  return s;
};

describe('job steps on the booking', () => {
  it('six days ahead nothing is open and each step says why; on the day they open in order', async () => {
    const b = await confirmedBookingFor(stack, maya, sam);
    const samApi = await stack.clientAs(sam);
    const start = Date.parse(b.startsAt);
    setClock(stack, start - 6 * DAY);
    const early = await samApi.bookings.get.query({ id: b.id });
    expect(early.asOf).toBe(new Date(start - 6 * DAY).toISOString());
    expect(early.allowedCommands).not.toContain('complete');
    expect(step(early, 'complete')).toMatchObject({ state: 'blocked', reason: expect.stringMatching(/Start the job first/) });
    expect(step(early, 'start')).toMatchObject({
      state: 'blocked',
      reason: 'You can start from 60 min before the start time.',
      opensAt: new Date(start - 60 * MIN).toISOString(),
    });

    setClock(stack, start - 30 * MIN);
    const onDay = await samApi.bookings.get.query({ id: b.id });
    expect(onDay.jobSteps.map((s) => s.state)).toEqual(['open', 'open', 'blocked']);
    // The client's view carries the steps too, none of them the client's to take.
    const mayaView = await (await stack.clientAs(maya)).bookings.get.query({ id: b.id });
    expect(mayaView.jobSteps.every((s) => s.state !== 'open')).toBe(true);
  });
});

describe('progress while the job is under way', () => {
  it('checklist items and notes are kept one by one, only while in progress, only by its provider', async () => {
    const b = await confirmedBookingFor(stack, maya, sam);
    const samApi = await stack.clientAs(sam);
    const start = Date.parse(b.startsAt);
    const { checklist } = await samApi.lifecycle.job.query({ id: b.id });
    expect(checklist.length).toBeGreaterThanOrEqual(2);
    const [first, second] = [checklist[0]!.item, checklist[1]!.item];

    // Not yet started: refused as a conflict with the reason, nothing written.
    expect(await codeOf(samApi.lifecycle.saveProgress.mutate({ id: b.id, checklist: [{ item: first, done: true }] }))).toBe('CONFLICT');

    setClock(stack, start);
    await samApi.lifecycle.start.mutate({ id: b.id });
    await samApi.lifecycle.saveProgress.mutate({ id: b.id, checklist: [{ item: first, done: true }] });
    const after = await samApi.lifecycle.saveProgress.mutate({
      id: b.id,
      checklist: [{ item: second, done: true }],
      notes: '  Washer replaced. ',
    });
    expect(after.checklist.filter((c) => c.done).map((c) => c.item)).toEqual([first, second]);
    expect(after.completionNotes).toBe('Washer replaced.');
    // Unticking one leaves the other.
    const untick = await samApi.lifecycle.saveProgress.mutate({ id: b.id, checklist: [{ item: first, done: false }] });
    expect(untick.checklist.filter((c) => c.done).map((c) => c.item)).toEqual([second]);
    expect(untick.completionNotes).toBe('Washer replaced.');

    expect(await codeOf(samApi.lifecycle.saveProgress.mutate({ id: b.id, checklist: [{ item: 'Polish the moon', done: true }] }))).toBe(
      'BAD_REQUEST',
    );
    expect(await codeOf((await stack.clientAs(priya)).lifecycle.saveProgress.mutate({ id: b.id, notes: 'not mine' }))).toBe('NOT_FOUND');
    expect(await codeOf((await stack.clientAs(maya)).lifecycle.saveProgress.mutate({ id: b.id, notes: 'a client' }))).toBe('FORBIDDEN');
    expect((await samApi.lifecycle.job.query({ id: b.id })).completionNotes).toBe('Washer replaced.');
  });
});

describe('job history', () => {
  it('finds a finished job by words, client, status, dates and amount; never another provider’s', async () => {
    const done = await completedBookingFor(stack, leo, sam);
    const samApi = await stack.clientAs(sam);
    const zone = (await samApi.bookings.history.query({})).timeZone;
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(done.startsAt));
    // The finished job's time is past only once the server's clock is after it.
    setClock(stack, Date.parse(done.endsAt) + DAY);

    const byName = await samApi.bookings.history.query({ q: 'leo' });
    expect(byName.items.map((i) => i.id)).toContain(done.id);
    expect(byName.items.every((i) => i.clientName.toLowerCase().includes('leo') || i.reference.toLowerCase().includes('leo'))).toBe(true);
    const byReference = await samApi.bookings.history.query({ q: done.reference.toLowerCase() });
    expect(byReference.items.map((i) => i.id)).toEqual([done.id]);
    expect(byReference.total).toBe(1);

    const leoId = byName.items.find((i) => i.id === done.id)!.clientId;
    const filtered = await samApi.bookings.history.query({
      clientId: leoId,
      statuses: ['completed'],
      from: date,
      to: date,
      minTotal: done.price.total,
      maxTotal: done.price.total,
    });
    expect(filtered.items.map((i) => i.id)).toContain(done.id);
    expect(filtered.clients.map((c) => c.id)).toContain(leoId);
    expect((await samApi.bookings.history.query({ statuses: ['cancelled'], q: done.reference })).items).toEqual([]);
    expect((await samApi.bookings.history.query({ minTotal: done.price.total + 1, q: done.reference })).items).toEqual([]);
    expect(await codeOf(samApi.bookings.history.query({ from: '2030-01-02', to: '2030-01-01' }))).toBe('BAD_REQUEST');
    // A word that only looks like a pattern matches itself, not everything.
    expect((await samApi.bookings.history.query({ q: '%' })).items.map((i) => i.id)).not.toContain(done.id);

    const priyaSees = await (await stack.clientAs(priya)).bookings.history.query({ scope: 'all', q: done.reference });
    expect(priyaSees.items).toEqual([]);

    // Today on the job's day: the job, with the server's time and date.
    setClock(stack, Date.parse(done.startsAt));
    const today = await samApi.bookings.today.query();
    expect(today).toMatchObject({ asOf: done.startsAt, date, timeZone: zone });
    expect(today.items.map((i) => i.id)).toContain(done.id);
    expect(today.items.map((i) => i.startsAt)).toEqual([...today.items.map((i) => i.startsAt)].sort());
    expect(today.items.find((i) => i.id === done.id)!.address.line1).not.toBe('');
  });
});

describe('the desk pulse', () => {
  it('counts first, then tells each new request and message once, with its booking', async () => {
    const samApi = await stack.clientAs(sam);
    const first = await samApi.desk.pulse.query({});
    expect(first.events).toEqual([]);

    const requested = await createBookingFor(stack, maya, sam);
    const mayaApi = await stack.clientAs(maya);
    const second = await eventually(async () => {
      const p = await samApi.desk.pulse.query({ since: first.asOf });
      if (!p.events.some((e) => e.kind === 'request' && e.bookingId === requested.id)) throw new Error('no request event yet');
      return p;
    });
    expect(second.openRequests).toBe(first.openRequests + 1);
    expect(second.events.find((e) => e.bookingId === requested.id)!.title).toMatch(/New request from Maya/);

    await mayaApi.messages.send.mutate({ bookingId: requested.id, body: 'The gate code is 4711.' });
    const third = await samApi.desk.pulse.query({ since: second.asOf });
    const message = third.events.find((e) => e.kind === 'message');
    expect(message).toMatchObject({ bookingId: requested.id, title: 'Message from Maya Lopez', body: 'The gate code is 4711.' });
    expect(third.events.some((e) => e.kind === 'request')).toBe(false);
    expect(third.unreadMessages).toBe(second.unreadMessages + 1);

    await samApi.messages.markRead.mutate({ bookingId: requested.id });
    const fourth = await samApi.desk.pulse.query({ since: third.asOf });
    expect(fourth.unreadMessages).toBe(second.unreadMessages);
    expect(fourth.events).toEqual([]);

    // Only providers have a desk.
    expect(await codeOf(mayaApi.desk.pulse.query({}))).toBe('FORBIDDEN');
  });
});

describe('links into the desk app', () => {
  it("the provider's email opens the booking in the desk app, the browser address beside it; /open hands a link to the app", async () => {
    const requested = await createBookingFor(stack, maya, sam);
    const email = await eventually(async () => {
      const e = stack.emulators.emulators.resend.emails.find(
        (m) => m.to.includes(sam) && m.subject.startsWith('New request') && (m.text ?? '').includes(requested.id),
      );
      if (!e) throw new Error('no email yet');
      return e;
    });
    const browserLink = `${stack.env.DESK_URL}/#/bookings/${requested.id}`;
    expect(email.text).toContain(`Open in Handled Desk: handled-desk://bookings/${requested.id}\nOr in your browser: ${browserLink}`);
    expect(email.html).toContain(`href="handled-desk://bookings/${requested.id}"`);

    const page = await fetch(`${stack.apiUrl}/open/bookings/${requested.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`href="handled-desk://bookings/${requested.id}"`);
    expect(html).toContain(`href="${browserLink}"`);
    expect((await fetch(`${stack.apiUrl}/open/bookings/${'x'.repeat(65)}`)).status).toBe(404);
    expect((await fetch(`${stack.apiUrl}/open/admin/${requested.id}`)).status).toBe(404);
  });
});
