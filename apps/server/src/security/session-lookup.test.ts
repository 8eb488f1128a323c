import { TRPCClientError } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '@handled/client';
import { sessions, users } from '@handled/db/schema';
import { demoEmails } from '@handled/db/seed';
import { startTestStack, type TestStack } from '@handled/testing';

/**
 * The session lookup (session-lookup.ts) answers a credential better-auth has already accepted
 * from one read of its session and person. These tests use each credential at least twice before
 * what they check, so the answer comes from that read, and show it is exactly better-auth's:
 * revocations and changes count from the very next request.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ providers: 4, worker: false });
}, 120_000);
afterAll(() => stack?.close());

const DAY = 86_400_000;
const desk = (token: string) => createApiClient({ url: stack.apiUrl, headers: () => ({ authorization: `Bearer ${token}` }) });
const site = (cookie: string) => createApiClient({ url: stack.apiUrl, headers: () => ({ cookie }) });
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'answered',
    (e: unknown) => (e instanceof TRPCClientError ? (e.data as { code?: string } | undefined)?.code : String(e)),
  );
/** The bearer token is the session's token and its signature: `token.signature`. */
const stored = (bearer: string) => bearer.split('.')[0]!;
const sessionOf = async (bearer: string) =>
  (
    await stack.deps.db
      .select()
      .from(sessions)
      .where(eq(sessions.token, stored(bearer)))
  )[0];

describe('a proven credential, asked again', () => {
  it('stops working at once when the person signs out, for the bearer token and the cookie alike', async () => {
    const { token, cookie } = await stack.signIn(demoEmails.leo);
    const byToken = desk(token);
    const byCookie = site(cookie);
    for (let i = 0; i < 3; i++) {
      expect((await byToken.account.me.query()).email).toBe(demoEmails.leo);
      expect((await byCookie.account.me.query()).email).toBe(demoEmails.leo);
    }
    const out = await fetch(`${stack.apiUrl}/api/auth/sign-out`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin: stack.env.WEB_URL, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.ok).toBe(true);
    expect(await refusal(byToken.account.me.query())).toBe('UNAUTHORIZED');
    expect(await refusal(byCookie.account.me.query())).toBe('UNAUTHORIZED');
  });

  it('stops working once an operator suspends the person, and another token is never taken for a known one', async () => {
    const { token } = await stack.signIn(demoEmails.maya);
    const maya = desk(token);
    const me = await maya.account.me.query();
    await maya.account.me.query();
    expect(await refusal(desk(`${token}x`).account.me.query())).toBe('UNAUTHORIZED');
    const ana = await stack.clientAs(demoEmails.ana);
    await ana.operator.suspend.mutate({ userId: me.id, reason: 'Session lookup test', openBookings: 'keep' });
    expect(await refusal(maya.account.me.query())).toBe('UNAUTHORIZED');
    await ana.operator.reactivate.mutate({ userId: me.id, reason: 'Session lookup test' });
  });

  it('reads the person afresh on every request: a new role or name counts from the next one', async () => {
    const { token } = await stack.signIn(demoEmails.leo);
    const leo = desk(token);
    const before = await leo.account.me.query();
    await leo.account.me.query();
    await stack.deps.db.update(users).set({ name: 'Leo Renamed', role: 'support' }).where(eq(users.id, before.id));
    const after = await leo.account.me.query();
    expect(after).toMatchObject({ name: 'Leo Renamed', role: 'support' });
    await stack.deps.db.update(users).set({ name: before.name, role: before.role }).where(eq(users.id, before.id));
    expect(await leo.account.me.query()).toMatchObject({ name: before.name, role: before.role });
  });

  it('leaves a session due for its daily refresh to better-auth, which extends it; an expired one is refused', async () => {
    const { token } = await stack.signIn(demoEmails.leo);
    const leo = desk(token);
    await leo.account.me.query();
    await leo.account.me.query();
    // Last refreshed two days ago: due.
    await stack.deps.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + 28 * DAY) })
      .where(eq(sessions.token, stored(token)));
    await leo.account.me.query();
    expect((await sessionOf(token))!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
    await leo.account.me.query();
    await stack.deps.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.token, stored(token)));
    expect(await refusal(leo.account.me.query())).toBe('UNAUTHORIZED');
    expect(await sessionOf(token)).toBeUndefined();
  });
});
