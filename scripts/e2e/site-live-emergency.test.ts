import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { users } from '@handled/db/schema';
import { confirmedBookingFor, photoWithExif, resetClock, setClock } from '@handled/testing/fixtures';
import { shot } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { openDesk, useSandbox } from './session.ts';
import { newSitePage } from './site-helpers.ts';
import { signInOnSite } from './site-steps.ts';

/** Issue 16, part B in a browser: live messages on the site and the desk, a photo message, Emergency. */
let sandbox: Sandbox;
let browser: Browser;
const MAYA = 'maya@demo.handled.test';
const SAM = 'sam@demo.handled.test';
const ANA = 'ana@demo.handled.test';

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});

const bodies = (page: Page) => page.locator('[data-testid=message]:not([data-pending]) [data-testid=message-body]').allInnerTexts();

describe('live messages, photos and emergencies', () => {
  it('a message from the other side appears in the open thread without a reload, on the site and in the desk', async () => {
    const booking = await confirmedBookingFor(sandbox.stack, MAYA, SAM);
    const sam = await sandbox.stack.clientAs(SAM);
    const { context, page } = await newSitePage(browser, 'desktop');
    await signInOnSite(page, sandbox.webUrl, MAYA, `/messages/${booking.id}`);
    // A mark on this page's window: still there afterwards means the page was never reloaded.
    await page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 42));
    await page.waitForTimeout(500); // the EventSource is open (its `ready` comes at once)
    await sam.messages.send.mutate({ bookingId: booking.id, body: 'On my way with the parts in ten minutes.' });
    // The old page polled every 10 s: well under that, it is on screen.
    await expect.poll(() => bodies(page), { timeout: 4_000, interval: 100 }).toContain('On my way with the parts in ten minutes.');
    expect(await page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(42);

    // And the other way: Sam's desk, open on the conversation, shows Maya's answer by itself.
    const desk = await openDesk(browser, sandbox, { kind: 'desktop', email: SAM, route: `#/messages/${booking.id}` });
    await desk.page.getByText('On my way with the parts in ten minutes.').first().waitFor();
    await page.fill('[data-testid=message-input]', 'Great, the door code is on the booking.');
    await page.click('[data-testid=send]');
    await desk.page.getByText('Great, the door code is on the booking.').first().waitFor({ timeout: 4_000 });
    await desk.context.close();
    await context.close();
  });

  it('a photo message: attached, sent through the upload pipeline, shown in the thread (phone and desktop)', async () => {
    const booking = await confirmedBookingFor(sandbox.stack, MAYA, SAM);
    const photo = await photoWithExif(1200, 900, { r: 58, g: 124, b: 165 });
    for (const kind of ['phone', 'desktop'] as const) {
      const { context, page } = await newSitePage(browser, kind);
      await signInOnSite(page, sandbox.webUrl, MAYA, `/messages/${booking.id}`);
      await page.setInputFiles('[data-testid=photo-input]', { name: `leak-${kind}.jpg`, mimeType: 'image/jpeg', buffer: photo });
      await page.locator('[data-testid=photo-chosen]').waitFor();
      await page.fill('[data-testid=message-input]', `The leak under the sink (${kind})`);
      await page.click('[data-testid=send]');
      await page.locator('[data-testid=message-photo] img').last().waitFor();
      await expect.poll(() => bodies(page)).toContain(`The leak under the sink (${kind})`);
      await expect
        .poll(() =>
          page
            .locator('[data-testid=message-photo] img')
            .last()
            .evaluate((i: HTMLImageElement) => i.naturalWidth),
        )
        .toBeGreaterThan(0);
      await shot(page, 'messaging', `photo-message-${kind}`);
      await context.close();
    }
    const thread = await (await sandbox.stack.clientAs(SAM)).messages.thread.query({ bookingId: booking.id });
    expect(thread.messages.filter((m) => m.photo).length).toBe(2);
  });

  it('Emergency on the booking page: a confirm step with a reason, then the provider, the contact and the operator are told', async () => {
    const stack = sandbox.stack;
    const maya = await stack.clientAs(MAYA);
    const ana = await stack.clientAs(ANA);
    await maya.emergency.setContact.mutate({ name: 'Rosa Lopez', phone: '+12125550188', relation: 'Sister', email: 'rosa@example.com' });
    await stack.deps.db.update(users).set({ phone: '+12125550177' }).where(eq(users.email, ANA));
    await ana.notifications.savePreferences.mutate({ smsConsent: true });

    for (const kind of ['phone', 'desktop'] as const) {
      const booking = await confirmedBookingFor(stack, MAYA, SAM);
      const sam = await stack.clientAs(SAM);
      try {
        setClock(stack, new Date(booking.startsAt).getTime() - 20 * 60_000);
        await sam.lifecycle.onMyWay.mutate({ id: booking.id });
      } finally {
        resetClock(stack);
      }
      const { context, page } = await newSitePage(browser, kind);
      await signInOnSite(page, sandbox.webUrl, MAYA, `/bookings/${booking.id}`);
      await page.locator('[data-testid=emergency]').waitFor();
      await page.click('[data-testid=emergency-open]');
      await page.locator('[data-testid=emergency-confirm]').waitFor();
      await page.fill('[data-testid=emergency-reason]', 'The provider is shouting and will not leave');
      await shot(page, 'emergency', `confirm-${kind}`);
      await page.click('[data-testid=emergency-send]');
      await page.locator('[data-testid=emergency-sent]').waitFor();
      await page.locator('[data-testid=emergency-alerts]').waitFor();
      await shot(page, 'emergency', `sent-${kind}`);

      // Within seconds: SMS and email to Sam's side, Maya's contact and the operator (the emulators' logs).
      const sms = sandbox.stack.emulators.emulators.twilio;
      const mail = sandbox.stack.emulators.emulators.resend;
      await expect
        .poll(
          () => ({
            contactSms: sms.messages.filter((m) => m.to === '+12125550188' && m.body.includes(booking.reference)).length,
            operatorSms: sms.messages.filter((m) => m.to === '+12125550177' && m.body.includes(booking.reference)).length,
            contactMail: mail.emails.filter((e) => e.to.includes('rosa@example.com') && e.text?.includes(booking.reference)).length,
            operatorMail: mail.emails.filter(
              (e) => e.to.includes(ANA) && /EMERGENCY/.test(e.subject) && e.text?.includes(booking.reference),
            ).length,
            providerMail: mail.emails.filter(
              (e) => e.to.includes(SAM) && /EMERGENCY/.test(e.subject) && e.text?.includes(booking.reference),
            ).length,
          }),
          { timeout: 10_000 },
        )
        .toEqual({ contactSms: 1, operatorSms: 1, contactMail: 1, operatorMail: 1, providerMail: 1 });
      await context.close();
    }
    const { alerts } = await ana.emergency.alerts.query({ status: 'active' });
    expect(alerts.filter((a) => a.reason === 'The provider is shouting and will not leave')).toHaveLength(2);
  });

  it('Emergency on the desk job screen: the provider confirms with a reason and the operator sees the alert', async () => {
    const stack = sandbox.stack;
    const sam = await stack.clientAs(SAM);
    await sam.emergency.setContact.mutate({ name: 'Ada Okafor', phone: '+12125550166', relation: 'Sister' });
    for (const kind of ['phone', 'desktop'] as const) {
      const booking = await confirmedBookingFor(stack, MAYA, SAM);
      try {
        setClock(stack, new Date(booking.startsAt).getTime() - 20 * 60_000);
        await sam.lifecycle.onMyWay.mutate({ id: booking.id });
      } finally {
        resetClock(stack);
      }
      const desk = await openDesk(browser, sandbox, { kind, email: SAM, route: `#/bookings/${booking.id}` });
      await desk.page.locator('[data-testid=desk-emergency]').waitFor();
      await desk.page.click('[data-testid=desk-emergency-open]');
      await desk.page.fill('[data-testid=desk-emergency-reason]', 'A dog bit me; I left the property');
      await shot(desk.page, 'emergency', `desk-confirm-${kind}`);
      await desk.page.click('[data-testid=desk-emergency-send]');
      await desk.page.locator('[data-testid=desk-emergency-sent]').waitFor();
      await shot(desk.page, 'emergency', `desk-sent-${kind}`);
      await expect
        .poll(
          () =>
            stack.emulators.emulators.twilio.messages.filter((m) => m.to === '+12125550166' && m.body.includes(booking.reference)).length,
          {
            timeout: 10_000,
          },
        )
        .toBe(1);
      await desk.context.close();
    }
    const { alerts } = await (await stack.clientAs(ANA)).emergency.alerts.query({ status: 'active' });
    expect(alerts.filter((a) => a.reason === 'A dog bit me; I left the property' && a.side === 'provider')).toHaveLength(2);
  });
});
