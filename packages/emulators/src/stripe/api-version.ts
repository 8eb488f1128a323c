/**
 * The one API version the emulator speaks: the default pinned by the installed stripe-node
 * (`Stripe.API_VERSION`); `api-version.test.ts` fails when an SDK upgrade moves it.
 */
export const STRIPE_API_VERSION = '2026-10-28.endive';
