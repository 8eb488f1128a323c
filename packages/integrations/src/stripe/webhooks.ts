import type Stripe from 'stripe';

/** Verifies a Stripe webhook's signature against the raw body (tolerance 300 s) and returns the event. */
export function verifyStripeEvent(stripe: Stripe, rawBody: string, signature: string, secret: string): Stripe.Event {
  return stripe.webhooks.constructEvent(rawBody, signature, secret, 300);
}
