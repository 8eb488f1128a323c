import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { localDate } from '@handled/core/time-in-zone';
import { completedBookingFor, confirmedBookingFor, resetClock, setClock } from '@handled/testing/fixtures';
import { shot } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { openDesk, useSandbox } from './session.ts';
import { signInOnSite } from './site-steps.ts';

/**
 * Issue 19: a provider's working day in the desk. Today → the next job → directions → on my way →
 * the connection drops → start, the checklist, a photo dropped in, notes, complete — all kept on
 * this computer, still there after a restart — → back online → each sent once, in order, and the
 * client sees the job done. A cancellation while offline is explained. Job history search; a deep
 * link handed over by the Electron main process opens a booking.
 */
const SAM = 'sam@demo.handled.test';
const MAYA = 'maya@demo.handled.test';
const LEO = 'leo@demo.handled.test';
const MIN = 60_000;
const wide = { width: 1920, height: 1080 };
let sandbox: Sandbox;
let browser: Browser;

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});
afterAll(() => {
  if (sandbox) resetClock(sandbox.stack);
});

const desk = (route: string, extra: Parameters<typeof openDesk>[2]['context'] = {}) =>
  openDesk(browser, sandbox, { kind: 'desktop', email: SAM, route, context: extra });
const status = (page: Page) => page.locator('[data-testid=booking-status]').first().getAttribute('data-status');

/** Shoots at 1280×800, then at 1920×1080, and back. */
async function shoot(page: Page, name: string) {
  await shot(page, 'desk-day-1280', name);
  await page.setViewportSize(wide);
  await shot(page, 'desk-day-1920', name);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** A real JPEG drawn by the page's canvas, dropped on the photo box as a file would be from the desktop. */
async function dropPhoto(page: Page, target: string, name: string) {
  await page.evaluate(
    async ({ target, name }) => {
      const c = document.createElement('canvas');
      c.width = 640;
      c.height = 480;
      const ctx = c.getContext('2d')!;
      ctx.fillStyle = '#0e6b5c';
      ctx.fillRect(0, 0, 640, 480);
      ctx.fillStyle = '#fff';
      ctx.fillRect(120, 120, 400, 240);
      const blob = await new Promise<Blob>((ok) => c.toBlob((b) => ok(b!), 'image/jpeg', 0.9));
      const dt = new DataTransfer();
      dt.items.add(new File([blob], name, { type: 'image/jpeg' }));
      const el = document.querySelector(target)!;
      el.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { target, name },
  );
}

describe('desk: a working day', () => {
  it('Today → job → directions → on my way → offline: start, checklist, photo, notes, complete (kept over a restart) → online: sent once, in order; the client sees it', async () => {
    const stack = sandbox.stack;
    const booking = await confirmedBookingFor(stack, MAYA, SAM);
    // A second job after it (Sam's next free time): on the same day there is a travel gap between them.
    const second = await confirmedBookingFor(stack, LEO, SAM);
    const start = Date.parse(booking.startsAt);
    setClock(stack, start - 30 * MIN);
    const sameDay = localDate(second.startsAt, booking.timeZone) === localDate(booking.startsAt, booking.timeZone);
    const samApi = await stack.clientAs(SAM);
    const maya = await stack.clientAs(MAYA);

    // Today: the job is the next one, with its directions.
    const { context, page } = await desk('#/today');
    const next = page.locator('[data-testid=next-job]');
    await next.waitFor({ timeout: 20_000 });
    await expect.poll(() => next.getAttribute('data-booking-id'), { timeout: 20_000 }).toBe(booking.id);
    expect(await next.textContent()).toMatch(/Starts in (29|30) min/);
    await expect.poll(() => page.locator('[data-testid=today-job]').count()).toBeGreaterThanOrEqual(sameDay ? 2 : 1);
    expect(await page.locator('[data-testid=travel-gap]').count()).toBe(sameDay ? 1 : 0);
    await shoot(page, '01-today');

    await page.click('[data-testid=open-next-job]');
    await page.locator('[data-testid=job-panel]').waitFor({ timeout: 20_000 });
    const google = await page.locator('[data-testid=directions-link][data-map="Google Maps"]').first().getAttribute('href');
    expect(google).toMatch(/^https:\/\/www\.google\.com\/maps\/dir\/\?api=1&destination=/);
    expect(decodeURIComponent(google!)).toContain(booking.address.line1);
    expect(await page.locator('[data-testid=directions-link][data-map=OpenStreetMap]').first().getAttribute('href')).toMatch(
      /^https:\/\/www\.openstreetmap\.org\//,
    );
    expect(await page.locator('[data-testid=directions-link][data-map="Apple Maps"]').first().getAttribute('href')).toMatch(
      /^https:\/\/maps\.apple\.com\/\?daddr=/,
    );
    // Complete is a button the machine keeps closed until the job is under way, and says so.
    expect(await page.locator('[data-testid=complete-job]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid=step][data-command=complete] [data-testid=step-reason]').textContent()).toMatch(
      /Start the job first/,
    );
    await shoot(page, '02-job');

    await page.click('[data-testid=on-my-way]');
    await page.locator('[data-testid=on-my-way-at]').waitFor({ timeout: 15_000 });

    // The connection drops. Everything still works, kept on this computer.
    await context.setOffline(true);
    await page.click('[data-testid=start-job]');
    await page.locator('[data-testid=start-queued]').waitFor();
    await page.locator('[data-testid=complete-form]').waitFor();
    const items = page.locator('[data-testid=checklist-item]');
    const n = await items.count();
    expect(n).toBeGreaterThanOrEqual(2);
    await items.nth(0).check();
    await items.nth(1).check();
    await shot(page, 'desk-day-1280', '03-offline-two-items');
    for (let i = 2; i < n; i++) await items.nth(i).check();
    await dropPhoto(page, '[data-testid=photo-drop-after]', 'after-tap.jpg');
    await page.locator('[data-testid=photos-after] [data-testid=photo-waiting]').waitFor();
    await page.fill('#actual-hours', '2.5');
    await page.fill('#notes', 'Replaced the washer; no more drips.');
    await page.locator('#notes').blur();
    await page.click('[data-testid=complete-job]');
    await page.locator('[data-testid=complete-queued]').waitFor();
    const queued = 1 + n + 1 + 1 + 1; // start, each item, the photo, the notes, complete
    await expect.poll(() => page.locator('[data-testid=job-sync]').getAttribute('data-pending')).toBe(String(queued));
    expect(await page.locator('[data-testid=sync-status]').getAttribute('data-state')).toBe('offline');
    expect(await page.locator('[data-testid=sync-status]').getAttribute('data-waiting')).toBe(String(queued));
    await shoot(page, '04-offline-all-queued');
    // Nothing reached Handled yet.
    expect((await samApi.bookings.get.query({ id: booking.id })).status).toBe('confirmed');

    // A restart with the network up but Handled out of reach (the Electron app loads its own files):
    // the queue, the notes and the job are all still there.
    await context.route(`${stack.apiUrl}/**`, (r) => r.abort('internetdisconnected'));
    await context.setOffline(false);
    await page.reload();
    await page.locator('[data-testid=job-panel]').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('[data-testid=job-sync]').getAttribute('data-pending')).toBe(String(queued));
    await expect
      .poll(() => page.locator('[data-testid=job-panel]').textContent(), { timeout: 10_000 })
      .toContain('Replaced the washer; no more drips.');
    await page.locator('[data-testid=complete-queued]').waitFor();
    expect(await page.locator('[data-testid=offline-note]').count()).toBe(1);
    await shot(page, 'desk-day-1280', '05-restarted-offline');

    // Back online: sent in order, once; the job turns Completed.
    await context.unroute(`${stack.apiUrl}/**`);
    await expect.poll(() => page.locator('[data-testid=job-sync]').getAttribute('data-pending'), { timeout: 45_000 }).toBe('0');
    await expect.poll(() => status(page), { timeout: 20_000 }).toBe('completed');
    await page.locator('[data-testid=completed-at]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid=photos-after] [data-testid=photo-thumb] img').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid=sync-status]').getAttribute('data-state')).toBe('saved');
    await shoot(page, '06-synced');

    const view = await samApi.bookings.get.query({ id: booking.id });
    const types = view.timeline.map((e) => e.type);
    for (const t of ['booking.on_my_way', 'booking.started', 'booking.completed'])
      expect(
        types.filter((x) => x === t),
        t,
      ).toHaveLength(1);
    expect(types.indexOf('booking.on_my_way')).toBeLessThan(types.indexOf('booking.started'));
    expect(types.indexOf('booking.started')).toBeLessThan(types.indexOf('booking.completed'));
    const job = await samApi.lifecycle.job.query({ id: booking.id });
    expect(job.checklist.every((c) => c.done)).toBe(true);
    expect(job.actualHours).toBe(2.5);
    expect(job.completionNotes).toBe('Replaced the washer; no more drips.');
    const photos = await samApi.attachments.list.query({ id: booking.id });
    expect(photos.filter((p) => p.kind === 'after')).toHaveLength(1);

    // The client sees it: done, with the photo and the notes.
    expect((await maya.bookings.get.query({ id: booking.id })).status).toBe('completed');
    expect((await maya.attachments.list.query({ id: booking.id })).filter((p) => p.kind === 'after')).toHaveLength(1);
    expect((await maya.lifecycle.job.query({ id: booking.id })).completionNotes).toBe('Replaced the washer; no more drips.');
    const site = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      timezoneId: 'America/New_York',
      locale: 'en-US',
    });
    const mp = await site.newPage();
    await signInOnSite(mp, sandbox.webUrl, MAYA, `/bookings/${booking.id}`);
    await mp.waitForLoadState('networkidle');
    expect(await mp.textContent('body')).toContain('Replaced the washer');
    await shot(mp, 'desk-day-1280', '07-client-sees-it');
    await site.close();
    await context.close();
  });

  it('a client cancelling while the provider is offline is explained, and nothing is sent past it', async () => {
    const stack = sandbox.stack;
    const booking = await confirmedBookingFor(stack, MAYA, SAM);
    setClock(stack, Date.parse(booking.startsAt) - 30 * MIN);
    const { context, page } = await desk(`#/bookings/${booking.id}`);
    await page.locator('[data-testid=job-panel]').waitFor({ timeout: 20_000 });
    await context.setOffline(true);
    await page.click('[data-testid=start-job]');
    await page.locator('[data-testid=start-queued]').waitFor();
    await page.locator('[data-testid=checklist-item]').first().check();
    // Meanwhile, Maya cancels on her phone.
    const maya = await stack.clientAs(MAYA);
    const quote = await maya.lifecycle.cancellationQuote.query({ id: booking.id });
    await maya.lifecycle.cancel.mutate({ id: booking.id, reason: 'Plans changed', ...(quote.allowed ? { expectedFee: quote.fee } : {}) });
    await context.setOffline(false);
    const conflict = page.locator('[data-testid=job-conflict]');
    await conflict.waitFor({ timeout: 45_000 });
    expect(await conflict.textContent()).toContain('Maya Lopez cancelled this booking while you were offline, so Start job was not sent.');
    // What came after it was held back with it, not sent past it.
    expect(await conflict.textContent()).toContain('was held back with it');
    await expect.poll(() => status(page), { timeout: 20_000 }).toBe('cancelled');
    expect(await page.locator('[data-testid=sync-status]').getAttribute('data-state')).toBe('conflict');
    const samApi = await stack.clientAs(SAM);
    expect((await samApi.bookings.get.query({ id: booking.id })).timeline.map((e) => e.type)).not.toContain('booking.started');
    await shoot(page, '08-conflict');
    // Dismissed once read.
    await page.getByRole('button', { name: 'Dismiss all' }).click();
    await expect.poll(() => page.locator('[data-testid=job-conflict]').count()).toBe(0);
    await context.close();
  });

  it('job history search; a deep link from the main process opens the booking; coming screens say what they will hold', async () => {
    const stack = sandbox.stack;
    resetClock(stack);
    const done = await completedBookingFor(stack, LEO, SAM);
    setClock(stack, Date.parse(done.endsAt) + 24 * 60 * MIN);

    // The Electron code path in a browser: the preload bridge stood in, main's deep link handed over.
    const token = (await stack.signIn(SAM)).token;
    const context: BrowserContext = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      timezoneId: 'America/New_York',
      locale: 'en-US',
    });
    await context.addInitScript(
      ({ api, token }) => {
        localStorage.setItem('handled:api-url', api);
        const w = window as unknown as Record<string, unknown>;
        const badges: unknown[] = [];
        w['__badges'] = badges;
        w['desk'] = {
          kind: 'electron',
          getToken: async () => token,
          setToken: async () => {},
          clearToken: async () => {},
          openExternal: async () => ({ opened: true }),
          notify: async () => {},
          setBadge: async (c: unknown) => void badges.push(c),
          getLoginItem: async () => ({ openAtLogin: true, supported: true }),
          setLoginItem: async (on: boolean) => ({ openAtLogin: on, supported: true }),
          onNavigate: (listener: (route: string) => void) => {
            w['__deepLink'] = listener;
            return () => {};
          },
        };
      },
      { api: stack.apiUrl, token },
    );
    const page = await context.newPage();
    await page.goto(`${sandbox.deskUrl}/#/jobs/history`);
    const search = page.locator('[data-testid=history-search]');
    await search.waitFor({ timeout: 20_000 });
    await search.fill('leo');
    const row = page.locator(`[data-testid=history-row][data-booking-id="${done.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid=history-row]').count()).toBeGreaterThanOrEqual(1);
    await page.selectOption('[data-testid=history-status]', 'completed');
    await row.waitFor();
    await search.fill(done.reference);
    await expect.poll(() => page.locator('[data-testid=history-count]').textContent()).toBe('1');
    await shoot(page, '09-history');
    await search.fill('no such job anywhere');
    await page.locator('[data-testid=history-empty]').waitFor();

    // main hands over handled-desk://bookings/<id> as the route #/bookings/<id>.
    await page.evaluate((id) => (window as unknown as { __deepLink: (r: string) => void }).__deepLink(`#/bookings/${id}`), done.id);
    await expect.poll(() => status(page), { timeout: 15_000 }).toBe('completed');
    expect(await page.locator('h1').first().textContent()).toContain('Leo');
    // The counts went to main for the tray and the badge.
    await expect.poll(() => page.evaluate(() => (window as unknown as { __badges: unknown[] }).__badges.length)).toBeGreaterThan(0);

    // The calendar: the weeks, then one day large beside its list.
    await page.goto(`${sandbox.deskUrl}/#/calendar`);
    await page.locator('[data-testid=slot-preview] [data-testid=preview-day]').first().waitFor({ timeout: 20_000 });
    await shoot(page, '10-calendar-weeks');
    await page.click('[data-testid=calendar-view-day]');
    const dayView = page.locator('[data-testid=calendar-day-view]');
    await dayView.waitFor();
    await shoot(page, '10-calendar-day');
    const firstDay = await dayView.getAttribute('data-date');
    // The day shown first is today, or the first day with a job — the last of the 14 on some dates.
    const nextDay = page.getByRole('button', { name: 'Next day' });
    if (await nextDay.isDisabled()) await page.getByRole('button', { name: 'Previous day' }).click();
    else await nextDay.click();
    await expect.poll(() => dayView.getAttribute('data-date')).not.toBe(firstDay);

    await page.goto(`${sandbox.deskUrl}/#/reviews`);
    await page.locator('[data-testid=rating-summary]').waitFor({ timeout: 15_000 });
    await shot(page, 'desk-day-1280', '11-reviews');
    await page.goto(`${sandbox.deskUrl}/#/settings`);
    await page.locator('[data-testid=login-item][data-state=true]').waitFor({ timeout: 15_000 });
    await shot(page, 'desk-day-1280', '12-settings');
    await context.close();
  });
});
