import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { twilioSignature } from '@handled/emulators';
import { startTestStack, eventually, type TestStack } from '@handled/testing';
import { confirmedBookingFor, jobsOf, resetClock, setClock } from '@handled/testing/fixtures';
import { notifications, users } from '@handled/db/schema';

const CLIENT = 'maya@demo.handled.test';
const PROVIDER = 'sam@demo.handled.test';
const PHONE = '+12125550142';

/** "HH:MM" of an instant in a zone. */
function hhmm(at: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(
    at,
  );
  return `${parts.find((p) => p.type === 'hour')?.value}:${parts.find((p) => p.type === 'minute')?.value}`;
}

describe('notifications: every channel, by preference, in the recipient zone, once', () => {
  let stack: TestStack;
  let clientId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    const [row] = await stack.deps.db.select().from(users).where(eq(users.email, CLIENT));
    if (!row) throw new Error('no demo client');
    clientId = row.id;
    await stack.deps.db.update(users).set({ phone: PHONE }).where(eq(users.id, clientId));
    const client = await stack.clientAs(CLIENT);
    const prefs = await client.notifications.savePreferences.mutate({ smsConsent: true });
    expect(prefs.smsConsent).toBe(true);
  }, 120_000);

  afterAll(async () => {
    resetClock(stack);
    await stack?.close();
  });

  it('confirmation: one email with the layout, the zone named and an invite; one in-app row; no SMS (not an SMS event)', async () => {
    const booking = await confirmedBookingFor(stack, CLIENT, PROVIDER);
    const key = `${booking.id}:booking.confirmed`;
    const mails = await eventually(async () => {
      const found = stack.emulators.emulators.resend.emails.filter(
        (e) => e.to.includes(CLIENT) && e.subject.toLowerCase().includes('confirmed') && e.text?.includes(booking.reference),
      );
      if (!found.length) throw new Error('no confirmation yet');
      return found;
    });
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.text).toContain('Hi Maya');
    expect(mail.text).toMatch(/New York time/);
    expect(mail.text).toContain('Total');
    expect(mail.text).toContain('Cancellation terms');
    expect(mail.html).toContain('Add to Google Calendar');
    expect(mail.attachments.map((a) => a.filename)).toContain('invite.ics');
    const rows = (await stack.deps.db.select().from(notifications).where(eq(notifications.userId, clientId))).filter((r) =>
      r.template.startsWith(key),
    );
    expect(rows.filter((r) => r.channel === 'in_app')).toHaveLength(1);
    expect(rows.filter((r) => r.channel === 'email')).toHaveLength(1);
    expect(rows.filter((r) => r.channel === 'sms')).toHaveLength(0);

    // On my way: an SMS with the provider's name, once, even when Twilio fails the first tries and loses an answer.
    const before = stack.emulators.emulators.twilio.messages.filter((m) => m.to === PHONE).length;
    stack.emulators.emulators.faults.add({ method: 'POST', path: '/2010-04-01', status: 500, times: 2 });
    stack.emulators.emulators.faults.add({ method: 'POST', path: '/emails', status: 500, times: 1 });
    const provider = await stack.clientAs(PROVIDER);
    let t = new Date(booking.startsAt).getTime() - 30 * 60_000;
    setClock(stack, t);
    await provider.lifecycle.onMyWay.mutate({ id: booking.id });
    const sms = await eventually(async () => {
      // The server's clock stands still in a test: move it on so retries (1 s, 2 s, … backoff) come due.
      t += 2_000;
      setClock(stack, t);
      stack.server.worker.kick();
      const found = stack.emulators.emulators.twilio.messages
        .filter((m) => m.to === PHONE)
        .slice(before)
        .filter((m) => m.body.includes('on the way'));
      if (!found.length) throw new Error('no SMS yet');
      return found;
    }, 30_000);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toMatch(/Sam .* is on the way/);
    // Moving the clock to half an hour before the start also ran the 2 h reminder: one text, in New York time, zone named.
    const reminders = stack.emulators.emulators.twilio.messages.filter((m) => m.to === PHONE && m.body.startsWith('Handled reminder'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body).toMatch(/E[SD]T/);
    // Twilio's status callbacks arrive signed and are recorded.
    await eventually(async () => {
      const smsRows = (await stack.deps.db.select().from(notifications).where(eq(notifications.userId, clientId))).filter(
        (r) => r.channel === 'sms' && r.template.startsWith(`${booking.id}:booking.on_my_way`),
      );
      if (smsRows[0]?.deliveryStatus !== 'delivered') throw new Error(`status ${smsRows[0]?.deliveryStatus}`);
      expect(smsRows).toHaveLength(1);
    });
    resetClock(stack);
  }, 120_000);

  it('a disabled channel sends nothing; quiet hours hold email until they end', async () => {
    const client = await stack.clientAs(CLIENT);
    const prefs = await client.notifications.preferences.query();
    const now = stack.deps.now();
    // Quiet from an hour ago to an hour from now, on New York's wall clock, whatever the date.
    await client.notifications.savePreferences.mutate({
      choices: { ...prefs.choices, bookings: { ...prefs.choices.bookings, sms: false } },
      quietHours: {
        start: hhmm(new Date(now.getTime() - 3_600_000), 'America/New_York'),
        end: hhmm(new Date(now.getTime() + 3_600_000), 'America/New_York'),
      },
    });
    const booking = await confirmedBookingFor(stack, CLIENT, PROVIDER);
    await eventually(async () => {
      const rows = (await stack.deps.db.select().from(notifications).where(eq(notifications.userId, clientId))).filter((r) =>
        r.template.startsWith(`${booking.id}:booking.confirmed`),
      );
      if (!rows.some((r) => r.channel === 'in_app')) throw new Error('no in-app row yet');
      expect(rows.filter((r) => r.channel === 'email')).toHaveLength(0);
    });
    const centre = await client.notifications.list.query({ limit: 5 });
    expect(centre.items.some((i) => i.bookingId === booking.id)).toBe(true);
    expect(centre.unread).toBeGreaterThan(0);
    // After the quiet hours end, the worker sends it, once.
    setClock(stack, now.getTime() + 3_600_000 + 5 * 60_000);
    stack.server.worker.kick();
    await eventually(async () => {
      stack.server.worker.kick();
      const mails = stack.emulators.emulators.resend.emails.filter(
        (e) => e.to.includes(CLIENT) && e.text?.includes(booking.reference) && e.subject.toLowerCase().includes('confirmed'),
      );
      if (!mails.length) throw new Error('not sent after quiet hours');
      expect(mails).toHaveLength(1);
    }, 30_000);
    resetClock(stack);
    const read = await client.notifications.markRead.mutate({ all: true });
    expect(read.unread).toBe(0);
  }, 120_000);

  it('SMS STOP on the signed inbound webhook withdraws consent; a bad signature is refused', async () => {
    const url = `${stack.apiUrl}/webhooks/twilio/inbound`;
    const params = { From: PHONE, Body: 'STOP', To: '+15005550006', MessageSid: 'SMinbound1' };
    const bad = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'nope' },
      body: new URLSearchParams(params),
    });
    expect(bad.status).toBe(403);
    const signature = twilioSignature(stack.env.TWILIO_AUTH_TOKEN, url, params);
    const ok = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params),
    });
    expect(ok.status).toBe(200);
    const client = await stack.clientAs(CLIENT);
    const prefs = await client.notifications.preferences.query();
    expect(prefs.smsConsent).toBe(false);
    expect(prefs.problems.some((p) => p.channel === 'sms' && p.status === 'stopped')).toBe(true);
  });

  it('web push reaches a subscribed device once, signed with the VAPID key and readable by it', async () => {
    const device = (await (
      await fetch(`${stack.emulatorsUrl}/_/push/devices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":"Maya phone"}',
      })
    ).json()) as { id: string; endpoint: string; keys: { p256dh: string; auth: string } };
    const client = await stack.clientAs(CLIENT);
    // No quiet hours now (the test above set some around this moment).
    await client.notifications.savePreferences.mutate({ quietHours: null });
    await client.push.subscribe.mutate({ endpoint: device.endpoint, keys: device.keys });
    const booking = await confirmedBookingFor(stack, CLIENT, PROVIDER);
    const pushes = await eventually(async () => {
      const found = stack.emulators.emulators.push.data.received.filter(
        (r) => r.device === device.id && r.payload?.includes(booking.id) && /"title":"[^"]*confirmed/i.test(r.payload),
      );
      if (!found.length) throw new Error('no push yet');
      return found;
    });
    expect(pushes).toHaveLength(1);
    // Each message of the booking reached the device once (accepted, invoice, confirmed …), none twice.
    const titles = stack.emulators.emulators.push.data.received
      .filter((r) => r.device === device.id)
      .map((r) => (JSON.parse(r.payload ?? '{}') as { title: string }).title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(pushes[0]!.vapid).toBe(true);
    const payload = JSON.parse(pushes[0]!.payload ?? '{}') as { title: string; url: string };
    expect(payload.title.toLowerCase()).toContain('confirmed');
    expect(payload.url).toContain(`/bookings/${booking.id}`);
  }, 120_000);

  it('a bounced email (Resend webhook, Svix-signed) marks the address and the message goes by text instead', async () => {
    const client = await stack.clientAs(CLIENT);
    // Consent again (the STOP above withdrew it), and a booking with the real address.
    await client.notifications.savePreferences.mutate({ smsConsent: true, quietHours: null });
    const booking = await confirmedBookingFor(stack, CLIENT, PROVIDER);
    const [before] = await stack.deps.db.select({ email: users.email }).from(users).where(eq(users.id, clientId));
    // Resend's test address that bounces.
    await stack.deps.db.update(users).set({ email: 'bounced@resend.dev' }).where(eq(users.id, clientId));
    try {
      await (await stack.clientAs(PROVIDER)).lifecycle.cancel.mutate({ id: booking.id, reason: 'Van broke down' });
      const rows = await eventually(async () => {
        const all = (await stack.deps.db.select().from(notifications).where(eq(notifications.userId, clientId))).filter((r) =>
          r.template.startsWith(`${booking.id}:booking.cancelled`),
        );
        const email = all.find((r) => r.channel === 'email');
        if (email?.deliveryStatus !== 'bounced') {
          const jobs = (await jobsOf(stack, booking.id)).map((j) => `${j.type}:${j.status}:${j.lastError ?? ''}`);
          throw new Error(
            `email ${email?.deliveryStatus} ${email?.externalId}; rows ${all.map((r) => `${r.template}/${r.channel}/${r.status}`).join(', ')}; jobs ${jobs.join(' | ')}`,
          );
        }
        // The next channel that had not carried it: a text (or push, when a same-day text already went).
        const fallback = all.find((r) => r.template.endsWith(':fallback'));
        if (!fallback) throw new Error('no fallback yet');
        expect(fallback.channel).not.toBe('email');
        return all;
      }, 60_000);
      expect(rows.filter((r) => r.channel === 'email')).toHaveLength(1);
      const texts = stack.emulators.emulators.twilio.messages.filter((m) => m.to === PHONE && /cancel/i.test(m.body));
      expect(texts).toHaveLength(1);
      const prefs = await stack.deps.db.select().from(users).where(eq(users.id, clientId));
      expect(prefs[0]?.email).toBe('bounced@resend.dev');
      const view = await client.notifications.preferences.query();
      expect(view.problems).toContainEqual({ channel: 'email', status: 'bounced', address: 'bounced@resend.dev' });
    } finally {
      await stack.deps.db.update(users).set({ email: before!.email }).where(eq(users.id, clientId));
    }
  }, 120_000);

  it('under a 30 % failing Resend, Twilio and push service: each message still arrives once on each channel', async () => {
    const client = await stack.clientAs(CLIENT);
    // Texts for bookings back on (a test above turned them off), consent, no quiet hours.
    const { choices } = await client.notifications.preferences.query();
    await client.notifications.savePreferences.mutate({
      choices: { ...choices, bookings: { ...choices.bookings, sms: true } },
      smsConsent: true,
      quietHours: null,
    });
    const faults = stack.emulators.emulators.faults;
    faults.add({ method: 'POST', path: '/emails', status: 500, rate: 0.3, times: 1000, seed: 7 });
    faults.add({ method: 'POST', path: '/2010-04-01', status: 500, rate: 0.3, times: 1000, seed: 8 });
    faults.add({ method: 'POST', path: '/push', status: 500, rate: 0.3, times: 1000, seed: 9 });
    try {
      const booking = await confirmedBookingFor(stack, CLIENT, PROVIDER);
      let t = new Date(booking.startsAt).getTime() - 30 * 60_000;
      setClock(stack, t);
      await (await stack.clientAs(PROVIDER)).lifecycle.onMyWay.mutate({ id: booking.id });
      const rows = await eventually(async () => {
        t += 5_000;
        setClock(stack, t);
        stack.server.worker.kick();
        const all = (await stack.deps.db.select().from(notifications).where(eq(notifications.userId, clientId))).filter((r) =>
          r.template.startsWith(booking.id),
        );
        const want = [
          ['booking.confirmed', 'email'],
          ['booking.confirmed', 'push'],
          ['booking.on_my_way', 'sms'],
          ['booking.on_my_way', 'email'],
          ['booking.on_my_way', 'push'],
        ] as const;
        for (const [template, channel] of want)
          if (!all.some((r) => r.channel === channel && r.template.startsWith(`${booking.id}:${template}`)))
            throw new Error(
              `${template} not yet on ${channel}; jobs ${(await jobsOf(stack, booking.id)).map((j) => `${j.type}:${j.status}:${j.lastError ?? ''}`).join(' | ')}`,
            );
        return all;
      }, 90_000);
      // One row per message and channel, and one delivery per message in each emulator.
      const keys = rows.map((r) => `${r.template}|${r.channel}`);
      expect(new Set(keys).size).toBe(keys.length);
      // The two messages of this test: one email each in the mailbox.
      const sent = rows.filter((r) => r.channel === 'email' && /:booking\.(confirmed|on_my_way):/.test(r.template));
      expect(sent).toHaveLength(2);
      for (const row of sent) {
        const copies = stack.emulators.emulators.resend.emails.filter((e) => e.to.includes(CLIENT) && e.subject === row.title);
        expect(
          copies.filter((e) => e.text?.includes(booking.reference)),
          row.title,
        ).toHaveLength(1);
      }
      const texts = stack.emulators.emulators.twilio.messages.filter(
        (m) =>
          (m.to === PHONE && m.body.includes(booking.reference)) ||
          (m.to === PHONE && m.body.includes('on the way') && m.body.includes(booking.reference)),
      );
      expect(texts.filter((m) => m.body.includes('on the way'))).toHaveLength(1);
      const pushes = stack.emulators.emulators.push.data.received.filter((r) => r.payload?.includes(booking.id));
      const titles = pushes.map((r) => (JSON.parse(r.payload ?? '{}') as { title: string }).title);
      expect(new Set(titles).size).toBe(titles.length);
      expect(faults.list().some((f) => f.hits > 0)).toBe(true);
    } finally {
      faults.clear();
      resetClock(stack);
    }
  }, 180_000);
});
