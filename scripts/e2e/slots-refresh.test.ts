import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { providerCategories, users } from '@handled/db/schema';
import { shot, viewports } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { useSandbox } from './session.ts';

/** The profile's slot picker follows other clients' bookings without a reload. */
let sandbox: Sandbox;
let browser: Browser;
useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});

describe('live slots on the profile', () => {
  it('a slot another client takes disappears from an open profile', async () => {
    const db = sandbox.stack.deps.db;
    const [sam] = await db.select().from(users).where(eq(users.email, 'sam@demo.handled.test'));
    const [cat] = await db.select().from(providerCategories).where(eq(providerCategories.providerId, sam!.id));
    const context = await browser.newContext({ viewport: viewports.desktop, timezoneId: 'America/New_York' });
    const page = await context.newPage();
    await page.goto(`${sandbox.webUrl}/providers/${sam!.id}?hours=2`);
    const first = page.locator('[data-testid=slot]').first();
    await first.waitFor();
    const start = await first.getAttribute('data-start');
    expect(start).toBeTruthy();
    expect(await page.locator(`[data-testid=slot][data-start="${start}"]`).count()).toBe(1);

    const leo = await sandbox.stack.clientAs('leo@demo.handled.test');
    await leo.bookings.request.mutate({
      providerId: sam!.id,
      categoryId: cat!.categoryId,
      startsAt: start!,
      hours: 2,
      details: 'Replace the bathroom extractor fan',
      specialRequirements: '',
      address: { line1: '350 W 42nd St', city: 'New York', region: 'NY', postalCode: '10036', country: 'US' },
      contactPhone: '+1 212 555 0111',
    });
    await expect.poll(() => page.locator(`[data-testid=slot][data-start="${start}"]`).count(), { timeout: 40_000, interval: 1000 }).toBe(0);
    await shot(page, 'site-desktop', 'profile-after-slot-taken');
    await context.close();
  });
});
