import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoEmails } from '@handled/db/seed';
import { shot } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { useSandbox } from './session.ts';
import { fillBookingForm, newSitePage, seriousA11yViolations, signIn } from './site-helpers.ts';
import { isoSlotsOf } from '@handled/core/availability';

/**
 * The client site (issue 6) in Debian's Chromium against the built site and the real API:
 * discovery with filters, favourites, a booking from the profile to the dashboard with the
 * address checked, cancel with the fee shown, offline viewing, the no-JavaScript booking path,
 * SEO markup and an axe check on each main page. Screenshots: screenshots/site-{phone,desktop}/.
 */
let sandbox: Sandbox;
let browser: Browser;

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});

describe('discovery', () => {
  it('searches by ZIP code with a radius, filters and sorts by distance; cards show distance and next free time', async () => {
    for (const kind of ['phone', 'desktop'] as const) {
      const { context, page } = await newSitePage(browser, kind);
      await page.goto(`${sandbox.webUrl}/search?category=plumbing&where=11215&radius=25&sort=distance&rating=4`);
      await page.waitForSelector('[data-testid=provider-card]');
      expect(await page.locator('[data-testid=where-resolved]').innerText()).toMatch(/11215/);
      const distances = await page.locator('[data-testid=card-distance]').allInnerTexts();
      const km = distances.map((t) => Number(/([\d.]+) km/.exec(t)?.[1] ?? NaN));
      expect(km.every((d) => d <= 25)).toBe(true);
      expect(km).toEqual([...km].sort((a, b) => a - b));
      expect(await page.locator('[data-testid=card-next]').first().innerText()).toMatch(/Next free|No free time/);
      await expect.poll(() => page.locator('[data-testid=provider-card]', { hasText: 'Sam Okafor' }).count()).toBe(1);
      await shot(page, `site-${kind}`, '02-search-filters');
      // The filters are plain GET fields: a price ceiling below Sam's rate removes him.
      if (kind === 'desktop') {
        // Open already (a rating filter is on); a tap on the summary would close it.
        await page.locator('details:has([data-testid=filters-toggle])').evaluate((d) => ((d as HTMLDetailsElement).open = true));
        await page.fill('[data-testid=filter-max]', '100');
        await Promise.all([page.waitForURL(/max=100/), page.click('[data-testid=filters-apply]')]);
        await expect.poll(() => page.locator('[data-testid=provider-card]', { hasText: 'Sam Okafor' }).count()).toBe(0);
        // An unknown place says so next to the field.
        await page.goto(`${sandbox.webUrl}/search?where=Qwxyzville`);
        await expect.poll(() => page.locator('[data-testid=where-error]').innerText()).toContain("couldn't find");
      }
      await context.close();
    }
  });

  it('serves the profile with title, description, Open Graph and JSON-LD, plus sitemap.xml and robots.txt', async () => {
    const html = await (await fetch(`${sandbox.webUrl}/providers/sam-okafor`)).text();
    expect(html).toMatch(/<title>Sam Okafor — Plumbing in New York · Handled<\/title>/);
    expect(html).toMatch(/<meta property="og:title" content="Sam Okafor/);
    expect(html).toMatch(/<link rel="canonical" href="http:\/\/127\.0\.0\.1:\d+\/providers\/sam-okafor"/);
    // The first reviews are on the page, the rest one plain link away (with the responses).
    const reviewCount = (h: string) => h.split('data-testid="review"').length - 1;
    expect(reviewCount(html)).toBe(4);
    const all = await (await fetch(`${sandbox.webUrl}/providers/sam-okafor?reviews=all`)).text();
    expect(reviewCount(all)).toBeGreaterThan(4);
    expect(all).not.toContain('data-testid="all-reviews"');
    expect(html).toContain('data-testid="all-reviews"');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
    expect(ld).toMatchObject({ '@type': 'LocalBusiness', name: 'Sam Okafor', aggregateRating: { '@type': 'AggregateRating' } });
    expect(ld.makesOffer[0].itemOffered['@type']).toBe('Service');
    const sitemap = await (await fetch(`${sandbox.webUrl}/sitemap.xml`)).text();
    expect(sitemap).toContain('/providers/sam-okafor</loc>');
    expect(await (await fetch(`${sandbox.webUrl}/robots.txt`)).text()).toMatch(/Sitemap: http:\/\/127\.0\.0\.1:\d+\/sitemap\.xml/);
  });
});

describe("the profile's availability month", () => {
  const nyDate = (iso: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(iso),
    );

  it('works without JavaScript: month links, a day shows its start times in the named zone, past days are not links', async () => {
    const { context, page } = await newSitePage(browser, 'phone', { javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
    await page.goto(`${sandbox.webUrl}/providers/sam-okafor`);
    const month = page.locator('[data-testid=availability-month]');
    const shown = (await month.getAttribute('data-month'))!;
    const today = nyDate(new Date().toISOString());
    expect(shown >= today.slice(0, 7)).toBe(true);
    // Days before today are plain text; days with times are links that say how many.
    const past = page.locator('[data-testid=calendar-day][data-state=past]');
    if (shown === today.slice(0, 7) && today.slice(8) !== '01') expect(await past.count()).toBeGreaterThan(0);
    expect(await page.locator('a[data-testid=calendar-day][data-state=past]').count()).toBe(0);
    expect(await page.locator('[data-testid=month-prev]').count()).toBe(shown === today.slice(0, 7) ? 0 : 1);
    expect(await page.locator('[data-testid=zone-label]').innerText()).toMatch(/New York time/);
    for (const box of await page
      .locator('a[data-testid=calendar-day]')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height })))) {
      expect(box.w).toBeGreaterThanOrEqual(44);
      expect(box.h).toBeGreaterThanOrEqual(44);
    }
    await shot(page, 'site-phone', '03-profile-month-nojs-360');

    // The next month, then its last day with times: the list is that day's, each start on that date in New York.
    await Promise.all([page.waitForURL(/month=\d{4}-\d{2}/), page.click('[data-testid=month-next]')]);
    expect(await month.getAttribute('data-month')).toBe(new URL(page.url()).searchParams.get('month'));
    const free = page.locator('a[data-testid=calendar-day][data-state=free]');
    expect(await free.count()).toBeGreaterThan(0);
    const target = free.last();
    const count = Number(await target.getAttribute('data-count'));
    const date = (await target.locator('xpath=..').getAttribute('data-date'))!;
    await Promise.all([page.waitForURL(new RegExp(`day=${date}`)), target.click()]);
    expect(await page.locator('[data-testid=day-times]').getAttribute('data-day')).toBe(date);
    const starts = await page.locator('[data-testid=slot]').evaluateAll((els) => els.map((e) => e.getAttribute('data-start')!));
    expect(starts.length).toBe(count);
    expect(starts.every((s) => nyDate(s) === date)).toBe(true);
    await page.locator('[data-testid=slot] input').first().check();
    await Promise.all([page.waitForURL(/\/book/), page.click('[data-testid=request-booking]')]);
    expect(new URL(page.url()).searchParams.get('start')).toBe(starts[0]);
    await context.close();
  });

  it('is keyboard and touch friendly with JavaScript, keeps the choice across the slot refresh, and reads well from 360 to 1280 px', async () => {
    for (const [kind, width] of [
      ['phone', 360],
      ['phone', 390],
      ['desktop', 768],
      ['desktop', 1280],
    ] as const) {
      const { context, page } = await newSitePage(browser, kind, { viewport: { width, height: kind === 'phone' ? 800 : 900 } });
      await page.goto(`${sandbox.webUrl}/providers/sam-okafor`);
      await page.waitForLoadState('networkidle');
      await shot(page, width < 768 ? 'site-phone' : 'site-desktop', `03-profile-month-${width}`);
      // Photos come at the size shown (resized by the API through the site), not the 800 px originals.
      const photos = page.locator('section[aria-labelledby=work-title] img');
      await photos.first().scrollIntoViewIfNeeded();
      await expect.poll(() => photos.first().evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
      const photo = await photos.first().evaluate((i: HTMLImageElement) => ({ src: i.currentSrc }));
      expect(photo.src).toMatch(/\?w=(400|800)$/);
      await page.evaluate(() => window.scrollTo(0, 0));
      const avatar = await page
        .locator('main img[alt="Sam Okafor"]')
        .first()
        .evaluate((i: HTMLImageElement) => ({ src: i.currentSrc, width: i.naturalWidth }));
      expect(avatar.src).toMatch(/\?w=192$/);
      expect(avatar.width).toBe(192);
      if (width === 390) {
        const free = page.locator('a[data-testid=calendar-day][data-state=free]');
        const dates = await free.evaluateAll((els) => els.map((e) => e.parentElement!.getAttribute('data-date')!));
        expect(dates.length).toBeGreaterThan(1);
        // Arrow right from the first day with times lands on the next one; Enter shows its times and puts it in the address.
        await free.first().focus();
        await page.keyboard.press('ArrowRight');
        expect(await page.evaluate(() => document.activeElement?.parentElement?.getAttribute('data-date'))).toBe(dates[1]);
        await page.keyboard.press('Enter');
        await expect.poll(() => page.locator('[data-testid=day-times]').getAttribute('data-day')).toBe(dates[1]);
        await expect.poll(() => new URL(page.url()).searchParams.get('day')).toBe(dates[1]);
        const slot = page.locator('[data-testid=slot]').last();
        const start = (await slot.getAttribute('data-start'))!;
        expect(nyDate(start)).toBe(dates[1]);
        await slot.tap();
        await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
        await page.waitForLoadState('networkidle');
        expect(await page.locator('[data-testid=day-times]').getAttribute('data-day')).toBe(dates[1]);
        expect(await page.locator(`[data-testid=slot][data-start="${start}"] input`).isChecked()).toBe(true);
        await expect.poll(() => page.locator('[data-testid=chosen-slot]').innerText()).toMatch(/Your choice/);
        await shot(page, 'site-phone', '03-profile-month-day-chosen');
      }
      expect(await seriousA11yViolations(page)).toEqual([]);
      await context.close();
    }
  });
});

describe('the client journey', () => {
  it('favourites: heart on a card, the list, and book again', async () => {
    const { context, page } = await newSitePage(browser, 'phone');
    await signIn(page, sandbox.webUrl, demoEmails.leo);
    await page.goto(`${sandbox.webUrl}/search?where=SW1A%201AA&radius=25`);
    const card = page.locator('[data-testid=provider-card]').first();
    const slug = await card.getAttribute('data-slug');
    const heart = card.locator('[data-testid=favourite-toggle]');
    const wasSaved = (await heart.getAttribute('data-saved')) === 'true';
    if (wasSaved) {
      await heart.click();
      await expect.poll(() => heart.getAttribute('data-saved')).toBe('false');
    }
    await heart.click();
    await expect.poll(() => heart.getAttribute('aria-pressed')).toBe('true');
    await page.goto(`${sandbox.webUrl}/favourites`);
    const row = page.locator(`[data-testid=favourite][data-slug="${slug}"]`);
    await expect.poll(() => row.count()).toBe(1);
    await shot(page, 'site-phone', '07-favourites');
    await Promise.all([page.waitForURL(new RegExp(`/providers/${slug}`)), row.locator('[data-testid=book-again]').click()]);
    await expect.poll(() => page.locator('[data-testid=favourite-toggle]').getAttribute('aria-pressed')).toBe('true');
    await context.close();
  });

  it('books from the profile to the dashboard; an address outside the service area is refused next to the field', async () => {
    const { context, page } = await newSitePage(browser, 'desktop');
    await signIn(page, sandbox.webUrl, demoEmails.maya);
    await page.goto(`${sandbox.webUrl}/providers/sam-okafor`);
    await shot(page, 'site-desktop', '03-profile');
    // A day with several starts (late in the day, today may have only one left).
    await page.locator('[data-testid=calendar-day][data-state=free]:not([data-count="1"])').first().click();
    const slot = page.locator('[data-testid=slot]').nth(1);
    const startsAt = await slot.getAttribute('data-start');
    await slot.click();
    await Promise.all([page.waitForURL(/\/book/), page.click('[data-testid=request-booking]')]);
    await fillBookingForm(page, { line1: '9336 Civic Center Dr', city: 'Beverly Hills', postalCode: '90210', country: 'US' });
    await page.click('[data-testid=submit-booking]');
    await expect.poll(() => page.locator('[data-testid=error-postalCode]').innerText()).toContain('outside Sam Okafor');
    await shot(page, 'site-desktop', '04-booking-out-of-area');
    await page.fill('[name=postalCode]', '11217');
    await page.fill('[name=city]', 'Brooklyn');
    await page.fill('[name=line1]', '300 Atlantic Ave');
    await Promise.all([page.waitForURL(/\/bookings\/[^/?]+/), page.click('[data-testid=submit-booking]')]);
    const bookingId = new URL(page.url()).pathname.split('/').pop()!;
    await page.goto(`${sandbox.webUrl}/bookings`);
    await expect.poll(() => page.locator(`[data-testid=booking-card][data-booking-id="${bookingId}"]`).count()).toBe(1);
    const day = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/New_York',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(startsAt!));
    await page.goto(`${sandbox.webUrl}/bookings?view=month&at=${day}`);
    await expect
      .poll(() => page.locator(`[data-date="${day}"] [data-testid=calendar-booking][href="/bookings/${bookingId}"]`).count())
      .toBe(1);
    await shot(page, 'site-desktop', '05-dashboard-month');
    await page.goto(`${sandbox.webUrl}/bookings?view=week&at=${day}`);
    await expect.poll(() => page.locator('[data-testid=booking-calendar]').getAttribute('data-view')).toBe('week');
    await shot(page, 'site-desktop', '05-dashboard-week');
    await context.close();
  });

  it('cancels with the policy and the fee shown before confirming', async () => {
    const maya = await sandbox.stack.clientAs(demoEmails.maya);
    const upcoming = await maya.bookings.mine.query({ scope: 'upcoming' });
    const target = upcoming.find((b) => b.status === 'confirmed') ?? upcoming.find((b) => b.status === 'requested');
    expect(target).toBeDefined();
    const quote = await maya.lifecycle.cancellationQuote.query({ id: target!.id });
    expect(quote.allowed).toBe(true);
    const { context, page } = await newSitePage(browser, 'phone');
    await signIn(page, sandbox.webUrl, demoEmails.maya);
    await page.goto(`${sandbox.webUrl}/bookings/${target!.id}`);
    await page.click('[data-testid=cancel-toggle]');
    await expect.poll(() => page.locator('[data-testid=cancel-fee]').innerText()).toBe(quote.allowed ? quote.formatted.fee : '');
    expect((await page.locator('[data-testid=cancel-explanation]').innerText()).trim()).not.toBe('');
    await shot(page, 'site-phone', '06-cancel-fee');
    await page.click('[data-testid=confirm-cancel]');
    await expect.poll(() => page.locator('[data-testid=booking-status]').getAttribute('data-status')).toBe('cancelled');
    expect((await maya.bookings.get.query({ id: target!.id })).status).toBe('cancelled');
    await context.close();
  });

  it('shows the upcoming bookings offline once the service worker has kept them', async () => {
    const { context, page } = await newSitePage(browser, 'phone');
    await signIn(page, sandbox.webUrl, demoEmails.maya);
    await page.goto(`${sandbox.webUrl}/bookings`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload(); // now controlled by the worker
    await page.locator('[data-testid=saved-offline]').waitFor({ state: 'visible' });
    const first = page.locator('[data-testid=bookings-upcoming] [data-testid=booking-card]').first();
    const id = await first.getAttribute('data-booking-id');
    const title = (await first.innerText()).split('\n')[0]!;
    await expect.poll(() => page.evaluate(async (path) => !!(await caches.match(path)), `/bookings/${id}`), { timeout: 15_000 }).toBe(true);
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator('[data-testid=bookings-upcoming]').innerText()).toContain(title);
    await page.locator('[data-testid=offline-banner]').waitFor({ state: 'visible' });
    await shot(page, 'site-phone', '08-offline-bookings');
    await page.goto(`${sandbox.webUrl}/bookings/${id}`);
    await page.locator('[data-testid=booking-when]').waitFor({ state: 'visible' });
    await context.setOffline(false);
    await context.close();
  });

  it('the booking page is public: a signed-out visitor sees the form and price, signs in on sending and comes back with the input kept', async () => {
    const slotStart = isoSlotsOf(
      await sandbox.stack.anonymous.catalog.slots.query({
        providerId: 'priya-shah',
        from: new Date().toISOString(),
        to: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        hours: 2,
        viewerTimeZone: 'Europe/London',
      }),
    )[0]!.start;
    const path = `/providers/priya-shah/book?hours=2&start=${encodeURIComponent(slotStart)}`;
    const html = await (await fetch(`${sandbox.webUrl}${path}`)).text();
    expect(html).not.toMatch(/name="robots"/);
    expect(html).toMatch(/<link rel="canonical" href="http:\/\/127\.0\.0\.1:\d+\/providers\/priya-shah\/book"/);
    expect(html).toMatch(/<title>Book Priya Shah — [^<]+ · Handled<\/title>/);
    expect(html).toMatch(/<meta name="description" content="Request Priya Shah for [^"]+\/hr/);
    expect(html).toContain('data-testid="price-review"');
    // The canonical address (no time chosen) is a page too, asking for a time.
    const bare = await fetch(`${sandbox.webUrl}/providers/priya-shah/book`, { redirect: 'manual' });
    expect(bare.status).toBe(200);
    expect(await bare.text()).toContain('No time chosen yet');

    for (const js of [false, true]) {
      const { context, page } = await newSitePage(browser, 'phone', { javaScriptEnabled: js });
      await page.goto(`${sandbox.webUrl}${path}`);
      await page.locator('[data-testid=price-review]').waitFor();
      expect(await page.locator('[data-testid=submit-booking]').innerText()).toMatch(/Sign in/);
      if (!js) await shot(page, 'site-phone', '10-book-signed-out');
      await fillBookingForm(page, { line1: '12 Upper St', city: 'London', postalCode: 'N1 2XY', country: 'GB' });
      await page.fill('[name=contactPhone]', '+44 20 7946 0018');
      await Promise.all([page.waitForURL(/\/signin\?next=/), page.click('[data-testid=submit-booking]')]);
      await page.fill('input[name=email]', demoEmails.leo);
      await page.fill('input[name=password]', 'demo-pass-2026');
      await Promise.all([page.waitForURL(/\/providers\/priya-shah\/book\?/), page.click('[data-testid=signin-submit]')]);
      expect(new URL(page.url()).searchParams.get('start')).toBe(slotStart);
      await page.locator('[data-testid=draft-resumed]').waitFor();
      expect(await page.inputValue('[name=line1]')).toBe('12 Upper St');
      expect(await page.inputValue('[name=postalCode]')).toBe('N1 2XY');
      expect(await page.inputValue('[name=details]')).toMatch(/Kitchen tap drips/);
      expect(await page.locator('[data-testid=submit-booking]').innerText()).toBe('Send request');
      if (js) await shot(page, 'site-phone', '10-book-resumed-after-signin');
      await context.close();
    }
  });

  it('books with JavaScript turned off', async () => {
    const { context, page } = await newSitePage(browser, 'phone', { javaScriptEnabled: false });
    await signIn(page, sandbox.webUrl, demoEmails.leo);
    await page.goto(`${sandbox.webUrl}/providers/priya-shah`);
    await page.locator('[data-testid=slot] input').first().check();
    await Promise.all([page.waitForURL(/\/book/), page.click('[data-testid=request-booking]')]);
    await fillBookingForm(page, { line1: '12 Upper St', city: 'London', postalCode: 'ZZ1 1ZZ', country: 'GB' });
    await Promise.all([page.waitForLoadState(), page.click('[data-testid=submit-booking]')]);
    await page.locator('[data-testid=error-postalCode]').waitFor({ state: 'visible' });
    await page.fill('[name=postalCode]', 'N1 2XY');
    await page.fill('[name=contactPhone]', '+44 20 7946 0018');
    await Promise.all([page.waitForURL(/\/bookings\/[^/?]+\?requested=1/), page.click('[data-testid=submit-booking]')]);
    await expect.poll(() => page.locator('[data-testid=booking-status]').getAttribute('data-status')).toBe('requested');
    await shot(page, 'site-phone', '09-nojs-requested');
    await context.close();
  });
});

describe('accessibility', () => {
  it('has no serious or critical axe violations on the main pages, phone and desktop', async () => {
    const maya = await sandbox.stack.clientAs(demoEmails.maya);
    const upcoming = await maya.bookings.mine.query({ scope: 'upcoming' });
    const slotStart = isoSlotsOf(
      await sandbox.stack.anonymous.catalog.slots.query({
        providerId: 'sam-okafor',
        from: new Date().toISOString(),
        to: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        hours: 2,
        viewerTimeZone: 'America/New_York',
      }),
    )[0]!.start;
    const pages: [string, string, boolean][] = [
      ['01-home', '/', false],
      ['02-search', '/search?category=cleaning&where=New%20York', false],
      ['03-profile', '/providers/sam-okafor', false],
      ['10-book', `/providers/sam-okafor/book?hours=2&start=${encodeURIComponent(slotStart)}`, true],
      ['05-dashboard', '/bookings', true],
      ['11-booking', `/bookings/${upcoming[0]?.id ?? ''}`, true],
      ['07-favourites', '/favourites', true],
    ];
    const found: Record<string, unknown> = {};
    for (const kind of ['phone', 'desktop'] as const) {
      const { context, page } = await newSitePage(browser, kind);
      await signIn(page, sandbox.webUrl, demoEmails.maya);
      for (const [name, path, signedIn] of pages) {
        if (!signedIn && name === '01-home') await page.goto(`${sandbox.webUrl}${path}`);
        else await page.goto(`${sandbox.webUrl}${path}`);
        await page.waitForLoadState('networkidle');
        await shot(page, `site-${kind}`, `a11y-${name}`);
        const violations = await seriousA11yViolations(page);
        if (violations.length) found[`${kind} ${path}`] = violations;
      }
      await context.close();
    }
    expect(found).toEqual({});
  });
});
