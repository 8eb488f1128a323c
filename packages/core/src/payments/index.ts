// Money after a booking is priced: fees and payout splits, when payment is due, instalment plans, the ledger.
export * from '../fees.ts';
export * from '../payment-deadline.ts';
export * from './plan.ts';
export * from './ledger.ts';
