// Booking use cases called directly, without a router: race tests and benchmarks drive them in-process.
export { requestBooking } from './services/bookings/request-booking.ts';
export { acceptChange, proposeChange } from './services/bookings/changes.ts';
export { loadAvailability, slotsFor } from './services/availability.ts';
export { recountReliability } from './services/reliability.ts';
