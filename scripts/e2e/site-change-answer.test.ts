import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_API_KEY } from '@handled/emulators';
import { bookings, users } from '@handled/db/schema';
import { createBookingFor } from '@handled/testing/fixtures';
import { eventually } from '@handled/testing';
import { shot } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { useSandbox } from './session.ts';
import { newSitePage, seriousA11yViolations } from './site-helpers.ts';
import { signInOnSite } from './site-steps.ts';
import { isoSlotsOf } from '@handled/core/availability';

/**
 * Sam proposes a new time for a booking he accepted; Maya answers on the site: accepts (the
 * booking moves), declines another without JavaScript (it stays, Sam sees it declined), finds a
 * withdrawn one explained, withdraws her own, and answers a move Sam made in his Cal.com.
 */
let sandbox: Sandbox;
let browser: Browser;
const MAYA = 'maya@demo.handled.test';
const SAM = 'sam@demo.handled.test';
const DAY = 86_400_000;
type Api = Awaited<ReturnType<Sandbox['stack']['clientAs']>>;
let sam: Api;
let maya: Api;

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});
beforeAll(async () => {
  sam = await sandbox.stack.clientAs(SAM);
  maya = await sandbox.stack.clientAs(MAYA);
});

async function samId() {
  const [u] = await sandbox.stack.deps.db.select().from(users).where(eq(users.email, SAM));
  return u!.id;
}

/** A start Sam is free for `hours`, at least `afterDays` ahead and not `avoid`. */
async function freeStart(hours: number, afterDays: number, avoid: string[] = []) {
  const now = sandbox.stack.deps.now().getTime();
  const res = await sandbox.stack.anonymous.catalog.slots.query({
    providerId: await samId(),
    from: new Date(now).toISOString(),
    to: new Date(now + 20 * DAY).toISOString(),
    hours,
    viewerTimeZone: 'UTC',
  });
  const slot = isoSlotsOf(res).find((s) => Date.parse(s.start) > now + afterDays * DAY && !avoid.includes(s.start));
  if (!slot) throw new Error('no free slot');
  return slot.start;
}

async function acceptedBooking(hours = 1) {
  const requested = await createBookingFor(sandbox.stack, MAYA, SAM, hours);
  await sam.bookings.accept.mutate({ id: requested.id });
  return requested;
}

const text = (page: Page, id: string) => page.locator(`[data-testid=${id}]`).innerText();

describe('answering a proposed change on the site', () => {
  it('Sam proposes a longer job at a new time; Maya sees both times and the price, and accepts', async () => {
    const booking = await acceptedBooking(1);
    const target = await freeStart(2, 3);
    const proposal = await sam.changes.propose.mutate({
      id: booking.id,
      startsAt: target,
      hours: 2,
      note: 'I can stay longer that day and do the cabinet too.',
    });
    expect(proposal.newTotal).toBeGreaterThan(proposal.currentTotal);

    for (const kind of ['phone', 'desktop'] as const) {
      const { context, page } = await newSitePage(browser, kind);
      await signInOnSite(page, sandbox.webUrl, MAYA, `/bookings/${booking.id}`);
      const panel = page.locator('[data-testid=proposed-change][data-proposed-by=provider][data-via=handled]');
      await panel.waitFor();
      expect(await text(page, 'change-title')).toBe('Sam asked to move your booking');
      expect(await text(page, 'change-current')).toBe(await text(page, 'booking-when'));
      expect(await text(page, 'change-zone')).toMatch(/^Times in New York time \(E[SD]T, UTC-0[45]:00\)\.$/);
      expect(await text(page, 'change-price')).toMatch(/\$[\d,.]+ instead of \$[\d,.]+ \(\+\$[\d,.]+\)/);
      expect(await panel.innerText()).toContain('I can stay longer that day and do the cabinet too.');
      // Nobody asks for a second change while this one waits.
      expect(await page.locator('[data-testid=reschedule-toggle]').count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shot(page, `site-change-${kind}`, '01-provider-proposed');
      if (kind === 'phone') {
        await context.close();
        continue;
      }

      const proposedWhen = await text(page, 'change-new');
      await Promise.all([page.waitForURL(/\?change=accepted/), page.click('[data-testid=accept-change]')]);
      expect(await page.locator('[data-testid=proposed-change]').count()).toBe(0);
      expect(await text(page, 'booking-when')).toBe(proposedWhen);
      expect(await text(page, 'change-notice')).toContain(`Your booking is now ${proposedWhen}`);
      expect(await page.locator('[data-testid=timeline]').innerText()).toContain("You accepted Sam's change");
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shot(page, `site-change-${kind}`, '02-accepted');
      await context.close();
    }
    const moved = await sam.bookings.get.query({ id: booking.id });
    expect(moved.startsAt).toBe(target);
    expect(moved.hours).toBe(2);
  });

  it('without JavaScript Maya keeps the current time with a note; Sam sees it declined', async () => {
    const booking = await acceptedBooking(1);
    const target = await freeStart(1, 4);
    await sam.changes.propose.mutate({ id: booking.id, startsAt: target });
    const { context, page } = await newSitePage(browser, 'phone', { javaScriptEnabled: false });
    await signInOnSite(page, sandbox.webUrl, MAYA, `/bookings/${booking.id}`);
    await page.locator('[data-testid=proposed-change]').waitFor();
    const before = await text(page, 'booking-when');
    expect(await page.locator('[data-testid=change-price]').count()).toBe(0);
    await page.fill('[data-testid=decline-reason]', 'Thursday mornings I am at work.');
    await Promise.all([page.waitForURL(/\?change=declined/), page.click('[data-testid=decline-change]')]);
    expect(await page.locator('[data-testid=proposed-change]').count()).toBe(0);
    expect(await text(page, 'booking-when')).toBe(before);
    expect(await text(page, 'change-notice')).toContain('You kept the current time.');
    await shot(page, 'site-change-phone', '03-declined-no-js');
    await context.close();

    expect((await sam.bookings.get.query({ id: booking.id })).startsAt).toBe(booking.startsAt);
    expect(await sam.changes.pending.query({ id: booking.id })).toBeNull();
    const last = (await sam.bookings.get.query({ id: booking.id })).timeline.at(-1);
    expect(last).toMatchObject({ type: 'booking.change_rejected', actor: 'client', reason: 'Thursday mornings I am at work.' });
  });

  it('a proposal Sam withdrew meanwhile is explained; Maya’s own request can be withdrawn', async () => {
    const booking = await acceptedBooking(1);
    await sam.changes.propose.mutate({ id: booking.id, startsAt: await freeStart(1, 5) });
    const { context, page } = await newSitePage(browser, 'desktop');
    await signInOnSite(page, sandbox.webUrl, MAYA, `/bookings/${booking.id}`);
    await page.locator('[data-testid=proposed-change]').waitFor();
    await sam.changes.withdraw.mutate({ id: booking.id });
    await page.click('[data-testid=accept-change]');
    await expect
      .poll(() => page.locator('[data-testid=change-error]').innerText())
      .toBe('Sam withdrew this proposal, so your booking stays as it is.');
    // The page reloads the booking as it does without JavaScript: no stale buttons left to press.
    await expect.poll(() => page.locator('[data-testid=proposed-change]').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect((await maya.bookings.get.query({ id: booking.id })).startsAt).toBe(booking.startsAt);
    await shot(page, 'site-change-desktop', '04-withdrawn-meanwhile');

    // Maya asks for another time herself: it waits for Sam, and she can take it back.
    await maya.changes.propose.mutate({ id: booking.id, startsAt: await freeStart(1, 6), note: 'Could we do a bit later?' });
    await page.goto(`${sandbox.webUrl}/bookings/${booking.id}`);
    const mine = page.locator('[data-testid=proposed-change][data-proposed-by=client]');
    await mine.waitFor();
    expect(await text(page, 'change-title')).toBe('You asked to move this booking');
    expect(await text(page, 'change-origin')).toContain('Waiting for Sam');
    expect(await page.locator('[data-testid=accept-change]').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'site-change-desktop', '05-own-request');
    await Promise.all([page.waitForURL(/\?change=withdrawn/), page.click('[data-testid=withdraw-change]')]);
    expect(await text(page, 'change-notice')).toContain('Request withdrawn.');
    expect(await maya.changes.pending.query({ id: booking.id })).toBeNull();
    await context.close();
  });

  it('Sam moves the job in his Cal.com; the site says so and Maya accepts', async () => {
    const cal = sandbox.stack.emulators.emulators.calcom;
    cal.rateLimit = { ...cal.rateLimit, apiKey: 10_000 };
    expect((await sam.calendar.connectApiKey.mutate({ apiKey: SANDBOX_API_KEY })).sync.ok).toBe(true);
    const booking = await acceptedBooking(1);
    const uid = await eventually(async () => {
      const [row] = await sandbox.stack.deps.db.select().from(bookings).where(eq(bookings.id, booking.id));
      if (!row?.calcomBookingUid) throw new Error('not pushed yet');
      return row.calcomBookingUid;
    }, 20_000);
    const target = await freeStart(1, 3);
    cal.rescheduleBooking(uid, target, 'Sam moved it');
    await eventually(async () => {
      if (!(await maya.changes.pending.query({ id: booking.id }))) throw new Error('no proposal yet');
    }, 20_000);

    for (const kind of ['phone', 'desktop'] as const) {
      const { context, page } = await newSitePage(browser, kind);
      await signInOnSite(page, sandbox.webUrl, MAYA, `/bookings/${booking.id}`);
      await page.locator('[data-testid=proposed-change][data-via=calcom]').waitFor();
      expect(await text(page, 'change-title')).toBe('Sam moved this in their calendar');
      expect(await text(page, 'change-origin')).toContain('Cal.com calendar');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shot(page, `site-change-${kind}`, '06-moved-in-calcom');
      if (kind === 'desktop') {
        const proposedWhen = await text(page, 'change-new');
        await Promise.all([page.waitForURL(/\?change=accepted/), page.click('[data-testid=accept-change]')]);
        expect(await text(page, 'booking-when')).toBe(proposedWhen);
      }
      await context.close();
    }
    expect((await maya.bookings.get.query({ id: booking.id })).startsAt).toBe(target);
  });
});
