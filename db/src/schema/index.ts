export * from './auth.ts';
export * from './providers.ts';
export * from './bookings.ts';
export * from './payments.ts';
export * from './system.ts';
export * from './receipts.ts';
export * from './security.ts';
export * from './availability.ts';
