import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { confirmedBookingFor, createBookingFor } from '@handled/testing/fixtures';
import { resolve } from 'node:path';
import { shot, shotsDir, viewports } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { openDesk, useSandbox } from './session.ts';

/**
 * Issue 3 in the desk app (browser mode): Sam edits his weekly hours and days off and sees the
 * 14-day preview change, connects Cal.com with his API key, chooses the event type, and resolves a
 * conflict created through the Cal.com emulator. Screenshots at desktop and phone widths.
 */
const SAM = 'sam@demo.handled.test';
const SAM_KEY = 'cal_test_handledsandbox0sam000000000000';
let sandbox: Sandbox;
let browser: Browser;

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});

/** The desk's narrowest usual window beside the laptop and phone sizes. */
const narrow = { width: 900, height: 800 } as const;

async function deskPage(kind: keyof typeof viewports): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openDesk(browser, sandbox, { kind, email: SAM });
  await opened.page.locator('[data-testid=request-count], h1').first().waitFor();
  return opened;
}

const previewCount = async (page: Page) => Number(await page.locator('[data-testid=preview-count]').textContent());
const dayCount = async (page: Page, date: string) =>
  Number(await page.locator(`[data-testid=preview-day][data-date="${date}"]`).getAttribute('data-count'));

/** Waits for the preview to settle after a save (the request is in flight while aria-busy). */
async function settledPreview(page: Page) {
  await expect.poll(() => page.locator('[data-testid=slot-preview]').getAttribute('aria-busy')).toBe('false');
}

/** A close-up of the 14-day schedule card (the full-page shots make it small). */
async function previewShot(page: Page, group: string, name: string) {
  await page.locator('[data-testid=slot-preview]').screenshot({ path: resolve(shotsDir, group, `${name}.png`) });
}

async function samCalcomId(): Promise<number> {
  const state = (await (await fetch(`${sandbox.stack.emulatorsUrl}/_/calcom/state`)).json()) as { users: { id: number; email: string }[] };
  const u = state.users.find((x) => x.email === SAM);
  if (!u) throw new Error('Sam has no Cal.com account in the emulator');
  return u.id;
}

describe('desk calendar', () => {
  it('weekly hours and a day off change the 14-day preview', async () => {
    const { context, page } = await deskPage('desktop');
    await page.click('a[href="#/calendar"]');
    await page.locator('[data-testid=calendar-screen]').waitFor();
    await settledPreview(page);
    // First visit: the onboarding step asks how to keep availability.
    await expect.poll(() => page.locator('[data-testid=connect-step]').getAttribute('data-step')).toBe('choose');
    await expect.poll(() => page.locator('[data-testid=calendar-connection]').getAttribute('data-state')).toBe('app');
    await shot(page, 'desk-calendar-desktop', '01-onboarding');
    await page.click('[data-testid=choose-app]');
    await expect.poll(() => page.locator('[data-testid=connect-step]').count()).toBe(0);
    await shot(page, 'desk-calendar-desktop', '02-calendar');

    const total0 = await previewCount(page);
    expect(total0).toBeGreaterThan(0);
    // A day two or more days ahead with bookable starts: close its weekday in the weekly hours.
    const days = await page
      .locator('[data-testid=preview-day]')
      .evaluateAll((els) => els.map((e) => ({ date: e.getAttribute('data-date')!, count: Number(e.getAttribute('data-count')) })));
    const target = days.slice(2).find((d) => d.count > 0);
    if (!target) throw new Error('no bookable day in the preview');
    const weekday = new Date(`${target.date}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' }).toLowerCase();
    const sameWeekday = days.filter(
      (d) => new Date(`${d.date}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' }).toLowerCase() === weekday,
    );
    const row = page.locator(`[data-testid=hours-day][data-day=${weekday}]`);
    await row.locator('[data-testid=day-open]').uncheck();
    await page.click('[data-testid=save-hours]');
    await page.locator('[data-testid=hours-saved]').waitFor();
    await settledPreview(page);
    for (const d of sameWeekday) await expect.poll(() => dayCount(page, d.date)).toBe(0);
    const total1 = await previewCount(page);
    expect(total1).toBe(total0 - sameWeekday.reduce((n, d) => n + d.count, 0));
    await shot(page, 'desk-calendar-desktop', '03-weekday-closed');

    // Open it again with two ranges, copied to every weekday: the preview follows.
    await row.locator('[data-testid=day-open]').check();
    await row.locator('[data-testid=range-start]').first().fill('08:00');
    await row.locator('[data-testid=range-end]').first().fill('12:00');
    await row.getByRole('button', { name: /Add a range/ }).click();
    await row.locator('[data-testid=range-start]').nth(1).fill('13:00');
    await row.locator('[data-testid=range-end]').nth(1).fill('17:00');
    await row.locator('[data-testid=copy-to-weekdays]').click();
    for (const d of ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'])
      expect(await page.locator(`[data-testid=hours-day][data-day=${d}] [data-testid=range-start]`).count()).toBe(2);
    await page.click('[data-testid=save-hours]');
    await page.locator('[data-testid=hours-saved]').waitFor();
    await settledPreview(page);
    await expect.poll(() => dayCount(page, target.date)).toBeGreaterThan(0);

    // A day off on the target date through the month picker.
    const countBefore = await dayCount(page, target.date);
    const cell = page.locator(`[data-testid=month-picker] [data-date="${target.date}"]`);
    if (!(await cell.count())) await page.getByRole('button', { name: 'Next month' }).click();
    await cell.click();
    await page.locator('[data-testid=override-form]').waitFor();
    await page.click('[data-testid=override-closed]');
    await page.fill('#ovr-note', 'Holiday');
    await page.click('[data-testid=save-override]');
    await page.locator(`[data-testid=override-row][data-date="${target.date}"]`).waitFor();
    await settledPreview(page);
    await expect.poll(() => dayCount(page, target.date)).toBe(0);
    expect(countBefore).toBeGreaterThan(0);
    await shot(page, 'desk-calendar-desktop', '04-day-off');

    // Rules: a 2-hour buffer after jobs and 2-hour starts thin the grid.
    const beforeRules = await previewCount(page);
    await page.selectOption('#interval', '120');
    await page.click('[data-testid=save-rules]');
    await settledPreview(page);
    await expect.poll(() => previewCount(page)).toBeLessThan(beforeRules);
    await context.close();
  });

  it('connects Cal.com with an API key, shows it connected, and resolves a conflict made in Cal.com', async () => {
    const { context, page } = await deskPage('desktop');
    await page.goto(`${sandbox.deskUrl}/#/calendar`);
    await page.locator('[data-testid=calendar-connection]').waitFor();
    await page.click('[data-testid=open-connect]');
    // Before connecting he is told that Cal.com's schedule will replace his hours and days off.
    expect(await page.locator('[data-testid=hours-from-calcom-notice]').textContent()).toMatch(/come from Cal\.com/);
    await page.click('[data-testid=method-api-key]');
    // The sandbox says where its key is: the emulator's page, at the emulators' address.
    expect(await page.locator('[data-testid=sandbox-key-hint]').textContent()).toContain(`${sandbox.stack.emulatorsUrl}/_/calcom`);
    await page.fill('input[name=apiKey]', 'not-a-key');
    await page.click('[data-testid=connect-api-key]');
    await expect.poll(() => page.locator('[data-testid=api-key-help]').textContent()).toMatch(/cal_live_|cal_test_/);
    await page.fill('input[name=apiKey]', SAM_KEY);
    await shot(page, 'desk-calendar-desktop', '05-api-key');
    await page.click('[data-testid=connect-api-key]');
    await expect.poll(() => page.locator('[data-testid=connect-step]').getAttribute('data-step'), { timeout: 20_000 }).toBe('event-type');
    await page.locator('input[name=eventType]').first().waitFor();
    await shot(page, 'desk-calendar-desktop', '06-event-type');
    await page.click('[data-testid=save-event-type]');
    await page.locator('[data-testid=connect-done]').waitFor();
    await expect.poll(() => page.locator('[data-testid=calendar-connection]').getAttribute('data-state')).toBe('ok');
    await expect.poll(() => page.locator('[data-testid=last-sync]').textContent()).toMatch(/Last sync just now/);
    expect(await page.locator('[data-mode]').first().getAttribute('data-mode')).toBe('calcom');
    await page.locator('[data-testid=conflicts-empty]').waitFor();

    // A confirmed job of Leo's, so the schedule below shows that status whatever the seed put in these days
    // (it is made relative to the date: on some days none of Sam's confirmed jobs falls in the next 14).
    await confirmedBookingFor(sandbox.stack, 'leo@demo.handled.test', SAM, 1);
    // Maya requests Sam's first free slot; an event lands on it in Sam's Cal.com calendar.
    const booking = await createBookingFor(sandbox.stack, 'maya@demo.handled.test', SAM, 2);
    const calId = await samCalcomId();
    const res = await fetch(`${sandbox.stack.emulatorsUrl}/_/calcom/users/${calId}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Dentist',
        start: new Date(Date.parse(booking.startsAt) + 30 * 60_000).toISOString(),
        end: new Date(Date.parse(booking.startsAt) + 90 * 60_000).toISOString(),
      }),
    });
    expect(res.status).toBe(201);
    await page.click('[data-testid=sync-now]');
    await expect.poll(() => page.locator('[data-testid=sync-message]').textContent(), { timeout: 15_000 }).toMatch(/Synced/);
    const conflict = page.locator(`[data-testid=conflict][data-booking-id="${booking.id}"]`);
    await conflict.waitFor({ timeout: 15_000 });
    expect(await conflict.textContent()).toMatch(/Cal.com · calendar event/);
    await shot(page, 'desk-calendar-desktop', '07-conflict');

    // The 14-day schedule: Maya's request drawn as a job on its day, the Cal.com event as busy time.
    const job = page.locator(`[data-testid=preview-job][data-booking-id="${booking.id}"]`).first();
    await job.waitFor({ timeout: 15_000 });
    expect(await job.getAttribute('data-status')).toBe('requested');
    expect(await job.getAttribute('href')).toBe(`#/bookings/${booking.id}`);
    const day = page.locator('[data-testid=preview-day]', { has: job });
    const date = await day.getAttribute('data-date');
    expect(Number(await day.getAttribute('data-busy'))).toBeGreaterThan(0);
    expect(await day.locator('[data-testid=preview-busy]').count()).toBeGreaterThan(0);
    await day.locator('[data-testid=preview-day-pick]').click();
    const agenda = page.locator(`[data-testid=preview-agenda][data-date="${date}"]`);
    await agenda.waitFor();
    expect(await agenda.locator(`[data-testid=agenda-job][data-booking-id="${booking.id}"]`).textContent()).toMatch(
      /Maya Lopez[\s\S]*New request[\s\S]*Job HD-/,
    );
    expect(
      await agenda.locator(`[data-testid=agenda-job][data-booking-id="${booking.id}"] [data-testid=agenda-clash]`).textContent(),
    ).toMatch(/Overlaps .Busy \(calendar\). in Cal.com/);
    expect(await agenda.locator('[data-testid=agenda-busy]').first().textContent()).toMatch(
      /Busy \(calendar\)[\s\S]*Cal.com · busy[\s\S]*Synced just now/,
    );
    expect(await page.locator('[data-testid=preview-sync]').getAttribute('data-state')).toBe('ok');
    expect(await page.locator('[data-testid=preview-sync]').textContent()).toMatch(/Cal.com busy time last synced just now/);
    expect(await page.locator('[data-testid=preview-zone]').textContent()).toMatch(/^New York time \(E[SD]T, UTC-0[45]:00\)$/);
    // Every job and busy block the API gives for these days is drawn, with its status.
    const samPreview = await (await sandbox.stack.clientAs(SAM)).calendar.preview.query({ days: 14, hours: 2 });
    const apiJobs = samPreview.schedule.days
      .flatMap((d) => d.jobs.filter((j) => j.to > j.from).map((j) => `${d.date} ${j.id} ${j.status}`))
      .sort();
    const drawnJobs = await page
      .locator('[data-testid=preview-job]')
      .evaluateAll((els) =>
        els
          .map(
            (e) =>
              `${e.closest('[data-date]')?.getAttribute('data-date')} ${e.getAttribute('data-booking-id')} ${e.getAttribute('data-status')}`,
          )
          .sort(),
      );
    expect(drawnJobs).toEqual(apiJobs);
    expect(apiJobs.some((j) => j.endsWith(' confirmed'))).toBe(true);
    expect(await page.locator('[data-testid=preview-busy]').count()).toBe(samPreview.schedule.days.reduce((n, d) => n + d.busy.length, 0));
    await previewShot(page, 'desk-calendar-desktop', '10-schedule-1280');
    // The desk's narrow window: the same picture, the day's list below it.
    await page.setViewportSize(narrow);
    await agenda.scrollIntoViewIfNeeded();
    expect(await job.isVisible()).toBe(true);
    await previewShot(page, 'desk-calendar-desktop', '11-schedule-900');
    await shot(page, 'desk-calendar-desktop', '12-calendar-900');
    await page.setViewportSize(viewports.desktop);

    // Keep the Handled job: the conflict goes, the booking stays requested.
    await conflict.locator('[data-testid=conflict-keep]').click();
    await expect.poll(() => conflict.count(), { timeout: 15_000 }).toBe(0);
    const samApi = await sandbox.stack.clientAs(SAM);
    expect((await samApi.bookings.get.query({ id: booking.id })).status).toBe('requested');
    expect(await samApi.calendar.conflicts.query()).toEqual([]);

    await context.close();

    // The phone layout of the same screen.
    const phone = await deskPage('phone');
    await phone.page.goto(`${sandbox.deskUrl}/#/calendar`);
    await phone.page.locator('[data-testid=slot-preview]').waitFor();
    await settledPreview(phone.page);
    await shot(phone.page, 'desk-calendar-phone', '01-calendar');
    expect(await phone.page.locator('[data-testid=preview-job]').count()).toBeGreaterThan(0);
    await previewShot(phone.page, 'desk-calendar-phone', '02-schedule');
    await phone.context.close();
  });

  it('connects with Cal.com OAuth in the browser window the desk opens', async () => {
    const samApi = await sandbox.stack.clientAs(SAM);
    await samApi.calendar.disconnect.mutate();
    const { context, page } = await deskPage('desktop');
    await page.goto(`${sandbox.deskUrl}/#/calendar`);
    await page.click('[data-testid=open-connect]');
    const [calcom] = await Promise.all([context.waitForEvent('page'), page.click('[data-testid=connect-oauth]')]);
    await page.locator('[data-testid=oauth-waiting]').waitFor();
    await calcom.waitForLoadState();
    expect(calcom.url()).toContain(`${sandbox.stack.emulatorsUrl}/auth/oauth2/authorize`);
    await shot(calcom, 'desk-calendar-desktop', '09-calcom-authorize');
    const sam = calcom.locator('select[name=user_id] option', { hasText: SAM });
    await calcom.selectOption('select[name=user_id]', (await sam.getAttribute('value'))!);
    await Promise.all([calcom.waitForURL(/\/oauth\/calcom\/callback/), calcom.click('button[value=allow]')]);
    expect(`${await calcom.locator('h1').textContent()}: ${await calcom.locator('p').first().textContent()}`).toMatch(
      /^Cal.com connected:/,
    );
    await expect.poll(() => page.locator('[data-testid=connect-step]').getAttribute('data-step'), { timeout: 15_000 }).toBe('event-type');
    await page.click('[data-testid=save-event-type]');
    await page.locator('[data-testid=connect-done]').waitFor();
    expect(await samApi.calendar.status.query()).toMatchObject({ connected: true, kind: 'oauth', status: 'connected' });
    await context.close();
  });

  it('shows the error state when Cal.com is down, with slots still previewed', async () => {
    const { context, page } = await deskPage('desktop');
    await page.goto(`${sandbox.deskUrl}/#/calendar`);
    await page.locator('[data-testid=sync-now]').waitFor();
    // Cal.com down: Sync now says so, the card shows the error state, slots still preview.
    await fetch(`${sandbox.stack.emulatorsUrl}/_/calcom/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: '500', times: 1000 }),
    });
    await page.click('[data-testid=sync-now]');
    await expect
      .poll(() => page.locator('[data-testid=calendar-connection]').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('error');
    await page.locator('[data-testid=sync-error]').waitFor();
    await settledPreview(page);
    expect(await previewCount(page)).toBeGreaterThan(0);
    // The schedule says its Cal.com part is from the last sync and may be out of date.
    await expect.poll(() => page.locator('[data-testid=preview-sync]').getAttribute('data-state'), { timeout: 15_000 }).toBe('down');
    expect(await page.locator('[data-testid=preview-sync]').textContent()).toMatch(
      /Cal.com is unreachable[\s\S]*Busy time below is from the last sync/,
    );
    await shot(page, 'desk-calendar-desktop', '08-calcom-down');
    await previewShot(page, 'desk-calendar-desktop', '13-schedule-calcom-down');
    await fetch(`${sandbox.stack.emulatorsUrl}/_/calcom/faults`, { method: 'DELETE' });
    await context.close();
  });
});
