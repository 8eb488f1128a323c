// The server's webhook routes: each verifies and stores an event, and a job processes it.
export { ingestStripeWebhook } from './services/payments/stripe-events.ts';
export { ingestCalcomWebhook } from './services/calendar/webhooks.ts';
