// The server's webhook routes: each verifies and stores an event, and a job processes it.
export { ingestStripeWebhook } from './services/payments/stripe-events.ts';
export { ingestCalcomWebhook } from './services/calendar/webhooks.ts';
// Notifications: delivery status from Resend and Twilio, SMS STOP, unsubscribe links.
export {
  recordEmailEvent,
  resendEventSchema,
  recordSmsStatus,
  twilioStatusSchema,
  handleInboundSms,
  twilioInboundSchema,
} from './services/notifications/delivery-status.ts';
export { unsubscribeByLink } from './services/notifications/unsubscribe.ts';
