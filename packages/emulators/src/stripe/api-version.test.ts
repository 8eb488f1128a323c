import Stripe from 'stripe';
import { expect, it } from 'vitest';
import { STRIPE_API_VERSION } from './api-version.ts';

it('speaks the API version the installed stripe SDK pins', () => {
  expect(STRIPE_API_VERSION).toBe(Stripe.API_VERSION);
});
