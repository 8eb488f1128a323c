import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { messages } from '@handled/db/schema';
import { createBookingFor } from '@handled/testing/fixtures';
import { shot } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { useSandbox } from './session.ts';
import { newSitePage, seriousA11yViolations } from './site-helpers.ts';
import { signInOnSite } from './site-steps.ts';

/** Maya and her provider talk about a booking: the site's inbox and thread, with and without JS. */
let sandbox: Sandbox;
let browser: Browser;
let bookingId: string;
const MAYA = 'maya@demo.handled.test';
const SAM = 'sam@demo.handled.test';

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});
beforeAll(async () => {
  bookingId = (await createBookingFor(sandbox.stack, MAYA, SAM)).id;
});

async function bodiesOnPage(page: Page): Promise<string[]> {
  return page.locator('[data-testid=message]:not([data-pending]) [data-testid=message-body]').allInnerTexts();
}

/** The newest message is inside the scroller's visible box (the thread opens and stays at the bottom). */
async function newestInView(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const list = document.querySelector('[data-testid=message-list]')!.getBoundingClientRect();
    const all = document.querySelectorAll('[data-testid=message]');
    const last = all[all.length - 1]?.getBoundingClientRect();
    return !!last && last.bottom <= list.bottom + 1 && last.top >= list.top - 1;
  });
}

describe('messages on the client site', () => {
  it('Maya messages the provider, sees the reply arrive, and the unread badge', async () => {
    const sam = await sandbox.stack.clientAs(SAM);
    const { context, page } = await newSitePage(browser, 'desktop');
    await signInOnSite(page, sandbox.webUrl, MAYA, '/messages');

    // The booking is in the inbox before anyone has written.
    const row = page.locator(`[data-testid=thread][data-booking-id="${bookingId}"]`);
    await expect.poll(() => row.locator('[data-testid=thread-preview]').innerText()).toMatch(/No messages yet/);
    await Promise.all([page.waitForURL(`**/messages/${bookingId}`), row.click()]);
    await page.locator('[data-testid=thread-empty]').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.fill('[data-testid=message-input]', 'Hi Sam, the building has no lift — fourth floor. Is that OK?');
    await page.click('[data-testid=send]');
    await expect.poll(() => bodiesOnPage(page)).toEqual(['Hi Sam, the building has no lift — fourth floor. Is that OK?']);
    expect(await page.inputValue('[data-testid=message-input]')).toBe('');
    expect(page.url()).toMatch(new RegExp(`/messages/${bookingId}$`));
    const seenBySam = await sam.messages.thread.query({ bookingId });
    expect(seenBySam.messages.map((m) => [m.body.slice(0, 6), m.mine])).toEqual([['Hi Sam', false]]);

    // Sam answers from his side; the open thread picks it up by itself and stays at the bottom.
    await sam.messages.send.mutate({ bookingId, body: 'No problem at all. I will bring the small ladder.' });
    await expect
      .poll(() => bodiesOnPage(page), { timeout: 25_000, interval: 500 })
      .toEqual(['Hi Sam, the building has no lift — fourth floor. Is that OK?', 'No problem at all. I will bring the small ladder.']);
    expect(await page.locator('[data-testid=message][data-mine=false]').count()).toBe(1);
    expect(await newestInView(page)).toBe(true);
    // Opened while on screen: read, so nothing waits for Maya.
    await expect
      .poll(async () => (await (await sandbox.stack.clientAs(MAYA)).messages.unreadCount.query({})).unread, { timeout: 15_000 })
      .toBe(0);
    // Her message was read by Sam when he opened his side.
    await sam.messages.markRead.mutate({ bookingId });

    // A longer conversation still opens at the newest message. Maya is elsewhere while Sam writes it
    // (an open thread reads what arrives, and how much arrived before she left depended on timing).
    await page.goto(`${sandbox.webUrl}/search`);
    for (let i = 1; i <= 12; i++)
      await sam.messages.send.mutate({
        bookingId,
        body: `Checklist item ${i}: ${'bring the right washers and spare parts. '.repeat((i % 3) + 1)}`,
      });
    await page.goto(`${sandbox.webUrl}/search`);
    // Elsewhere on the site, the nav shows what waits for her.
    await expect.poll(() => page.locator('[data-testid=nav-unread]').innerText()).toBe('12');
    await page.goto(`${sandbox.webUrl}/messages`);
    expect(await row.locator('[data-testid=thread-unread]').innerText()).toMatch(/^12/);
    expect(await row.locator('[data-testid=thread-preview]').innerText()).toMatch(/^Checklist item 12/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'site-desktop', 'messages-inbox');

    await Promise.all([page.waitForURL(`**/messages/${bookingId}`), row.click()]);
    await expect.poll(() => bodiesOnPage(page)).toHaveLength(14);
    expect(await newestInView(page)).toBe(true);
    await expect.poll(() => page.locator('[data-testid=nav-unread]').count()).toBe(0);
    expect(await page.locator('[data-testid=read-receipt]').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'site-desktop', 'messages-thread');
    await context.close();
  });

  it('looks right on a phone', async () => {
    const { context, page } = await newSitePage(browser, 'phone');
    await signInOnSite(page, sandbox.webUrl, MAYA, '/messages');
    await shot(page, 'site-phone', 'messages-inbox');
    await Promise.all([
      page.waitForURL(`**/messages/${bookingId}`),
      page.locator(`[data-testid=thread][data-booking-id="${bookingId}"]`).click(),
    ]);
    await page.locator('[data-testid=message]').first().waitFor();
    expect(await newestInView(page)).toBe(true);
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'site-phone', 'messages-thread');
    await context.close();
    // The header with its extra Messages link still fits the narrowest phones we support.
    const narrow = await newSitePage(browser, 'phone', { viewport: { width: 360, height: 780 } });
    await signInOnSite(narrow.page, sandbox.webUrl, MAYA, '/messages');
    expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await narrow.context.close();
  });

  it('sends without JavaScript, keeps what was typed on an error, and refuses markup', async () => {
    const { context, page } = await newSitePage(browser, 'desktop', { javaScriptEnabled: false });
    await signInOnSite(page, sandbox.webUrl, MAYA, `/messages/${bookingId}`);
    const before = (await sandbox.stack.deps.db.select().from(messages).where(eq(messages.bookingId, bookingId))).length;

    await page.fill('[data-testid=message-input]', 'Sent with JavaScript off.');
    await Promise.all([page.waitForURL(`**/messages/${bookingId}`), page.click('[data-testid=send]')]);
    expect((await bodiesOnPage(page)).at(-1)).toBe('Sent with JavaScript off.');
    // The send redirected (post/redirect/get): a reload does not send it again.
    await page.reload();
    expect((await sandbox.stack.deps.db.select().from(messages).where(eq(messages.bookingId, bookingId))).length).toBe(before + 1);

    await page.fill('[data-testid=message-input]', 'Is <script>alert(1)</script> fine?');
    await page.click('[data-testid=send]');
    await page.locator('[data-testid=send-error]').waitFor();
    expect(await page.locator('[data-testid=send-error]').innerText()).toMatch(/plain text/);
    expect(await page.inputValue('[data-testid=message-input]')).toBe('Is <script>alert(1)</script> fine?');
    expect((await sandbox.stack.deps.db.select().from(messages).where(eq(messages.bookingId, bookingId))).length).toBe(before + 1);
    await shot(page, 'site-desktop', 'messages-thread-nojs-error');
    await context.close();
  });
});
