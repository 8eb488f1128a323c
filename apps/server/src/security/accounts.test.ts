import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, SITE_SECRET_HEADER } from '@handled/client/site-proxy';
import { createApiClient } from '@handled/client';
import { authRateLimits, users } from '@handled/db/schema';
import { startTestStack, type TestStack } from '@handled/testing';

/** Sign-up and later account changes over real HTTP: password strength, time zone and phone. */
let stack: TestStack;
let n = 0;

beforeAll(async () => {
  stack = await startTestStack({ providers: 2, worker: false });
});
afterAll(() => stack?.close());

const STRONG = 'sunny-otter-kettle-42';

// Each sign-up from its own (site-named) address, so better-auth's per-address sign-up limit stays out of the way.
async function auth(path: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  n++;
  const res = await fetch(`${stack.apiUrl}/api/auth/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SITE_SECRET_HEADER]: stack.env.SITE_PROXY_SECRET,
      [CLIENT_ADDRESS_HEADER]: `198.18.0.${n}`,
      ...headers,
    },
    body: JSON.stringify(body),
  });
  const data = (await res.json().catch(() => null)) as {
    code?: string;
    message?: string;
    token?: string;
    user?: { id: string; timeZone?: string; phone?: string };
  } | null;
  return { status: res.status, data, token: res.headers.get('set-auth-token') };
}

const signUp = (extra: Record<string, unknown> = {}) =>
  auth('sign-up/email', { name: 'Jo Tester', email: `jo-${n + 1}-${Date.now()}@example.com`, password: STRONG, ...extra });

describe('passwords', () => {
  it.each(['12345678', 'password', 'aaaaaaaa'])('sign-up refuses %s with a clear message and creates nobody', async (password) => {
    const email = `weak-${password}@example.com`;
    const r = await auth('sign-up/email', { name: 'Weak Password', email, password });
    expect(r.status).toBe(400);
    expect(r.data?.code).toBe('PASSWORD_TOO_WEAK');
    expect(r.data?.message).toMatch(/^Choose a stronger password\./);
    expect(await stack.deps.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it('sign-up takes a strong password', async () => {
    const r = await signUp();
    expect(r.status).toBe(200);
    expect(r.token).toBeTruthy();
  });

  it('a password change is judged the same way', async () => {
    const r = await signUp();
    const bearer = { authorization: `Bearer ${r.token}` };
    const weak = await auth('change-password', { currentPassword: STRONG, newPassword: 'password1' }, bearer);
    expect(weak.status).toBe(400);
    expect(weak.data?.code).toBe('PASSWORD_TOO_WEAK');
    const strong = await auth('change-password', { currentPassword: STRONG, newPassword: 'another-quiet-harbour-7' }, bearer);
    expect(strong.status).toBe(200);
  });
});

describe('time zone and phone', () => {
  it('sign-up refuses a zone that is not IANA and a phone that is not a number', async () => {
    const zone = await signUp({ timeZone: 'Not/AZone' });
    expect(zone.status).toBe(400);
    expect(zone.data?.message).toMatch(/time zone/i);
    const phone = await signUp({ phone: 'any string' });
    expect(phone.status).toBe(400);
    expect(phone.data?.message).toMatch(/country code/);
  });

  it('keeps a valid phone as E.164 and the zone given', async () => {
    const r = await signUp({ timeZone: 'America/New_York', phone: '+1 (212) 555-0123' });
    expect(r.status).toBe(200);
    const [row] = await stack.deps.db.select().from(users).where(eq(users.id, r.data!.user!.id));
    expect(row).toMatchObject({ timeZone: 'America/New_York', phone: '+12125550123' });
  });

  it('a later change is validated too', async () => {
    const r = await signUp();
    const bearer = { authorization: `Bearer ${r.token}` };
    expect((await auth('update-user', { timeZone: 'Mars/Olympus' }, bearer)).status).toBe(400);
    expect((await auth('update-user', { phone: '555' }, bearer)).status).toBe(400);
    expect((await auth('update-user', { timeZone: 'Europe/London', phone: '+44 20 7946 0018' }, bearer)).status).toBe(200);
    const [row] = await stack.deps.db.select().from(users).where(eq(users.id, r.data!.user!.id));
    expect(row).toMatchObject({ timeZone: 'Europe/London', phone: '+442079460018' });
  });

  it('a bad zone already stored reads as UTC and breaks nothing', async () => {
    const r = await signUp();
    await stack.deps.db.update(users).set({ timeZone: 'Not/AZone' }).where(eq(users.id, r.data!.user!.id));
    const client = createApiClient({ url: stack.apiUrl, headers: () => ({ authorization: `Bearer ${r.token}` }) });
    expect((await client.account.me.query()).timeZone).toBe('UTC');
    expect(await client.bookings.mine.query({ scope: 'all' })).toEqual([]);
    const found = await client.discovery.search.query({ where: 'New York', country: 'US', coversMe: false });
    expect(found).toBeTruthy();
  });
});

describe('sign-up per address', () => {
  it('one address may create 30 accounts an hour, counted in the database', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await fetch(`${stack.apiUrl}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SITE_SECRET_HEADER]: stack.env.SITE_PROXY_SECRET,
          [CLIENT_ADDRESS_HEADER]: '198.19.5.5',
        },
        body: JSON.stringify({ name: 'Many Accounts', email: `many-${i}@example.com`, password: STRONG }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    const rows = await stack.deps.db.select().from(authRateLimits);
    expect(rows.some((r) => r.key.startsWith('198.19.5.5') && r.count === 30)).toBe(true);
  });
});
