import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '@handled/db/schema';
import { confirmedBookingFor } from '@handled/testing/fixtures';
import { formatTime } from '@handled/core/time-in-zone';
import { shot, viewports } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { openDesk, useSandbox } from './session.ts';
import { seriousA11yViolations } from './site-helpers.ts';

/**
 * Messages in the desk: Maya writes to Sam about a booking (through the API, as the site or the
 * bot would); Sam sees the unread badge, opens the thread (which marks it read), replies with
 * the keyboard; Maya reads the reply through the API. Then the narrow (900 px) window, a message
 * arriving while the thread is open, and the thread panel on the booking page.
 */
const SAM = 'sam@demo.handled.test';
const MAYA = 'maya@demo.handled.test';
const BROWSER_ZONE = 'Asia/Tokyo';
let sandbox: Sandbox;
let browser: Browser;

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});

function deskAs(
  email: string,
  route: string,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page }> {
  // The computer's clock is set to Tokyo: the desk still shows times in the provider's own zone.
  // bypassCSP: axe-core is injected as an inline script, which the desk's CSP (rightly) refuses.
  return openDesk(browser, sandbox, { kind: 'desktop', email, route, context: { viewport, timezoneId: BROWSER_ZONE, bypassCSP: true } });
}

const badge = (page: Page) =>
  page
    .locator('[data-testid=message-count]')
    .textContent({ timeout: 1_000 })
    .catch(() => null);

describe('desk: messages with a client', () => {
  it('badge → open thread (read) → reply with Enter → the client reads it; narrow window; live arrival; booking panel', async () => {
    const booking = await confirmedBookingFor(sandbox.stack, MAYA, SAM);
    const maya = await sandbox.stack.clientAs(MAYA);
    const sam = await sandbox.stack.clientAs(SAM);
    const { unread: before } = await sam.messages.unreadCount.query({});

    await maya.messages.send.mutate({ bookingId: booking.id, body: 'Hi Sam! The buzzer is broken.\nPlease call me when you get here.' });
    await maya.messages.send.mutate({ bookingId: booking.id, body: 'Parking is free on Sundays, by the way.' });
    expect((await sam.messages.unreadCount.query({})).unread).toBe(before + 2);

    // The badge on the sidebar, on whatever screen Sam is.
    const { context, page } = await deskAs(SAM, '#/requests', viewports.desktop);
    await expect.poll(() => badge(page), { timeout: 20_000 }).toBe(String(before + 2));
    expect(await page.locator('[data-testid=message-count]').getAttribute('aria-label')).toBe(`${before + 2} unread messages`);

    // The inbox: Maya's thread, unread, newest activity first.
    await page.click('a[href="#/messages"]');
    const row = page.locator(`[data-testid=thread-row][data-thread="${booking.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('data-unread')).toBe('2');
    expect(await page.locator('[data-testid=thread-row]').first().getAttribute('data-thread')).toBe(booking.id);
    expect(await row.textContent()).toContain('Parking is free on Sundays');
    await shot(page, 'desk-messages-desktop', '01-inbox');

    // Opening it shows both messages after the "New" divider and marks them read: the badge drops.
    await row.click();
    const log = page.locator('[data-testid=message-log]');
    await log.waitFor({ timeout: 15_000 });
    await expect.poll(() => log.locator('[data-testid=message][data-mine=false]').count()).toBe(2);
    expect(await page.locator('[data-testid=new-divider]').count()).toBe(1);
    expect(await page.locator('[data-testid=thread-name]').textContent()).toContain('Maya');
    // Times in Sam's zone, not the computer's.
    const [samRow] = await sandbox.stack.deps.db.select().from(users).where(eq(users.email, SAM));
    const lastFromMaya = (await sam.messages.thread.query({ bookingId: booking.id })).messages.at(-1)!;
    expect(formatTime(lastFromMaya.sentAt, samRow!.timeZone)).not.toBe(formatTime(lastFromMaya.sentAt, BROWSER_ZONE));
    expect(await log.locator('time').first().textContent()).toBe(formatTime(lastFromMaya.sentAt, samRow!.timeZone));
    await expect.poll(async () => (await sam.messages.unreadCount.query({})).unread, { timeout: 15_000 }).toBe(before);
    await expect.poll(() => badge(page), { timeout: 15_000 }).toBe(before ? String(before) : null);
    expect(await row.getAttribute('data-unread')).toBe('0');
    await shot(page, 'desk-messages-desktop', '02-thread-open');

    // The reply, typed: Shift+Enter breaks the line, Enter sends.
    const input = page.locator('[data-testid=composer-input]');
    await input.focus();
    await page.keyboard.type('Got it, I will call from the street.');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('See you at the start time.');
    expect(await input.inputValue()).toBe('Got it, I will call from the street.\nSee you at the start time.');
    await page.keyboard.press('Enter');
    const mine = log.locator('[data-testid=message][data-mine=true]');
    await mine.first().waitFor({ timeout: 15_000 });
    expect(await input.inputValue()).toBe('');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('composer-input');
    expect(await mine.first().locator('.bubble').textContent()).toBe('Got it, I will call from the street.\nSee you at the start time.');

    // Maya sees the reply through the API; her messages are read, the reply is not yet.
    const mayaView = await maya.messages.thread.query({ bookingId: booking.id });
    const reply = mayaView.messages.at(-1);
    expect(reply).toMatchObject({
      mine: false,
      senderName: expect.stringContaining('Sam'),
      body: 'Got it, I will call from the street.\nSee you at the start time.',
      readAt: null,
    });
    expect(mayaView.messages.filter((m) => m.mine).every((m) => m.readAt !== null)).toBe(true);
    expect((await maya.messages.unreadCount.query({})).unread).toBeGreaterThanOrEqual(1);

    // Maya reads it: Sam's thread says "Seen" after its next refresh.
    await maya.messages.markRead.mutate({ bookingId: booking.id });
    await page.locator('[data-testid=seen]').waitFor({ timeout: 20_000 });

    // Markup is refused with the API's words, and the draft stays to be fixed.
    await input.fill('<b>hello</b>');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=composer-error]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid=composer-error]').textContent()).toMatch(/plain text/i);
    expect(await input.inputValue()).toBe('<b>hello</b>');
    await input.fill('');
    expect(await page.locator('[data-testid=composer-error]').count()).toBe(0);
    await shot(page, 'desk-messages-desktop', '03-replied');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A 900 px window: one pane at a time, with a way back to the list.
    await page.setViewportSize({ width: 900, height: 800 });
    await expect.poll(() => page.locator('[data-testid=thread-list]').isVisible()).toBe(false);
    expect(await input.isVisible()).toBe(true);
    await shot(page, 'desk-messages-900', '01-thread');

    // A message arriving while the thread is open shows within a poll, read at once (the window is visible).
    await maya.messages.send.mutate({ bookingId: booking.id, body: 'Perfect, thank you!' });
    await expect.poll(() => log.locator('[data-testid=message][data-mine=false]').count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(async () => (await sam.messages.unreadCount.query({})).unread, { timeout: 15_000 }).toBe(before);

    // Back to the list, keyboard focus lands on the conversation just left; Enter opens it again.
    const focused = (attr: string) => page.evaluate((a) => document.activeElement?.getAttribute(a), attr);
    await page.click('a[aria-label="All conversations"]');
    await page.locator('[data-testid=thread-list]').waitFor();
    expect(await page.locator('[data-testid=composer-input]').count()).toBe(0);
    await expect.poll(() => focused('data-thread')).toBe(booking.id);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused('data-testid')).toBe('thread-name');
    await page.click('a[aria-label="All conversations"]');
    await expect.poll(() => focused('data-thread')).toBe(booking.id);
    // Arrow keys move between conversations.
    await page.locator('[data-testid=thread-row]').first().focus();
    if ((await page.locator('[data-testid=thread-row]').count()) > 1) {
      await page.keyboard.press('ArrowDown');
      expect(await focused('data-thread')).toBe(await page.locator('[data-testid=thread-row]').nth(1).getAttribute('data-thread'));
    }
    await shot(page, 'desk-messages-900', '02-inbox');

    // The booking page carries the same thread, and a reply there reaches Maya too.
    await page.setViewportSize(viewports.desktop);
    await page.goto(`${sandbox.deskUrl}/#/bookings/${booking.id}`);
    const panel = page.locator('[data-testid=booking-messages]');
    await expect.poll(() => panel.locator('[data-testid=message]').count(), { timeout: 20_000 }).toBe(4);
    // A draft outlives the booking page's own refresh.
    await panel.locator('[data-testid=composer-input]').fill('One more thing: I will bring the spare cartridge.');
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('bookings.get')),
      page.evaluate(() => window.dispatchEvent(new Event('focus'))),
    ]);
    await page.waitForTimeout(300);
    expect(await panel.locator('[data-testid=composer-input]').inputValue()).toBe('One more thing: I will bring the spare cartridge.');
    await panel.locator('[data-testid=composer-send]').click();
    await expect
      .poll(async () => (await maya.messages.thread.query({ bookingId: booking.id })).messages.at(-1)?.body, { timeout: 15_000 })
      .toBe('One more thing: I will bring the spare cartridge.');
    await shot(page, 'desk-messages-desktop', '04-booking-panel');

    // In a 900 px window the panel sits below the job's details: a new message is not marked
    // read until Sam scrolls to it.
    await page.setViewportSize({ width: 900, height: 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await maya.messages.send.mutate({ bookingId: booking.id, body: 'Great, see you then.' });
    await expect.poll(() => panel.locator('[data-testid=message]').count(), { timeout: 20_000 }).toBe(6);
    expect(await panel.isVisible()).toBe(true);
    expect(await panel.evaluate((el) => el.getBoundingClientRect().top > window.innerHeight)).toBe(true);
    expect((await sam.messages.unreadCount.query({})).unread).toBe(before + 1);
    await panel.scrollIntoViewIfNeeded();
    await expect.poll(async () => (await sam.messages.unreadCount.query({})).unread, { timeout: 15_000 }).toBe(before);
    await shot(page, 'desk-messages-900', '03-booking-panel');

    // A phone-sized window: the tab bar keeps the badge's place, the thread fits above it.
    await page.setViewportSize(viewports.phone);
    await page.goto(`${sandbox.deskUrl}/#/messages/${booking.id}`);
    await page.locator('[data-testid=message-log]').waitFor({ timeout: 15_000 });
    await shot(page, 'desk-messages-phone', '01-thread');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'desk-messages-phone', '02-thread-dark');
    await context.close();
  });
});
