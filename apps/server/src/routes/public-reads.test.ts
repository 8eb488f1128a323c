import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@handled/testing';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ providers: 6, worker: false });
}, 120_000);
afterAll(() => stack?.close());

const input = () => {
  const now = stack.deps.now().getTime();
  return {
    providerId: 'sam-okafor',
    from: new Date(now).toISOString(),
    to: new Date(now + 30 * 86_400_000).toISOString(),
    hours: 2,
    viewerTimeZone: 'Europe/London',
  };
};
const get = (query: string) => fetch(`${stack.apiUrl}/trpc/catalog.slots?${query}`);

describe('public reads over plain GET', () => {
  it('answers exactly what the tRPC procedure answers, alone or as a batch of one', async () => {
    const i = input();
    // Two calls in one tick go out as one batch the fast path leaves to tRPC.
    const [viaTrpc] = await Promise.all([stack.anonymous.catalog.slots.query(i), stack.anonymous.catalog.categories.query()]);
    const plain = await get(`input=${encodeURIComponent(JSON.stringify(i))}`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toMatch(/application\/json/);
    expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await plain.json()).toEqual({ result: { data: viaTrpc } });
    const batch = await get(`batch=1&input=${encodeURIComponent(JSON.stringify({ 0: i }))}`);
    expect(await batch.json()).toEqual([{ result: { data: viaTrpc } }]);
    // The server answers in front of the app (nodePublicReads); the app's own middleware answers the same
    // (an in-memory answer has no content-length).
    const inApp = await stack.server.app.request(`/trpc/catalog.slots?input=${encodeURIComponent(JSON.stringify(i))}`);
    expect(inApp.status).toBe(200);
    expect(await inApp.json()).toEqual({ result: { data: viaTrpc } });
    const plainAgain = await get(`input=${encodeURIComponent(JSON.stringify(i))}`);
    const comparable = (res: Response) =>
      Object.fromEntries([...res.headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(name)));
    expect(comparable(inApp)).toEqual(comparable(plainAgain));
    expect(viaTrpc.days.length).toBeGreaterThan(5);
  });

  it("carries the same security and CORS headers as the app's other answers, for any origin", async () => {
    const query = `input=${encodeURIComponent(JSON.stringify(input()))}`;
    const comparable = (res: Response) =>
      Object.fromEntries([...res.headers].filter(([name]) => !['content-length', 'date', 'content-type', 'vary'].includes(name)));
    for (const origin of [undefined, 'handled-desk://app', 'https://elsewhere.example']) {
      const headers: Record<string, string> = origin ? { origin } : {};
      const plain = await fetch(`${stack.apiUrl}/trpc/catalog.slots?${query}`, { headers });
      // catalog.categories has no fast path: tRPC answers it behind the app's header middlewares.
      const viaTrpc = await fetch(`${stack.apiUrl}/trpc/catalog.categories`, { headers });
      expect(plain.status).toBe(200);
      expect(comparable(plain)).toEqual(comparable(viaTrpc));
      expect(plain.headers.get('vary')).toBe('trpc-accept, accept, Origin');
      expect(plain.headers.get('access-control-allow-origin')).toBe(origin === 'handled-desk://app' ? origin : null);
      expect(plain.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
  });

  it('leaves bad input and errors to tRPC, which words them as always', async () => {
    const badZone = await get(`input=${encodeURIComponent(JSON.stringify({ ...input(), viewerTimeZone: 'Mars/Olympus' }))}`);
    expect(badZone.status).toBe(400);
    expect(((await badZone.json()) as { error: { data: { zodError: unknown } } }).error.data.zodError).toBeTruthy();
    const nobody = await get(`input=${encodeURIComponent(JSON.stringify({ ...input(), providerId: 'nobody-here' }))}`);
    expect(nobody.status).toBe(404);
    expect(((await nobody.json()) as { error: { message: string } }).error.message).toBe('We could not find that provider.');
    expect((await get('input=%7Bnot-json')).status).toBe(400);
  });

  it('answers discovery.search as tRPC does for a visitor, and leaves signed-in viewers to tRPC', async () => {
    const q = { where: '10001', radiusKm: 30, pageSize: 8 };
    const [viaTrpc] = await Promise.all([stack.anonymous.discovery.search.query(q), stack.anonymous.catalog.categories.query()]);
    const plain = await fetch(`${stack.apiUrl}/trpc/discovery.search?input=${encodeURIComponent(JSON.stringify(q))}`);
    expect(await plain.json()).toEqual({ result: { data: viaTrpc } });
    expect(viaTrpc.items.length).toBeGreaterThan(0);
    // A client's favourites are marked on their cards: that answer comes from tRPC with their session.
    const maya = await stack.clientAs('maya@demo.handled.test');
    const first = viaTrpc.items[0]!;
    await maya.favourites.set.mutate({ providerId: first.id, favourite: true });
    const mine = await maya.discovery.search.query(q);
    expect(mine.items.find((i) => i.id === first.id)?.favourite).toBe(true);
  });
});
