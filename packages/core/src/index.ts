export * from './money.ts';
export * from './pricing.ts';
export * from './errors.ts';
export * from './booking/index.ts';
