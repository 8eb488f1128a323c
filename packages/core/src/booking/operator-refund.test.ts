import { describe, expect, it } from 'vitest';
import { transition } from './state-machine.ts';
import { admin, at, booking, client, HOUR, price } from './test-fixtures.ts';

/** An operator's cancellation with the refund they chose (issue 18): full, as the policy gives, or a custom amount. */
describe('operator refunds on cancel', () => {
  const paid = booking({ status: 'confirmed', paymentStatus: 'paid', amountPaid: price.total, policy: { ...booking().policy } });
  const late = at(-2 * HOUR);

  it('full: everything paid goes back, nothing is kept', () => {
    const r = transition(paid, { type: 'cancel', reason: 'Operator', refund: { kind: 'full' } }, admin, late);
    expect(r.patch.refundAmount).toBe(price.total);
    expect(r.patch.cancellationFee).toBe(0);
  });

  it("policy: what the client's cancellation would give at that moment, without charging more", () => {
    const asClient = transition(paid, { type: 'cancel', reason: 'Client' }, client, late);
    const r = transition(paid, { type: 'cancel', reason: 'Operator', refund: { kind: 'policy' } }, admin, late);
    expect(r.patch.refundAmount).toBe(asClient.patch.refundAmount);
    expect(r.patch.cancellationFee).toBe(asClient.patch.cancellationFee);
    expect(r.effects.some((e) => e.type === 'charge_cancellation_fee')).toBe(false);
  });

  it('custom: the amount goes back and the rest is a fee paid out to the provider; more than was paid is refused', () => {
    const r = transition(paid, { type: 'cancel', reason: 'Operator', refund: { kind: 'custom', amount: 1000 } }, admin, late);
    expect(r.patch.refundAmount).toBe(1000);
    expect(r.patch.cancellationFee).toBe(price.total - 1000);
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'refund', amount: 1000 }));
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'schedule_fee_payout', fee: price.total - 1000 }));
    expect(() =>
      transition(paid, { type: 'cancel', reason: 'Operator', refund: { kind: 'custom', amount: price.total + 1 } }, admin, late),
    ).toThrow(/between nothing and what the client paid/);
  });

  it('is ignored for anyone but an operator', () => {
    const asClient = transition(paid, { type: 'cancel', reason: 'Client' }, client, late);
    const r = transition(paid, { type: 'cancel', reason: 'Client', refund: { kind: 'full' } }, client, late);
    expect(r.patch).toEqual(asClient.patch);
  });
});
