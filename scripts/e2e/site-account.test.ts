import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eq, like, or } from 'drizzle-orm';
import { users } from '@handled/db/schema';
import { linkIn, mailTo, OTHER_PASSWORD, paidAndConfirmed, resetClock, sam, signUp } from '@handled/testing/fixtures';
import { shot } from './browser.ts';
import type { Sandbox } from './sandbox.ts';
import { openDesk, useSandbox } from './session.ts';
import { newSitePage } from './site-helpers.ts';

/**
 * Issue 15, a client's account in the browser: sign up, confirm the email from the mailbox, a phone
 * and an address saved at /account (refusals keep what was typed) that fill the next booking form,
 * Telegram linked with the deep link and the bot's greeting; a password reset from the sign-in page;
 * the data exported and the account deleted — no sign-in after, the name nowhere, the booking kept
 * for the provider as a former client. Screenshots: screenshots/account-{phone,desktop}/.
 */
const NINA = 'nina.park@example.test';
const CHAT = 915_001;
let sandbox: Sandbox;
let browser: Browser;

useSandbox((s, b) => {
  sandbox = s;
  browser = b;
});

async function signInAs(page: Page, email: string, password = 'demo-pass-2026') {
  await page.goto(`${sandbox.webUrl}/signin?next=/account`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL((u) => u.pathname === '/account'), page.click('[data-testid=signin-submit]')]);
}

describe('a client account', () => {
  it('signs up, confirms the email, saves a phone and an address that fill the next booking, links Telegram', async () => {
    const { context, page } = await newSitePage(browser, 'phone');
    await page.goto(`${sandbox.webUrl}/signup`);
    await page.fill('input[name=name]', 'Nina Park');
    await page.fill('input[name=email]', NINA);
    await page.fill('input[name=password]', 'demo-pass-2026');
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('[data-testid=signup-submit]')]);
    // The link in the mailbox confirms the address and lands on the account page.
    const mail = await mailTo(sandbox.stack, NINA, /Confirm your email/);
    await page.goto(linkIn(mail, `${sandbox.webUrl}/api/auth/verify-email?`));
    await page.waitForURL(/\/account\?verified=1/);
    await page.locator('[data-testid=email-verified]').waitFor();
    expect(await page.locator('[data-testid=account-notice]').innerText()).toContain('Your email is confirmed');
    await shot(page, 'account-phone', '01-account-confirmed');

    // A phone that is not one is refused beside the field; the name typed stays.
    await page.fill('input[name=name]', 'Nina K. Park');
    await page.fill('[data-testid=account-phone]', '555 01');
    await page.click('[data-testid=save-details]');
    await page.locator('[data-testid=error-phone]').waitFor();
    expect(await page.inputValue('input[name=name]')).toBe('Nina K. Park');
    await page.fill('[data-testid=account-phone]', '+1 212 555 0143');
    await page.click('[data-testid=save-details]');
    await page.locator('[data-testid=notice-profile]').waitFor();
    // An address checked like the booking form's: a bad postal code is said beside it.
    await page.fill('input[name=label]', 'Home');
    await page.fill('input[name=line1]', '350 W 42nd St');
    await page.fill('input[name=city]', 'New York');
    await page.fill('input[name=postalCode]', '1003');
    await page.click('[data-testid=save-address]');
    await page.locator('[data-testid=error-postalCode]').waitFor();
    expect(await page.inputValue('input[name=line1]')).toBe('350 W 42nd St');
    await shot(page, 'account-phone', '02-address-refused');
    await page.fill('input[name=postalCode]', '10036');
    await page.click('[data-testid=save-address]');
    await page.locator('[data-testid=default-address]').waitFor();
    // Saved: the form is empty again for the next address (not the one just saved, ready to add twice).
    await expect.poll(() => page.inputValue('[data-testid=address-form] input[name=line1]')).toBe('');
    expect(await page.inputValue('[data-testid=address-form] input[name=label]')).toBe('');
    await shot(page, 'account-phone', '03-details-saved');

    // The next booking form starts from them.
    await page.goto(`${sandbox.webUrl}/providers/sam-okafor/book?hours=2`);
    expect(await page.inputValue('[name=line1]')).toBe('350 W 42nd St');
    expect(await page.inputValue('[name=postalCode]')).toBe('10036');
    expect(await page.inputValue('[name=contactPhone]')).toBe('+12125550143');
    await shot(page, 'account-phone', '04-booking-prefilled');

    // Telegram: a code, a deep link to the bot named by getMe; the bot greets the chat once linked.
    await page.goto(`${sandbox.webUrl}/account#telegram`);
    await page.click('[data-testid=telegram-link]');
    const code = (await page.locator('[data-testid=telegram-code]').innerText()).trim();
    const deepLink = await page.locator('[data-testid=telegram-deep-link]').getAttribute('href');
    expect(deepLink).toMatch(new RegExp(`^https://t\\.me/\\w+_bot\\?start=${code}$`));
    expect(await page.locator('[data-testid=telegram-bot-name]').innerText()).toBeTruthy();
    await shot(page, 'account-phone', '05-telegram-code');
    await sandbox.telegram(CHAT, '/send', { text: `/start ${code}` });
    await expect
      .poll(
        async () =>
          ((await sandbox.telegram(CHAT, '/messages')).messages ?? [])
            .filter((m) => m.by === 'bot')
            .map((m) => m.text ?? '')
            .join('\n'),
        {
          timeout: 15_000,
        },
      )
      .toMatch(/linked to .*Nina K\. Park/);
    await page.locator('[data-testid=telegram-linked]').waitFor({ timeout: 15_000 });
    await context.close();

    const { context: wide, page: desk } = await newSitePage(browser, 'desktop');
    await signInAs(desk, NINA);
    await desk.locator('[data-testid=telegram-linked]').waitFor();
    await shot(desk, 'account-desktop', '01-account');
    await wide.close();
  });

  it('resets a forgotten password from the sign-in page', async () => {
    await signUp(sandbox.stack, { name: 'Omar Haddad', email: 'omar.haddad@example.test' });
    const { context, page } = await newSitePage(browser, 'phone');
    await page.goto(`${sandbox.webUrl}/signin`);
    // The link from the sign-in page. Once in CI (a loaded 2-core machine) the click changed nothing
    // for 30 s while the tests before and after ran at their usual speed; a second click then stands
    // in for the person who taps again, and the test still fails if the page never opens.
    for (let tries = 0; !/\/forgot-password/.test(page.url()) && tries < 2; tries++)
      await Promise.all([
        page.waitForURL(/\/forgot-password/, { timeout: 45_000 }).catch(() => undefined),
        page.click('[data-testid=forgot-password]'),
      ]);
    expect(new URL(page.url()).pathname).toBe('/forgot-password');
    await page.fill('input[name=email]', 'omar.haddad@example.test');
    await page.click('[data-testid=forgot-submit]');
    await page.locator('[data-testid=reset-sent]').waitFor();
    const mail = await mailTo(sandbox.stack, 'omar.haddad@example.test', /Reset your Handled password/);
    await page.goto(linkIn(mail, `${sandbox.webUrl}/reset-password?`));
    await page.fill('input[name=newPassword]', 'password1');
    await page.click('[data-testid=reset-submit]');
    await page.locator('[data-testid=error-newPassword]').waitFor();
    await shot(page, 'account-phone', '06-reset-weak');
    await page.fill('input[name=newPassword]', OTHER_PASSWORD);
    await Promise.all([page.waitForURL(/\/signin\?reset=1/), page.click('[data-testid=reset-submit]')]);
    await page.locator('[data-testid=signin-notice]').waitFor();
    await signInAs(page, 'omar.haddad@example.test', OTHER_PASSWORD);
    await context.close();
  });

  it('exports the data and deletes the account: no sign-in after, the name nowhere, the booking kept for a former client', async () => {
    const { b } = await paidAndConfirmed(sandbox.stack, NINA, sam);
    resetClock(sandbox.stack);
    const { context, page } = await newSitePage(browser, 'desktop', { acceptDownloads: true });
    await signInAs(page, NINA);
    await page.goto(`${sandbox.webUrl}/account#data`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-data]')]);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      account: { email: string };
      bookings: { reference: string }[];
    };
    expect(data.account.email).toBe(NINA);
    expect(data.bookings.map((x) => x.reference)).toContain(b.reference);

    // A wrong password is refused beside the field, the confirmation typed stays.
    await page.fill('#data input[name=password]', 'not-my-password-1');
    await page.fill('#data input[name=confirm]', 'DELETE');
    await page.click('[data-testid=delete-account]');
    await page.locator('[data-testid=error-password]').waitFor();
    expect(await page.inputValue('#data input[name=confirm]')).toBe('DELETE');
    await shot(page, 'account-desktop', '02-delete-refused');
    await page.fill('#data input[name=password]', 'demo-pass-2026');
    await Promise.all([page.waitForURL(/\/goodbye/), page.click('[data-testid=delete-account]')]);
    await shot(page, 'account-desktop', '03-deleted');

    // Signing in again fails; the name is nowhere; Sam's desk shows the booking for a former client.
    await page.goto(`${sandbox.webUrl}/signin`);
    await page.fill('input[name=email]', NINA);
    await page.fill('input[name=password]', 'demo-pass-2026');
    await page.click('[data-testid=signin-submit]');
    await page.locator('[data-testid=form-error]').waitFor();
    await context.close();
    const named = await sandbox.stack.deps.db
      .select({ id: users.id })
      .from(users)
      .where(or(like(users.name, '%Nina%'), like(users.email, '%nina%')));
    expect(named).toEqual([]);
    const [former] = await sandbox.stack.deps.db.select({ name: users.name }).from(users).where(eq(users.id, b.client.id));
    expect(former?.name).toBe('Former client');
    const { context: deskCtx, page: desk } = await openDesk(browser, sandbox, { kind: 'desktop', email: sam, route: `#/bookings/${b.id}` });
    await desk.getByText('Former client').first().waitFor({ timeout: 20_000 });
    expect(await desk.locator('main').innerText()).not.toMatch(/Nina/);
    await shot(desk, 'account-desktop', '04-desk-former-client');
    await deskCtx.close();
  });
});
