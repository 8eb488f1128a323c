import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, viewports } from './browser.ts';
import { startSandbox, type Sandbox } from './sandbox.ts';

/**
 * One sandbox (API, worker, emulators, built site and desk, bot) and one Chromium per test file:
 * started before its tests, closed after them. `ready` hands both to the file's own variables.
 */
export function useSandbox(ready: (sandbox: Sandbox, browser: Browser) => void) {
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox();
    browser = await launchChromium();
    ready(sandbox, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });
}

/** The desk in browser mode, talking to the sandbox's API, signed in as `email` at `route` (e.g. `#/calendar`). */
export async function openDesk(
  browser: Browser,
  sandbox: Sandbox,
  opts: { kind: keyof typeof viewports; email: string; route?: string; context?: BrowserContextOptions },
): Promise<{ context: BrowserContext; page: Page }> {
  const phone = opts.kind === 'phone';
  const context = await browser.newContext({
    viewport: viewports[opts.kind],
    deviceScaleFactor: 1,
    timezoneId: 'America/New_York',
    locale: 'en-US',
    ...(phone ? { isMobile: true, hasTouch: true } : {}),
    ...opts.context,
  });
  const page = await context.newPage();
  await page.addInitScript((api) => localStorage.setItem('handled:api-url', api), sandbox.stack.apiUrl);
  await page.goto(`${sandbox.deskUrl}/${opts.route ?? ''}`);
  await page.fill('input[name=email]', opts.email);
  await page.fill('input[name=password]', 'demo-pass-2026');
  await page.click('[data-testid=sign-in-submit]');
  return { context, page };
}
