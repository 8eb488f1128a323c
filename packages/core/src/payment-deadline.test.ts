import { describe, expect, it } from 'vitest';
import { paymentDueAt } from './payment-deadline.ts';

const now = new Date('2026-11-24T10:00:00Z');
const h = (n: number) => new Date(now.getTime() + n * 3_600_000);

describe('paymentDueAt', () => {
  it('gives the full allowance when the job is far off', () => {
    expect(paymentDueAt(now, h(24 * 10), { maxDays: 3 })).toEqual(h(72));
  });
  it('is due two hours before a job that starts sooner than the allowance', () => {
    expect(paymentDueAt(now, h(20), { maxDays: 3 })).toEqual(h(18));
  });
  it('never falls after the start, and never sooner than half an hour from now', () => {
    const due = paymentDueAt(now, h(2.25), { maxDays: 3 });
    expect(due).toEqual(h(0.5));
    expect(due.getTime()).toBeLessThan(h(2.25).getTime());
  });
});
