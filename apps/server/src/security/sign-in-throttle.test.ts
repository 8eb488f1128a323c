import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, SITE_SECRET_HEADER } from '@handled/client/site-proxy';
import { createDeps, createLogger } from '../deps.ts';
import { startServer } from '../server.ts';
import { DEMO_PASSWORD, startTestStack, type TestStack } from '@handled/testing';

/**
 * Sign-in throttling over real HTTP: failures per account and per client address, counted in the
 * database. Each case speaks from its own address (named by the site, with its secret), so the
 * cases don't share a budget.
 */
let stack: TestStack;
const PER_ADDRESS = 20;

beforeAll(async () => {
  stack = await startTestStack({ providers: 2, worker: false, env: { SIGNIN_MAX_FAILURES_PER_ADDRESS: String(PER_ADDRESS) } });
});
afterAll(() => stack?.close());

async function signIn(email: string, password: string, opts: { address?: string; secret?: string; url?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.address) {
    headers[CLIENT_ADDRESS_HEADER] = opts.address;
    headers[SITE_SECRET_HEADER] = opts.secret ?? stack.env.SITE_PROXY_SECRET;
  }
  const res = await fetch(`${opts.url ?? stack.apiUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text: await res.text() };
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

describe('sign-in throttle', () => {
  it('per account: 10 wrong passwords, then 429 with a human message — from any address, right password included', async () => {
    const statuses: number[] = [];
    let throttled = { status: 0, retryAfter: null as string | null, text: '' };
    for (let i = 0; i < 200; i++) {
      const r = await signIn('maya@demo.handled.test', `wrong-guess-${i}`, { address: '198.51.100.1' });
      statuses.push(r.status);
      if (r.status === 429) throttled = r;
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    console.log(`200 wrong passwords for one account: ${JSON.stringify(tally(statuses))} (attempts 1–10 got 401, 11–200 got 429)`);
    expect(JSON.parse(throttled.text)).toEqual({
      code: 'TOO_MANY_ATTEMPTS',
      message: 'Too many sign-in attempts. Try again in 15 minutes.',
    });
    expect(Number(throttled.retryAfter)).toBeGreaterThan(14 * 60);
    // The account is held, whoever asks and with whatever password.
    const right = await signIn('maya@demo.handled.test', DEMO_PASSWORD, { address: '198.51.100.2' });
    expect(right.status).toBe(429);
  });

  it('per address: many accounts tried from one address are stopped; other addresses are not', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_ADDRESS + 5; i++)
      statuses.push((await signIn(`nobody-${i}@example.com`, 'wrong-password', { address: '203.0.113.7' })).status);
    expect(statuses.slice(0, PER_ADDRESS).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(PER_ADDRESS).every((s) => s === 429)).toBe(true);
    // The right password from the blocked address waits too; from another address it works.
    expect((await signIn('leo@demo.handled.test', DEMO_PASSWORD, { address: '203.0.113.7' })).status).toBe(429);
    expect((await signIn('leo@demo.handled.test', DEMO_PASSWORD, { address: '203.0.113.8' })).status).toBe(200);
  });

  it('an IPv6 client draws on its /64, whichever address inside it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_ADDRESS + 1; i++)
      statuses.push((await signIn(`v6-${i}@example.com`, 'wrong-password', { address: `2001:db8:7:7::${(i + 1).toString(16)}` })).status);
    expect(statuses.at(-1)).toBe(429);
  });

  it('a success starts the account afresh', async () => {
    const address = '198.51.100.20';
    for (let i = 0; i < 9; i++) expect((await signIn('priya@demo.handled.test', 'not-her-password', { address })).status).toBe(401);
    expect((await signIn('priya@demo.handled.test', DEMO_PASSWORD, { address })).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await signIn('priya@demo.handled.test', 'not-her-password', { address })).status).toBe(401);
  });

  it('answers the same for an unknown email and a wrong password', async () => {
    const unknown = await signIn('no-such-person@example.com', 'some-password-1', { address: '198.51.100.30' });
    const wrong = await signIn('sam@demo.handled.test', 'some-password-1', { address: '198.51.100.31' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.text).toBe(wrong.text);
  });

  it('counts in the database: two API processes on one file share the budget', async () => {
    const env = { ...stack.env, PORT: 0 };
    const deps = await createDeps(env, createLogger('silent'));
    const second = await startServer(env, deps, { worker: false });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const url = i % 2 === 0 ? stack.apiUrl : second.url;
        statuses.push((await signIn('ana@demo.handled.test', `guess-${i}`, { address: `198.51.100.${40 + i}`, url })).status);
      }
      expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    } finally {
      await second.close();
      deps.db.$client.close();
    }
  });

  // Last: it spends the loopback address's budget, which the other cases' setup signs in from.
  it('trusts a named address only with the site secret; otherwise the socket address counts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_ADDRESS + 1; i++) {
      // A caller naming a new address each time, with a wrong secret: all of it is 127.0.0.1.
      statuses.push(
        (await signIn(`spoof-${i}@example.com`, 'wrong-password', { address: `192.0.2.${i + 1}`, secret: 'not-the-site-secret' })).status,
      );
    }
    expect(statuses.at(-1)).toBe(429);
    expect((await signIn('leo@demo.handled.test', DEMO_PASSWORD)).status).toBe(429);
  });
});
