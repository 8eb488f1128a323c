import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bookingEvents, emergencyAlerts, users } from '@handled/db/schema';
import { codeOf, confirmedBookingFor, createBookingFor, resetClock, setClock } from '@handled/testing/fixtures';
import { eventually, startTestStack, type TestStack } from '@handled/testing';

const MAYA = 'maya@demo.handled.test';
const LEO = 'leo@demo.handled.test';
const SAM = 'sam@demo.handled.test';
const ANA = 'ana@demo.handled.test';
const PHONES = { maya: '+12125550142', ana: '+12125550177', contact: '+12125550199' };

let stack: TestStack;
type Api = Awaited<ReturnType<TestStack['clientAs']>>;
let maya: Api, sam: Api, leo: Api, ana: Api;

beforeAll(async () => {
  stack = await startTestStack();
  [maya, sam, leo, ana] = await Promise.all([stack.clientAs(MAYA), stack.clientAs(SAM), stack.clientAs(LEO), stack.clientAs(ANA)]);
  // The client and the operator can be texted (a number and their consent); Sam names an emergency contact.
  await stack.deps.db.update(users).set({ phone: PHONES.maya }).where(eq(users.email, MAYA));
  await stack.deps.db.update(users).set({ phone: PHONES.ana }).where(eq(users.email, ANA));
  await maya.notifications.savePreferences.mutate({ smsConsent: true });
  await ana.notifications.savePreferences.mutate({ smsConsent: true });
}, 120_000);
afterEach(() => resetClock(stack));
afterAll(() => stack?.close());

const texts = (to: string) => stack.emulators.emulators.twilio.messages.filter((m) => m.to === to);
const mails = (to: string) => stack.emulators.emulators.resend.emails.filter((e) => e.to.includes(to) && /EMERGENCY/.test(e.subject));

/** A confirmed booking whose provider said they are on their way (the clock 30 min before the start). */
async function underWay() {
  const booking = await confirmedBookingFor(stack, MAYA, SAM);
  setClock(stack, new Date(booking.startsAt).getTime() - 30 * 60_000);
  await sam.lifecycle.onMyWay.mutate({ id: booking.id });
  return booking;
}

describe('emergency contact system', () => {
  it('each person keeps an emergency contact: E.164 phone, a relation, checked', async () => {
    expect(await sam.emergency.contact.query()).toEqual({ contact: null });
    expect(await codeOf(sam.emergency.setContact.mutate({ name: 'Ada', phone: '12345', relation: 'Sister' }))).toBe('BAD_REQUEST');
    const saved = await sam.emergency.setContact.mutate({
      name: 'Ada Okafor',
      phone: '+1 (212) 555-0199',
      relation: 'Sister',
      email: 'ada@example.com',
    });
    expect(saved.contact).toMatchObject({ name: 'Ada Okafor', phone: PHONES.contact, relation: 'Sister', email: 'ada@example.com' });
    expect((await maya.emergency.contact.query()).contact).toBeNull();
  });

  it('during a job, an alert reaches the other side, the contact and the operator by SMS and email, and the timeline', async () => {
    const booking = await underWay();
    expect(await codeOf(sam.emergency.raise.mutate({ bookingId: booking.id, reason: '' }))).toBe('BAD_REQUEST');
    const raised = await sam.emergency.raise.mutate({ bookingId: booking.id, reason: 'Client collapsed in the kitchen' });
    expect(raised).toMatchObject({ call: '911', contactNotified: true, alert: { status: 'open', side: 'provider' } });

    // The jobs run at once (the worker is woken by the write): SMS and email to all three, within seconds.
    const got = await eventually(async () => {
      const all = {
        mayaSms: texts(PHONES.maya).filter((m) => /EMERGENCY/.test(m.body)),
        anaSms: texts(PHONES.ana).filter((m) => /EMERGENCY/.test(m.body)),
        contactSms: texts(PHONES.contact).filter((m) => /EMERGENCY/.test(m.body)),
        mayaMail: mails(MAYA),
        anaMail: mails(ANA),
        contactMail: mails('ada@example.com'),
      };
      for (const [k, v] of Object.entries(all)) if (v.length === 0) throw new Error(`nothing yet: ${k}`);
      return all;
    }, 10_000);
    for (const list of Object.values(got)) expect(list).toHaveLength(1);
    const sms = got.mayaSms[0]!.body;
    expect(sms).toContain('Client collapsed in the kitchen');
    expect(sms).toContain('call 911');
    expect(sms).toContain(booking.reference);
    expect(got.contactMail[0]!.text).toMatch(/Ada Okafor.*emergency contact.*Sister/s);
    expect(got.anaMail[0]!.text).toMatch(/Where: .+/);
    expect(got.anaMail[0]!.text).toMatch(/When: .+/);

    const events = await stack.deps.db.select().from(bookingEvents).where(eq(bookingEvents.bookingId, booking.id));
    expect(events.find((e) => e.type === 'booking.emergency_raised')).toMatchObject({
      actorKind: 'provider',
      reason: 'Client collapsed in the kitchen',
    });

    // The operator's queue: open → acknowledged → resolved with notes, each in the timeline; members cannot.
    expect(await codeOf(maya.emergency.alerts.query({ status: 'active' }))).toBe('FORBIDDEN');
    const queue = await ana.emergency.alerts.query({ status: 'active' });
    expect(queue.alerts.find((a) => a.id === raised.alert.id)).toMatchObject({
      reference: booking.reference,
      reason: 'Client collapsed in the kitchen',
      contactPhone: PHONES.contact,
      status: 'open',
    });
    await ana.emergency.acknowledge.mutate({ alertId: raised.alert.id });
    expect(await codeOf(ana.emergency.acknowledge.mutate({ alertId: raised.alert.id }))).toBe('CONFLICT');
    await ana.emergency.resolve.mutate({ alertId: raised.alert.id, notes: 'Called Sam; ambulance came, client fine.' });
    const [row] = await stack.deps.db.select().from(emergencyAlerts).where(eq(emergencyAlerts.id, raised.alert.id));
    expect(row).toMatchObject({ status: 'resolved', resolutionNotes: 'Called Sam; ambulance came, client fine.' });
    const types = (await stack.deps.db.select().from(bookingEvents).where(eq(bookingEvents.bookingId, booking.id))).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['booking.emergency_raised', 'booking.emergency_acknowledged', 'booking.emergency_resolved']),
    );
    expect((await ana.emergency.alerts.query({ status: 'active' })).alerts.some((a) => a.id === raised.alert.id)).toBe(false);
  });

  it('only the booking’s two sides, only during a job, at most 3 an hour', async () => {
    const requested = await createBookingFor(stack, MAYA, SAM);
    expect(await codeOf(maya.emergency.raise.mutate({ bookingId: requested.id, reason: 'Testing before the job' }))).toBe('CONFLICT');
    const booking = await underWay();
    expect(await codeOf(leo.emergency.raise.mutate({ bookingId: booking.id, reason: 'Not my booking' }))).toBe('NOT_FOUND');
    expect((await maya.emergency.forBooking.query({ bookingId: booking.id })).canRaise).toBe(true);
    for (let i = 0; i < 3; i++) await maya.emergency.raise.mutate({ bookingId: booking.id, reason: `Alarm ${i + 1}` });
    expect(await codeOf(maya.emergency.raise.mutate({ bookingId: booking.id, reason: 'Fourth time' }))).toBe('TOO_MANY_REQUESTS');
    const alerts = await stack.deps.db.select().from(emergencyAlerts).where(eq(emergencyAlerts.bookingId, booking.id));
    expect(alerts).toHaveLength(3);
    expect(alerts.every((a) => a.contactName === null)).toBe(true); // Maya has no emergency contact
  });
});
