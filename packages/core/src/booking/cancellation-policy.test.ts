import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceBooking } from '../pricing.ts';
import {
  cancellationPolicies,
  cancellationPolicySnapshotSchema,
  cancellationQuote,
  feeBpsAt,
  freeCancellationUntil,
  policySnapshot,
  type CancellationPolicySnapshot,
} from './cancellation-policy.ts';
import { at, HOUR, price, STARTS_AT } from './test-fixtures.ts';

const MS = 1;
const DAY = 24 * HOUR;

describe('preset boundaries', () => {
  // [policy, lead time before the start, expected fee in basis points of the service]
  const cases: [keyof typeof cancellationPolicies, number, number][] = [
    ['flexible', 30 * DAY, 0],
    ['flexible', 24 * HOUR, 0],
    ['flexible', 24 * HOUR - MS, 5_000],
    ['flexible', 1 * HOUR, 5_000],
    ['flexible', 0, 5_000],
    ['flexible', -2 * HOUR, 5_000],
    ['moderate', 48 * HOUR, 0],
    ['moderate', 48 * HOUR - MS, 5_000],
    ['moderate', 12 * HOUR, 5_000],
    ['moderate', 12 * HOUR - MS, 10_000],
    ['moderate', -1 * HOUR, 10_000],
    ['strict', 7 * DAY, 0],
    ['strict', 7 * DAY - MS, 5_000],
    ['strict', 48 * HOUR, 5_000],
    ['strict', 48 * HOUR - MS, 10_000],
    ['strict', 0, 10_000],
  ];
  it.each(cases)('%s, %d ms before the start: %d bps', (name, lead, bps) => {
    const policy = policySnapshot(name);
    expect(feeBpsAt(policy, STARTS_AT, at(-lead))).toBe(bps);
    const q = cancellationQuote(policy, price, STARTS_AT, at(-lead), 'client', price.total);
    expect(q.feeBps).toBe(bps);
    expect(q.fee).toBe((price.service * bps) / 10_000);
    expect(q.refund).toBe(price.total - q.fee);
    expect(q.charge).toBe(0);
  });

  it('names when free cancellation ends', () => {
    expect(freeCancellationUntil(policySnapshot('flexible'), STARTS_AT)).toEqual(at(-24 * HOUR));
    expect(freeCancellationUntil(policySnapshot('moderate'), STARTS_AT)).toEqual(at(-48 * HOUR));
    expect(freeCancellationUntil(policySnapshot('strict'), STARTS_AT)).toEqual(at(-7 * DAY));
    expect(freeCancellationUntil({ name: 'flexible', tiers: [] }, STARTS_AT)).toBeNull();
    expect(cancellationQuote(policySnapshot('strict'), price, STARTS_AT, at(-DAY), 'client', 0).freeUntil).toEqual(at(-7 * DAY));
  });
});

describe('cancellationQuote', () => {
  it('charges only the service: the platform fee and tax go back', () => {
    const q = cancellationQuote(policySnapshot('flexible'), price, STARTS_AT, at(-HOUR), 'client', price.total);
    expect(q).toMatchObject({ fee: 5_000, refund: 6_419, charge: 0 });
    expect(q.explanation).toContain('$50.00');
    expect(q.explanation).toContain('$64.19');
    expect(q.explanation).toContain('less than 24 hours before the start');
  });

  it('is free for everybody but the client, even after the start', () => {
    for (const kind of ['provider', 'admin', 'system'] as const) {
      const q = cancellationQuote(policySnapshot('strict'), price, STARTS_AT, at(HOUR), kind, price.total);
      expect(q).toMatchObject({ fee: 0, refund: price.total, charge: 0, freeUntil: null });
    }
  });

  it('collects the rest of the fee when too little was paid', () => {
    const deposit = cancellationQuote(policySnapshot('strict'), price, STARTS_AT, at(-HOUR), 'client', 3_000);
    expect(deposit).toMatchObject({ fee: 10_000, refund: 0, charge: 7_000 });
    expect(deposit.explanation).toContain('$70.00 will be charged on top of the $30.00 you paid');
    const nothing = cancellationQuote(policySnapshot('flexible'), price, STARTS_AT, at(-HOUR), 'client', 0);
    expect(nothing).toMatchObject({ fee: 5_000, refund: 0, charge: 5_000 });
  });

  it('says when cancelling is free', () => {
    const q = cancellationQuote(policySnapshot('moderate'), price, STARTS_AT, at(-3 * DAY), 'client', price.total);
    expect(q).toMatchObject({ fee: 0, refund: price.total, charge: 0 });
    expect(q.explanation).toBe('Cancelling now is free: you get back everything you paid ($114.19).');
  });

  it('rounds half a cent away from zero, once', () => {
    const odd = { ...price, service: 1_001, platformFee: 200, tax: 0, total: 1_201 };
    const q = cancellationQuote(policySnapshot('flexible'), odd, STARTS_AT, at(-HOUR), 'client', 2_000);
    expect(q.fee).toBe(501);
    expect(q.refund).toBe(1_499);
  });

  it('rejects an amount paid that is not whole minor units', () => {
    const p = policySnapshot('flexible');
    expect(() => cancellationQuote(p, price, STARTS_AT, at(0), 'client', -1)).toThrow(RangeError);
    expect(() => cancellationQuote(p, price, STARTS_AT, at(0), 'client', 1.5)).toThrow(RangeError);
  });
});

describe('policy snapshots', () => {
  it("copies the preset, so editing a booking's rules never edits the preset", () => {
    const s = policySnapshot('moderate');
    expect(s).toEqual(cancellationPolicies.moderate);
    s.tiers[0]!.feeBps = 0;
    expect(cancellationPolicies.moderate.tiers[0]!.feeBps).toBe(5_000);
  });

  it('round-trips through JSON and the schema; rejects nonsense', () => {
    const s = policySnapshot('strict');
    expect(cancellationPolicySnapshotSchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(cancellationPolicySnapshotSchema.safeParse({ name: 'lenient', tiers: [] }).success).toBe(false);
    expect(cancellationPolicySnapshotSchema.safeParse({ name: 'strict', tiers: [{ withinHours: 5, feeBps: 12_000 }] }).success).toBe(false);
  });
});

describe('properties', () => {
  const policyArb: fc.Arbitrary<CancellationPolicySnapshot> = fc.oneof(
    fc.constantFrom(...Object.values(cancellationPolicies)),
    fc.record({
      name: fc.constantFrom('flexible' as const, 'moderate' as const, 'strict' as const),
      tiers: fc.array(fc.record({ withinHours: fc.integer({ min: 1, max: 24 * 60 }), feeBps: fc.integer({ min: 0, max: 10_000 }) }), {
        maxLength: 4,
      }),
    }),
  );
  const priceArb = fc
    .record({
      rate: fc.integer({ min: 25, max: 25_000 }).map((r) => r * 4),
      quarters: fc.integer({ min: 1, max: 40 }),
      taxBps: fc.integer({ min: 0, max: 2_500 }),
    })
    .map(({ rate, quarters, taxBps }) => priceBooking({ hourlyRate: rate, currency: 'USD', hours: quarters / 4, taxBps }));
  const leadArb = fc.integer({ min: -3 * DAY, max: 60 * DAY });
  const actorArb = fc.constantFrom('client' as const, 'provider' as const, 'admin' as const, 'system' as const);

  it('fee + refund == amount paid + charge; nothing negative; fee within the service', () => {
    fc.assert(
      fc.property(policyArb, priceArb, leadArb, actorArb, fc.integer({ min: 0, max: 1_000_000 }), (policy, p, lead, actor, paid) => {
        const q = cancellationQuote(policy, p, STARTS_AT, at(-lead), actor, paid);
        expect(q.fee + q.refund).toBe(paid + q.charge);
        expect(Math.min(q.fee, q.refund, q.charge)).toBeGreaterThanOrEqual(0);
        expect(q.fee).toBeLessThanOrEqual(p.service);
        if (paid >= q.fee) expect(q.charge).toBe(0);
        if (actor !== 'client') expect(q.fee).toBe(0);
      }),
    );
  });

  it('paid in full, fee + refund is exactly the amount paid', () => {
    fc.assert(
      fc.property(policyArb, priceArb, leadArb, (policy, p, lead) => {
        const q = cancellationQuote(policy, p, STARTS_AT, at(-lead), 'client', p.total);
        expect(q.fee + q.refund).toBe(p.total);
        expect(q.charge).toBe(0);
      }),
    );
  });

  it('never gets cheaper as the start comes closer', () => {
    fc.assert(
      fc.property(policyArb, priceArb, leadArb, leadArb, (policy, p, a, b) => {
        const [earlier, later] = a >= b ? [a, b] : [b, a];
        const early = cancellationQuote(policy, p, STARTS_AT, at(-earlier), 'client', p.total);
        const late = cancellationQuote(policy, p, STARTS_AT, at(-later), 'client', p.total);
        expect(late.fee).toBeGreaterThanOrEqual(early.fee);
      }),
    );
  });
});
