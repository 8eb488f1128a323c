// zod schemas for what people type: a booking request, an address, a phone number.
export * from './address.ts';
export * from './booking-request.ts';
export * from './phone.ts';
export * from './account.ts';
export * from './onboarding.ts';
export * from './reputation.ts';
