import { describe, expect, it } from 'vitest';
import { nextPayment, paymentTotals, scheduleRows, type PaymentsForSchedule } from './payment-schedule';

const invoice = (over: Partial<PaymentsForSchedule['invoices'][number]> = {}) => ({
  id: 'inv1',
  number: 'HD-0001',
  status: 'open',
  total: 20_000,
  amountPaid: 0,
  amountRemaining: 20_000,
  hostedUrl: 'https://pay.example/inv1',
  pdfUrl: 'https://pay.example/inv1.pdf',
  ...over,
});
const instalment = (seq: number, status: string, over: Partial<PaymentsForSchedule['instalments'][number]> = {}) => ({
  seq,
  kind: 'instalment',
  amount: 10_000,
  dueAt: `2026-12-0${seq}T17:00:00.000Z`,
  status,
  paidAt: status === 'paid' ? '2026-11-30T10:00:00.000Z' : null,
  invoiceId: 'inv1',
  cancelsAt: null,
  ...over,
});
const view = (over: Partial<PaymentsForSchedule>): PaymentsForSchedule => ({
  currency: 'USD',
  total: 20_000,
  status: 'open',
  invoices: [invoice()],
  instalments: [],
  refunds: [],
  ...over,
});

describe('payment schedule', () => {
  it('a later invoice (materials, extra hours) is an additional payment', () => {
    const v = view({
      invoices: [invoice({ status: 'paid' }), invoice({ id: 'inv2', total: 1840, status: 'open' })],
      instalments: [
        instalment(1, 'paid', { kind: 'full', amount: 20_000 }),
        instalment(2, 'open', { kind: 'full', amount: 1840, invoiceId: 'inv2' }),
      ],
    });
    expect(scheduleRows(v).map((r) => r.label)).toEqual(['Full payment', 'Additional payment']);
  });

  it('a closed booking asks for nothing, before its invoice is voided: no pay link, nothing still to pay', () => {
    const v = view({ instalments: [instalment(1, 'open', { kind: 'full', amount: 20_000 })] });
    expect(nextPayment(scheduleRows(v))?.payUrl).toBe('https://pay.example/inv1');
    const closed = scheduleRows(v, { closed: true });
    expect(closed.map((r) => [r.state, r.payUrl])).toEqual([['void', null]]);
    expect(nextPayment(closed)).toBeNull();
    expect(paymentTotals(v, { closed: true }).remaining).toBe(0);
  });

  it('two instalments, the first paid: one paid row, the next one due with the pay link, totals paid and remaining', () => {
    const v = view({
      status: 'partially_paid',
      invoices: [invoice({ amountPaid: 10_000, amountRemaining: 10_000 })],
      instalments: [instalment(1, 'paid'), instalment(2, 'open')],
    });
    const rows = scheduleRows(v);
    expect(rows.map((r) => [r.label, r.state])).toEqual([
      ['Instalment 1 of 2', 'paid'],
      ['Instalment 2 of 2', 'due'],
    ]);
    expect(rows[0]?.payUrl).toBeNull();
    expect(nextPayment(rows)?.seq).toBe(2);
    expect(nextPayment(rows)?.payUrl).toBe('https://pay.example/inv1');
    expect(paymentTotals(v)).toEqual({ paid: 10_000, remaining: 10_000, refunded: 0 });
  });

  it('only the first unpaid payment links to the hosted page (it always takes the next one)', () => {
    const rows = scheduleRows(view({ instalments: [instalment(1, 'open'), instalment(2, 'open')] }));
    expect(rows.map((r) => r.payUrl !== null)).toEqual([true, false]);
  });

  it('money on the invoice beyond the paid rows shows as a partly paid payment', () => {
    const rows = scheduleRows(
      view({
        invoices: [invoice({ amountPaid: 4_000, amountRemaining: 16_000 })],
        instalments: [instalment(1, 'open', { kind: 'full', amount: 20_000 })],
      }),
    );
    expect(rows[0]).toMatchObject({ label: 'Full payment', state: 'partially_paid', amountPaid: 4_000 });
  });

  it('an overdue payment carries the date the booking is cancelled; deposit and balance are named', () => {
    const rows = scheduleRows(
      view({
        instalments: [
          instalment(1, 'paid', { kind: 'deposit', amount: 6_000 }),
          instalment(2, 'overdue', { kind: 'balance', amount: 14_000, cancelsAt: '2026-12-05T17:00:00.000Z' }),
        ],
        invoices: [invoice({ amountPaid: 6_000, amountRemaining: 14_000 })],
      }),
    );
    expect(rows.map((r) => r.label)).toEqual(['Deposit', 'Balance after the job']);
    expect(rows[1]).toMatchObject({ state: 'overdue', cancelsAt: '2026-12-05T17:00:00.000Z', payUrl: 'https://pay.example/inv1' });
  });

  it('a voided invoice is not counted and cannot be paid; refunds add up', () => {
    const v = view({
      invoices: [invoice({ status: 'void', amountRemaining: 0 })],
      instalments: [instalment(1, 'void', { kind: 'full', amount: 20_000 })],
      refunds: [
        { amount: 500, status: 'succeeded' },
        { amount: 900, status: 'failed' },
      ],
    });
    const rows = scheduleRows(v);
    expect(rows[0]).toMatchObject({ state: 'void', payUrl: null });
    expect(paymentTotals(v)).toEqual({ paid: 0, remaining: 0, refunded: 500 });
  });
});
