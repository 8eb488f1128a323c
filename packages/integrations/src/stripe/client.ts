import Stripe from 'stripe';

/** The one Stripe API version we speak; the emulator speaks the same. */
export const STRIPE_API_VERSION = '2026-10-28.endive' as const;

export interface StripeConfig {
  secretKey: string;
  /** When set (the offline sandbox), the SDK talks to the emulator at this origin instead of api.stripe.com. */
  emulatorUrl?: string;
  maxNetworkRetries?: number;
}

export function createStripeClient(config: StripeConfig): Stripe {
  const base = {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: config.maxNetworkRetries ?? 2,
    timeout: 20_000,
    appInfo: { name: 'Handled marketplace' },
  } as const;
  if (!config.emulatorUrl) return new Stripe(config.secretKey, base);
  const url = new URL(config.emulatorUrl);
  return new Stripe(config.secretKey, {
    ...base,
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    protocol: url.protocol === 'https:' ? 'https' : 'http',
  });
}
