import type { CircuitBreakerPolicy } from 'cockatiel';
import type { SecretBox } from '../crypto.ts';
import { createCalcomClient, type CalcomAuth, type CalcomClient } from './client.ts';
import type { CalcomOAuthConfig } from './oauth.ts';
import { createBreaker, type BreakerOptions, type ResilienceOptions } from './resilience.ts';

export interface CalcomSettings {
  /** API origin: `https://api.cal.com` or the emulator. */
  apiUrl: string;
  /** Where people authorize: `https://app.cal.com` or the emulator. */
  appUrl: string;
  oauthClientId: string;
  /** Our OAuth callback (`<PUBLIC_API_URL>/oauth/calcom/callback`). */
  redirectUri: string;
  /** Our webhook endpoint (`<PUBLIC_API_URL>/webhooks/calcom`), registered on connect. */
  webhookUrl: string;
  webhookSecret: string;
  /** Minutes between periodic pulls (they repair lost webhooks). */
  syncIntervalMin: number;
  timeoutMs?: number;
  /** Only against the emulator: its page for people (the sandbox account's API key, events, moves). */
  sandboxPage?: string;
}

/** What the services need from Cal.com: settings, the secret box, and clients per account. */
export interface CalcomPort {
  settings: CalcomSettings;
  secrets: SecretBox;
  oauth: CalcomOAuthConfig;
  /** A client for one account; its breaker is shared by every call for that account in this process. */
  client(accountKey: string, auth: CalcomAuth): CalcomClient;
  breakerOf(accountKey: string): CircuitBreakerPolicy;
}

export function createCalcomPort(
  settings: CalcomSettings,
  secrets: SecretBox,
  opts: { fetch?: typeof fetch; breaker?: BreakerOptions; resilience?: ResilienceOptions } = {},
): CalcomPort {
  const breakers = new Map<string, CircuitBreakerPolicy>();
  const breakerOf = (key: string) => {
    let b = breakers.get(key);
    if (!b) breakers.set(key, (b = createBreaker(opts.breaker)));
    return b;
  };
  return {
    settings,
    secrets,
    oauth: {
      appUrl: settings.appUrl,
      apiUrl: settings.apiUrl,
      clientId: settings.oauthClientId,
      redirectUri: settings.redirectUri,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    },
    breakerOf,
    client: (key, auth) =>
      createCalcomClient({
        apiUrl: settings.apiUrl,
        auth,
        breaker: breakerOf(key),
        ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
        ...opts.resilience,
      }),
  };
}
