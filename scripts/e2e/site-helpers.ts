import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { viewports } from './browser.ts';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core (WCAG 2.0–2.2 A/AA rules) in the page; returns serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Checked from the top of the page: the sticky header covers whatever is scrolled under it, by
  // design, and axe's target-size would count the links that happen to lie there at that moment.
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  // Evaluated through DevTools, not as an inline <script>: the site's CSP (rightly) refuses those.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 160) })),
    }));
}

export async function newSitePage(
  browser: Browser,
  kind: keyof typeof viewports,
  extra: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: viewports[kind],
    deviceScaleFactor: 1,
    timezoneId: 'America/New_York',
    locale: 'en-US',
    ...(kind === 'phone' ? { isMobile: true, hasTouch: true } : {}),
    ...extra,
  });
  // A form's or a link's navigation has taken over Playwright's 30 s default on a loaded 2-core CI
  // machine (twice, while the tests around it ran at their usual speed); the e2e test timeout is 180 s.
  context.setDefaultNavigationTimeout(90_000);
  return { context, page: await context.newPage() };
}

export async function signIn(page: Page, webUrl: string, email: string) {
  await page.goto(`${webUrl}/signin`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', 'demo-pass-2026');
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/signin')), page.click('[data-testid=signin-submit]')]);
}

/** Fills the booking form's fields (the address may be changed per test). */
export async function fillBookingForm(page: Page, address: { line1: string; city: string; postalCode: string; country: string }) {
  await page.fill('[name=details]', 'Kitchen tap drips constantly and the cabinet underneath is damp.');
  await page.fill('[name=line1]', address.line1);
  await page.fill('[name=city]', address.city);
  await page.fill('[name=postalCode]', address.postalCode);
  await page.selectOption('select[name=country]', address.country);
  await page.fill('[name=contactPhone]', '+1 212 555 0188');
}
