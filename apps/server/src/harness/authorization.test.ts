import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProcedures, callOverHttp, type ProcedureInfo } from './procedures.ts';
import { startTestStack, type TestStack } from '@handled/testing';
import { createBookingFor } from '@handled/testing/fixtures';

/**
 * Every tRPC procedure, called as anonymous, as a user of the wrong role, and as a non-owner of
 * the resource, must refuse. Procedures are enumerated from the router, so new ones join here.
 */
let stack: TestStack;
let auth: Record<'maya' | 'leo' | 'sam' | 'priya' | 'ana', { authorization: string }>;
let bookingId: string;
const procedures = allProcedures();

beforeAll(async () => {
  stack = await startTestStack();
  const tokens = await Promise.all(
    (['maya', 'leo', 'sam', 'priya', 'ana'] as const).map(
      async (n) => [n, { authorization: `Bearer ${(await stack.signIn(`${n}@demo.handled.test`)).token}` }] as const,
    ),
  );
  auth = Object.fromEntries(tokens) as typeof auth;
  bookingId = (await createBookingFor(stack, 'maya@demo.handled.test', 'sam@demo.handled.test')).id;
});
afterAll(() => stack?.close());

// A well-formed input for procedures on one booking (zod drops the keys a procedure doesn't use),
// so a refusal is about who asks, not about the input's shape.
const sampleInput = (p: ProcedureInfo) =>
  p.meta.ownedBy === 'booking'
    ? {
        id: bookingId,
        bookingId,
        reason: 'Harness check',
        rating: 5,
        body: 'Harness check',
        notes: 'Harness check',
        checklist: [],
        expectedFee: 0,
        amount: 500,
        description: 'Harness check',
        receiptId: bookingId,
        expenseId: bookingId,
      }
    : undefined;

describe('authorization harness', () => {
  it('finds the procedures and each declares who may call it', () => {
    expect(procedures.length).toBeGreaterThan(8);
    for (const p of procedures) expect(['public', 'user', 'bot', 'client', 'provider', 'admin', 'operator']).toContain(p.meta.access);
  });

  it.each(procedures.filter((p) => p.meta.access !== 'public').map((p) => [p.path, p] as const))(
    'anonymous callers are refused by %s',
    async (_path, p) => {
      const res = await callOverHttp(stack.apiUrl, p, sampleInput(p));
      expect(res.status, `${p.path} answered ${res.status}`).toBe(p.meta.access === 'bot' ? 403 : 401);
    },
  );

  const wrongRole: Record<string, ('maya' | 'sam' | 'ana')[]> = {
    client: ['sam'],
    provider: ['maya'],
    admin: ['maya', 'sam'],
    operator: ['maya', 'sam'],
    bot: ['maya', 'sam', 'ana'],
  };
  it.each(procedures.filter((p) => wrongRole[p.meta.access]).map((p) => [p.path, p] as const))(
    'users of another role are refused by %s',
    async (_path, p) => {
      for (const who of wrongRole[p.meta.access] ?? []) {
        const res = await callOverHttp(stack.apiUrl, p, sampleInput(p), auth[who]);
        expect(res.status, `${p.path} as ${who} answered ${res.status}`).toBe(403);
      }
    },
  );

  it.each(procedures.filter((p) => p.meta.ownedBy === 'booking').map((p) => [p.path, p] as const))(
    'another client and another provider cannot reach the booking through %s',
    async (_path, p) => {
      const strangers =
        p.meta.access === 'client' ? (['leo'] as const) : p.meta.access === 'provider' ? (['priya'] as const) : (['leo', 'priya'] as const);
      for (const who of strangers) {
        const res = await callOverHttp(stack.apiUrl, p, sampleInput(p), auth[who]);
        expect([403, 404], `${p.path} as ${who} answered ${res.status}`).toContain(res.status);
      }
      // The owner does get through (so the refusals above are about ownership, not a broken call).
      const owner = p.meta.access === 'provider' ? 'sam' : 'maya';
      if (p.type === 'query') {
        const ok = await callOverHttp(stack.apiUrl, p, sampleInput(p), auth[owner]);
        expect(ok.status).toBe(200);
      }
    },
  );

  it("a client's booking list never contains another client's booking", async () => {
    const mine = await (await stack.clientAs('leo@demo.handled.test')).bookings.mine.query({ scope: 'all' });
    expect(mine.map((b) => b.id)).not.toContain(bookingId);
    const theirs = await (await stack.clientAs('priya@demo.handled.test')).bookings.forProvider.query({ scope: 'all' });
    expect(theirs.map((b) => b.id)).not.toContain(bookingId);
  });
});
