export * from './money.ts';
export * from './pricing.ts';
export * from './errors.ts';
