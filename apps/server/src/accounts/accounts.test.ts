import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like, or } from 'drizzle-orm';
import { startTestStack, type TestStack } from '@handled/testing';
import {
  clientWithPassword,
  codeOf,
  createBookingFor,
  leo,
  linkIn,
  mailTo,
  maya,
  OTHER_PASSWORD,
  paidAndConfirmed,
  resetClock,
  sam,
  signUp,
} from '@handled/testing/fixtures';
import { bookings, messages, notifications, telegramLinkCodes, users, verifications } from '@handled/db/schema';

/**
 * Issue 15, a client's account: better-auth's own flows (verify the email, reset and change the
 * password, change the email) with mails through the mailbox emulator; details, saved addresses
 * and notification choices checked like the forms, another person's never reachable; the Telegram
 * link with the bot's name; the export; deletion refused while something is open, then erasing the
 * person and keeping the bookings.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ providers: 4 });
});
afterAll(() => stack?.close());

/** An emailed link on the site, followed against the API (the site passes /api/auth through unchanged). */
const onApi = (url: string) => url.replace(stack.env.WEB_URL, stack.apiUrl);
const auth = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${stack.apiUrl}/api/auth/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: stack.env.WEB_URL, ...headers },
    body: JSON.stringify(body),
  });

describe('better-auth flows through the mailbox', () => {
  it('verifies a new email from the link sent at sign-up', async () => {
    const nina = await signUp(stack, { name: 'Nina Park', email: 'nina.park@example.test' });
    expect((await nina.api.account.profile.query()).emailVerified).toBe(false);
    const mail = await mailTo(stack, 'nina.park@example.test', /Confirm your email/);
    const link = linkIn(mail, `${stack.env.WEB_URL}/api/auth/verify-email?`);
    const res = await fetch(onApi(link), { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/account?verified=1');
    expect((await nina.api.account.profile.query()).emailVerified).toBe(true);
  });

  it('resets a forgotten password once, with the strength rules; the old password and the link stop working', async () => {
    const omar = await signUp(stack, { name: 'Omar Haddad', email: 'omar.haddad@example.test' });
    void omar;
    expect((await auth('request-password-reset', { email: 'omar.haddad@example.test' })).status).toBe(200);
    // An unknown address gets the same answer (nobody learns who has an account).
    expect((await auth('request-password-reset', { email: 'nobody@example.test' })).status).toBe(200);
    const mail = await mailTo(stack, 'omar.haddad@example.test', /Reset your Handled password/);
    const token = new URL(linkIn(mail, `${stack.env.WEB_URL}/reset-password?`)).searchParams.get('token') ?? '';
    // Tokens are kept hashed: the table never holds the one in the email.
    const rows = await stack.deps.db.select().from(verifications);
    expect(rows.some((r) => r.identifier.includes(token))).toBe(false);
    const weak = await auth('reset-password', { token, newPassword: 'password1' });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { code: string }).code).toBe('PASSWORD_TOO_WEAK');
    expect((await auth('reset-password', { token, newPassword: OTHER_PASSWORD })).status).toBe(200);
    expect((await auth('reset-password', { token, newPassword: 'another-fine-password-77' })).status).toBe(400);
    await expect(stack.signIn('omar.haddad@example.test')).rejects.toThrow(/401/);
    await clientWithPassword(stack, 'omar.haddad@example.test', OTHER_PASSWORD);
  });

  it('changes the email only once the link sent to the new address is followed', async () => {
    const pia = await signUp(stack, { name: 'Pia Lund', email: 'pia.lund@example.test' });
    const res = await auth(
      'change-email',
      { newEmail: 'pia.new@example.test', callbackURL: '/account?email=changed' },
      { authorization: `Bearer ${pia.token}` },
    );
    expect(res.status).toBe(200);
    expect((await pia.api.account.profile.query()).email).toBe('pia.lund@example.test');
    const mail = await mailTo(stack, 'pia.new@example.test', /Confirm your new email/);
    const followed = await fetch(onApi(linkIn(mail, `${stack.env.WEB_URL}/api/auth/verify-email?`)), { redirect: 'manual' });
    expect(followed.headers.get('location')).toBe('/account?email=changed');
    expect((await pia.api.account.profile.query()).email).toBe('pia.new@example.test');
  });
});

describe('details, addresses and choices', () => {
  it('keeps the phone as E.164 and refuses a bad one beside the field', async () => {
    const api = await stack.clientAs(maya);
    const bad = await api.account.updateProfile
      .mutate({ name: 'Maya Chen', phone: '12', timeZone: 'America/New_York' })
      .catch((e: unknown) => e);
    expect(
      (bad as { data?: { zodError?: { fieldErrors?: Record<string, string[]> } } }).data?.zodError?.fieldErrors?.['phone'],
    ).toBeTruthy();
    expect(await codeOf(api.account.updateProfile.mutate({ name: 'Maya Chen', phone: '', timeZone: 'Mars/Base' }))).toBe('BAD_REQUEST');
    const saved = await api.account.updateProfile.mutate({ name: 'Maya Chen', phone: '+1 (212) 555-0143', timeZone: 'America/New_York' });
    expect(saved.phone).toBe('+12125550143');
  });

  it('saves addresses checked like the booking form, one default, and nobody else can touch them', async () => {
    const api = await stack.clientAs(maya);
    const home = { line1: '350 W 42nd St', city: 'New York', region: 'NY', postalCode: '10036', country: 'US' };
    expect(await codeOf(api.account.saveAddress.mutate({ label: 'Home', address: { ...home, postalCode: 'ABCDE' } }))).toBe('BAD_REQUEST');
    const unknown = await api.account.saveAddress
      .mutate({ label: 'Home', address: { ...home, postalCode: '00000' } })
      .catch((e: unknown) => e);
    expect((unknown as { data?: { details?: { field?: string } } }).data?.details?.field).toBe('postalCode');
    const first = await api.account.saveAddress.mutate({ label: 'Home', address: home });
    expect(first.isDefault).toBe(true);
    const office = await api.account.saveAddress.mutate({ label: 'Office', address: { ...home, line1: '1 Bryant Park' }, isDefault: true });
    const list = await api.account.addresses.query();
    expect(list.map((a) => [a.label, a.isDefault])).toEqual([
      ['Office', true],
      ['Home', false],
    ]);
    const defaults = await api.account.bookingDefaults.query();
    expect([defaults.phone, defaults.address?.address.line1]).toEqual(['+12125550143', '1 Bryant Park']);

    // Leo cannot edit, promote or delete Maya's addresses, and does not see them.
    const other = await stack.clientAs(leo);
    expect(await codeOf(other.account.deleteAddress.mutate({ id: office.id }))).toBe('NOT_FOUND');
    expect(await codeOf(other.account.setDefaultAddress.mutate({ id: first.id }))).toBe('NOT_FOUND');
    expect(await codeOf(other.account.saveAddress.mutate({ id: office.id, label: 'Mine now', address: home }))).toBe('NOT_FOUND');
    expect(await other.account.addresses.query()).toEqual([]);
    expect((await api.account.addresses.query()).map((a) => a.label)).toEqual(['Office', 'Home']);
    // A provider without a client account has no address book.
    expect(await codeOf((await stack.clientAs(sam)).account.addresses.query())).toBe('FORBIDDEN');

    // Removing the default makes the remaining address the default.
    expect((await api.account.deleteAddress.mutate({ id: office.id })).map((a) => [a.label, a.isDefault])).toEqual([['Home', true]]);
  });

  it('stores notification choices per event group and channel, for that person only', async () => {
    const api = await stack.clientAs(maya);
    const { choices } = await api.account.notificationChoices.query();
    const next = { ...choices, messages: { ...choices.messages, email: false, sms: true } };
    const saved = await api.account.saveNotificationChoices.mutate({ choices: next });
    expect([saved.saved, saved.choices.messages.email, saved.choices.messages.sms, saved.choices.payments.email]).toEqual([
      true,
      false,
      true,
      true,
    ]);
    expect((await (await stack.clientAs(leo)).account.notificationChoices.query()).choices.messages.email).toBe(true);
    expect(await codeOf(api.account.saveNotificationChoices.mutate({ choices: { ...next, messages: { email: 'yes' } } as never }))).toBe(
      'BAD_REQUEST',
    );
  });

  it('links Telegram with a one-time code and a deep link naming the bot (from getMe); the code is not kept in clear', async () => {
    const api = await stack.clientAs(maya);
    const link = await api.account.telegramLinkCode.mutate();
    expect(link.bot?.username).toMatch(/_bot$/);
    expect(link.deepLink).toBe(`https://t.me/${link.bot?.username}?start=${link.code}`);
    const kept = await stack.deps.db.select({ code: telegramLinkCodes.code }).from(telegramLinkCodes);
    expect(kept.some((k) => k.code === link.code)).toBe(false);
    const bot = { 'x-handled-bot-secret': stack.env.BOT_SERVICE_SECRET, 'content-type': 'application/json' };
    const redeem = await fetch(`${stack.apiUrl}/trpc/account.telegramRedeem`, {
      method: 'POST',
      headers: bot,
      body: JSON.stringify({ code: link.code.toLowerCase(), chatId: '4242', username: 'maya_c' }),
    });
    expect(redeem.status).toBe(200);
    const status = await api.account.telegramStatus.query();
    expect(status.linked && status.username).toBe('maya_c');
  });
});

describe('export and deletion', () => {
  it('exports the account with its bookings, messages and reviews as JSON', async () => {
    const api = await stack.clientAs(maya);
    const booking = await createBookingFor(stack, maya, sam, 2);
    await api.messages.send.mutate({ bookingId: booking.id, body: 'Is 10 am fine? The buzzer is broken, please call.' });
    const data = await api.account.exportData.query();
    expect(data.account.email).toBe(maya);
    expect(data.bookings.some((b) => b.reference === booking.reference && b.as === 'client')).toBe(true);
    expect(data.messages.some((m) => m.body.startsWith('Is 10 am fine?') && m.from === 'you')).toBe(true);
    expect(data.savedAddresses.length).toBeGreaterThan(0);
    expect(Array.isArray(data.reviews)).toBe(true);
    // The booking waits for an answer: deleting is refused, with the reason.
    const check = await api.account.deletionCheck.query();
    expect(check.allowed).toBe(false);
    expect(check.reasons.join(' ')).toContain(booking.reference);
    const refused = await api.account.deleteAccount.mutate({ password: 'demo-pass-2026', confirm: 'DELETE' }).catch((e: Error) => e);
    expect((refused as Error).message).toContain('cannot be deleted yet');
    expect((await stack.deps.db.select({ name: users.name }).from(users).where(eq(users.email, maya))).length).toBe(1);
  });

  it('erases a client who is done: no sign-in, no name anywhere, the booking and its money kept as a former client', async () => {
    const quinn = await signUp(stack, { name: 'Quinn Avery', email: 'quinn.avery@example.test' });
    await quinn.api.account.updateProfile.mutate({ name: 'Quinn Avery', phone: '+1 212 555 0177', timeZone: 'America/New_York' });
    const { b } = await paidAndConfirmed(stack, 'quinn.avery@example.test', sam);
    await quinn.api.messages.send.mutate({ bookingId: b.id, body: 'Thanks Sam, the tap is perfect.' });
    expect(await codeOf(quinn.api.account.deleteAccount.mutate({ password: 'wrong-password-123', confirm: 'DELETE' }))).toBe('BAD_REQUEST');
    expect(await codeOf(quinn.api.account.deleteAccount.mutate({ password: 'demo-pass-2026', confirm: 'delete' } as never))).toBe(
      'BAD_REQUEST',
    );
    expect((await quinn.api.account.deletionCheck.query()).allowed).toBe(true);
    // Nothing half-written: a fault after the person's row and their sign-in were already changed
    // (deleting the sessions is the erasure's third write) leaves the account exactly as it was.
    await stack.deps.db.$client.execute(
      "create trigger inject_fault before delete on session begin select raise(abort, 'injected fault'); end",
    );
    try {
      expect(await codeOf(quinn.api.account.deleteAccount.mutate({ password: 'demo-pass-2026', confirm: 'DELETE' }))).toBe(
        'INTERNAL_SERVER_ERROR',
      );
    } finally {
      await stack.deps.db.$client.execute('drop trigger inject_fault');
    }
    expect((await quinn.api.account.profile.query()).name).toBe('Quinn Avery');
    await stack.signIn('quinn.avery@example.test');
    await quinn.api.account.deleteAccount.mutate({ password: 'demo-pass-2026', confirm: 'DELETE' });

    await expect(stack.signIn('quinn.avery@example.test')).rejects.toThrow(/401/);
    expect(await codeOf(quinn.api.account.profile.query())).toBe('UNAUTHORIZED');
    const [row] = await stack.deps.db.select().from(users).where(eq(users.id, quinn.userId));
    expect([row?.name, row?.phone, row?.deletedAt instanceof Date]).toEqual(['Former client', null, true]);
    expect(row?.email).toMatch(/@deleted\.handled\.invalid$/);
    const named = await stack.deps.db
      .select({ id: users.id })
      .from(users)
      .where(or(like(users.name, '%Quinn%'), like(users.email, '%quinn%')));
    expect(named).toEqual([]);
    const noted = await stack.deps.db
      .select({ title: notifications.title })
      .from(notifications)
      .where(or(like(notifications.title, '%Quinn%'), like(notifications.body, '%Quinn%')));
    expect(noted).toEqual([]);
    const said = await stack.deps.db.select({ body: messages.body }).from(messages).where(eq(messages.senderId, quinn.userId));
    expect(said.map((m) => m.body)).toEqual(['Removed: this person deleted their account.']);
    // The booking stays, with its money, for the provider and the accounts.
    const samApi = await stack.clientAs(sam);
    // Nobody writes to someone who left: the conversation stays readable, closed.
    expect(await codeOf(samApi.messages.send.mutate({ bookingId: b.id, body: 'Are you there?' }))).toBe('FORBIDDEN');
    const seen = await samApi.bookings.get.query({ id: b.id });
    expect([seen.client.name, seen.status, seen.address.line1, seen.address.postalCode]).toEqual([
      'Former client',
      'completed',
      'Address removed',
      '10036',
    ]);
    expect(seen.invoice?.status).toBe('paid');
    const [kept] = await stack.deps.db.select({ total: bookings.total }).from(bookings).where(eq(bookings.id, b.id));
    expect(kept?.total).toBe(b.price.total);
    resetClock(stack);
  });
});
