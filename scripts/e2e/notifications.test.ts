import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '@handled/db/schema';
import { eventually } from '@handled/testing';
import { confirmedBookingFor, resetClock, setClock } from '@handled/testing/fixtures';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { shot, shotsDir } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { openDesk, useSandbox } from './session.ts';
import { newSitePage, signIn } from './site-helpers.ts';

/**
 * Issue 16 (notifications), as people see them: a confirmation and an "on my way" reach Maya by
 * email (the mailbox), text (the SMS log), push (the push service's log) and the notification
 * centre (the bell on the site), and Sam's desk has its bell. Her /account has the choices, text
 * consent and quiet hours. Screenshots at 390 and 1280 px: screenshots/notifications-{phone,desktop}/.
 */
const MAYA = 'maya@demo.handled.test';
const SAM = 'sam@demo.handled.test';
const PHONE = '+12125550188';
let sandbox: Sandbox;
let browser: Browser;

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});

/** Neither the page nor the notification choices scroll sideways at this width. */
async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    choices: [...document.querySelectorAll('[data-testid=notification-choices]')].map((el) => el.scrollWidth - el.clientWidth),
  }));
  expect(widths.page, `page ${widths.page} px wide in a ${widths.inner} px window`).toBeLessThanOrEqual(widths.inner);
  expect(widths.choices.length).toBeGreaterThan(0);
  for (const over of widths.choices) expect(over).toBeLessThanOrEqual(0);
}

describe('notifications on every channel', () => {
  it('mailbox, SMS log, push and the notification centre, on a phone and a desktop', async () => {
    const { stack } = sandbox;
    await stack.deps.db.update(users).set({ phone: PHONE }).where(eq(users.email, MAYA));
    const maya = await stack.clientAs(MAYA);
    await maya.notifications.savePreferences.mutate({ smsConsent: true });
    const device = (await (
      await fetch(`${stack.emulatorsUrl}/_/push/devices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: "Maya's phone" }),
      })
    ).json()) as { endpoint: string; keys: { p256dh: string; auth: string } };
    await maya.push.subscribe.mutate({ endpoint: device.endpoint, keys: device.keys });

    const booking = await confirmedBookingFor(stack, MAYA, SAM);
    const sam = await stack.clientAs(SAM);
    try {
      setClock(stack, new Date(booking.startsAt).getTime() - 30 * 60_000);
      await sam.lifecycle.onMyWay.mutate({ id: booking.id });
      await eventually(async () => {
        const texts = stack.emulators.emulators.twilio.messages.filter((m) => m.to === PHONE && m.body.includes('on the way'));
        if (texts.length !== 1) throw new Error(`texts: ${texts.length}`);
      }, 30_000);
    } finally {
      resetClock(stack);
    }
    const confirmation = await eventually(async () => {
      const mail = stack.emulators.emulators.resend.emails.find(
        (e) => e.to.includes(MAYA) && e.text?.includes(booking.reference) && /confirmed/i.test(e.subject),
      );
      if (!mail) throw new Error('no confirmation email');
      return mail;
    });
    await eventually(async () => {
      if (!stack.emulators.emulators.push.data.received.some((r) => r.payload?.includes(booking.id))) throw new Error('no push');
    });

    for (const kind of ['phone', 'desktop'] as const) {
      const group = `notifications-${kind}`;
      const { context, page } = await newSitePage(browser, kind);
      // The email as Maya reads it: one layout, the time in her zone with the zone named, the invite.
      await page.goto(`${stack.emulatorsUrl}/_/mailbox/${confirmation.id}/html`);
      expect(await page.locator('body').innerText()).toContain('New York time');
      await shot(page, group, '01-email-confirmed');
      await page.goto(`${stack.emulatorsUrl}/_/mailbox/${confirmation.id}`);
      await shot(page, group, '02-mailbox-message');
      await page.goto(`${stack.emulatorsUrl}/_/sms?to=${encodeURIComponent(PHONE)}`);
      expect(await page.locator('body').innerText()).toContain('on the way');
      await shot(page, group, '03-sms-log');
      await page.goto(`${stack.emulatorsUrl}/_/push`);
      expect(await page.locator('body').innerText()).toMatch(/confirmed/i);
      await shot(page, group, '04-push');

      // The bell on the site, then the centre.
      await signIn(page, sandbox.webUrl, MAYA);
      await page.goto(`${sandbox.webUrl}/`);
      await page.locator('[data-testid=nav-notifications-unread]').waitFor();
      await shot(page, group, '05-site-bell');
      await page.click('[data-testid=nav-notifications]');
      await page.locator('[data-testid=centre-item]').first().waitFor();
      await shot(page, group, '06-site-centre');
      await page.goto(`${sandbox.webUrl}/account#notifications`);
      await page.locator('[data-testid=sms-consent]').waitFor();
      expect(await page.locator('[data-testid=sms-consent]').isChecked()).toBe(true);
      // The section itself (the whole account page is long).
      mkdirSync(resolve(shotsDir, group), { recursive: true });
      await page.evaluate(() => window.scrollTo(0, 0));
      const box = await page.locator('#notifications').boundingBox();
      if (!box) throw new Error('no notifications section');
      await page.screenshot({ path: resolve(shotsDir, group, '07-account-notifications.png'), fullPage: true, clip: box });
      // The choices fit the width: nothing scrolls sideways, on the page or inside the card; each
      // switch is a checkbox named by its channel inside a group named by the event group.
      await expectNoSidewaysScroll(page);
      const bookingsSms = page.getByRole('group', { name: 'Bookings' }).getByRole('checkbox', { name: 'SMS', exact: true });
      expect(await bookingsSms.isVisible()).toBe(true);
      expect(
        await page
          .getByRole('checkbox')
          .filter({ has: page.locator('xpath=ancestor::fieldset[@data-testid]') })
          .count(),
      ).toBe(20);
      if (kind === 'phone') {
        // Stacked: the channel names are shown beside each switch.
        expect(await page.locator('[data-testid=choices-bookings] label').first().innerText()).toBe('Email');
        // The narrowest phones too.
        await page.setViewportSize({ width: 360, height: 780 });
        await expectNoSidewaysScroll(page);
        const narrow = await page.locator('#notifications').boundingBox();
        if (!narrow) throw new Error('no notifications section at 360 px');
        await page.screenshot({ path: resolve(shotsDir, group, '07b-account-notifications-360.png'), fullPage: true, clip: narrow });
      } else {
        // In columns under one row of channel names.
        const columns = await page
          .locator('[data-testid=choices-bookings] input[type=checkbox]')
          .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
        expect(new Set(columns).size).toBe(1);
      }
      await context.close();

      // Sam's desk: the bell in the navigation and the centre.
      const desk = await openDesk(browser, sandbox, { kind, email: SAM, route: '#/notifications' });
      await desk.page.locator('[data-testid=desk-centre-item]').first().waitFor();
      await shot(desk.page, group, '08-desk-centre');
      await desk.page.goto(`${sandbox.deskUrl}/#/settings`);
      await desk.page.locator('[data-testid=desk-quiet-on]').waitFor();
      const choices = await desk.page.locator('[data-testid=notification-choices]').boundingBox();
      if (!choices) throw new Error('no notification choices in the desk');
      await desk.page.screenshot({ path: resolve(shotsDir, group, '09-desk-settings.png'), fullPage: true, clip: choices });
      await expectNoSidewaysScroll(desk.page);
      await desk.context.close();
    }
  }, 240_000);
});
