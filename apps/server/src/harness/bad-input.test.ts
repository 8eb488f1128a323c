import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProcedures, callOverHttp } from './procedures.ts';
import { startTestStack, type TestStack } from '@handled/testing';
import { isoSlotsOf } from '@handled/core/availability';

/** Malformed input to every procedure gets a typed 4xx with a message, never a 500. */
let stack: TestStack;
let headersFor: Record<string, Record<string, string>>;
const procedures = allProcedures();

const garbage: unknown[] = [
  'not an object',
  42,
  [1, 2, 3],
  null,
  { id: { nested: true }, providerId: 7, startsAt: 'yesterday', hours: -3, from: 'soon', to: 5, scope: 'everything' },
  { id: 'x'.repeat(5000), hours: 1e9, details: '<script>alert(1)</script>', address: { country: 'ZZ' } },
];

beforeAll(async () => {
  stack = await startTestStack({ providers: 4 });
  const as = async (email: string) => ({ authorization: `Bearer ${(await stack.signIn(email)).token}` });
  headersFor = {
    public: {},
    user: await as('maya@demo.handled.test'),
    client: await as('maya@demo.handled.test'),
    provider: await as('sam@demo.handled.test'),
    admin: await as('ana@demo.handled.test'),
    operator: await as('ana@demo.handled.test'),
    bot: { 'x-handled-bot-secret': stack.env.BOT_SERVICE_SECRET },
  };
});
afterAll(() => stack?.close());

describe('bad-input harness', () => {
  it.each(procedures.map((p) => [p.path, p] as const))('%s answers malformed input with a typed 4xx', async (_path, p) => {
    const statuses: number[] = [];
    for (const input of garbage) {
      const res = await callOverHttp(stack.apiUrl, p, input, headersFor[p.meta.access]);
      expect(res.status, `${p.path} with ${JSON.stringify(input)?.slice(0, 80)} answered ${res.status}: ${res.message}`).toBeLessThan(500);
      if (res.status >= 400) expect(res.message, `${p.path} gave no message`).toBeTruthy();
      statuses.push(res.status);
    }
    if (p.hasInput) expect(statuses.filter((s) => s === 400).length, `${p.path} accepted garbage`).toBeGreaterThan(0);
  });

  it('nothing half-written: a failure after the booking and its event are written leaves no row behind', async () => {
    const client = headersFor['client']!;
    const p = procedures.find((x) => x.path === 'bookings.request');
    if (!p) throw new Error('bookings.request is not in the router');
    const sam = await stack.anonymous.catalog.provider.query({ id: 'sam-okafor' });
    const now = stack.deps.now();
    const answer = await stack.anonymous.catalog.slots.query({
      providerId: sam.id,
      from: now.toISOString(),
      to: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
      hours: 2,
      viewerTimeZone: 'UTC',
    });
    const slot = isoSlotsOf(answer)[0];
    if (!slot) throw new Error('Sam has no free slot in two weeks');
    const request = {
      providerId: sam.id,
      categoryId: sam.categories[0]!.id,
      startsAt: slot.start,
      hours: 2,
      details: 'Fix the tap please',
      address: { line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US' },
      contactPhone: '+1 212 555 0100',
    };
    const counts = async () => {
      const r = await stack.deps.db.$client.execute(
        'select (select count(*) from booking) as b, (select count(*) from booking_event) as e, (select count(*) from job) as j',
      );
      return r.rows[0];
    };
    const before = await counts();
    // The fault strikes the last write of the transaction: the booking and its event rows are
    // already written when the first job insert aborts.
    await stack.deps.db.$client.execute(
      "create trigger inject_fault before insert on job begin select raise(abort, 'injected fault'); end",
    );
    try {
      const res = await callOverHttp(stack.apiUrl, p, request, client);
      expect(res.status).toBe(500);
      // The fault's words (the failed query, its SQL and values) stay in the server's log.
      expect(res.message).toBe('Something went wrong on our side. Please try again.');
      expect(res.message).not.toMatch(/injected|trigger|sqlite|insert|params/i);
    } finally {
      await stack.deps.db.$client.execute('drop trigger inject_fault');
    }
    expect(await counts()).toEqual(before);
    // The slot was never taken: the same request now succeeds.
    const again = await callOverHttp(stack.apiUrl, p, request, client);
    expect(again.status).toBe(200);
  });
});
