import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const viewports = {
  phone: { width: 390, height: 844 },
  /** An iPad Air held upright: the operator console's tablet width. */
  tablet: { width: 820, height: 1180 },
  desktop: { width: 1280, height: 800 },
} as const;

export const shotsDir = resolve(import.meta.dirname, '../../screenshots');

/** Debian's Chromium, launched the way that works on these machines (see stack-notes). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Saves a full-page screenshot under screenshots/<group>/<name>.png (gitignored; look at them). */
export async function shot(page: Page, group: string, name: string): Promise<string> {
  const dir = resolve(shotsDir, group);
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
