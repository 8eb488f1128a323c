import { createHmac } from 'node:crypto';
import type { StripeEvent } from './types.ts';

export interface WebhookEndpoint {
  url: string;
  secret: string;
  /** Event types to send; default all (`*`). */
  enabledEvents?: string[];
  /** Receives events of connected accounts (`event.account` set) instead of the platform's. */
  connect?: boolean;
}

export interface RetryPolicy {
  /** Attempts per event and endpoint, the first included. */
  maxAttempts: number;
  /** Delay before the 2nd attempt; doubles each time up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 10_000 };

export interface Delivery {
  eventId: string;
  type: string;
  url: string;
  attempt: number;
  /** HTTP status, or null when the request failed before a response. */
  status: number | null;
  ok: boolean;
  error?: string;
  at: number;
}

/** `t=<unix>,v1=<hex hmac-sha256 of "t.payload">`, as Stripe signs. */
export function signPayload(payload: string, secret: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/**
 * Delivers events to endpoints: first attempts go out in the order the events were created
 * (one at a time per endpoint), failures are retried later with exponential backoff and do
 * not hold up the events behind them.
 */
export class WebhookDispatcher {
  readonly deliveries: Delivery[] = [];
  private chains = new Map<string, Promise<void>>();
  private inFlight = new Set<Promise<void>>();
  private timers = new Set<NodeJS.Timeout>();
  private closed = false;
  /** Fault switches: extra copies of each event and a random delay that shuffles their order. */
  chaos: { duplicates: number; shuffleMs: number; random: () => number } = { duplicates: 0, shuffleMs: 0, random: Math.random };

  constructor(
    readonly endpoints: WebhookEndpoint[],
    private readonly policy: RetryPolicy,
    private readonly onDelivered: (event: StripeEvent) => void,
  ) {}

  endpointsFor(event: StripeEvent): WebhookEndpoint[] {
    return this.endpoints.filter((e) => {
      if (Boolean(e.connect) !== Boolean(event.account)) return false;
      const enabled = e.enabledEvents ?? ['*'];
      return enabled.includes('*') || enabled.includes(event.type);
    });
  }

  enqueue(event: StripeEvent, only?: WebhookEndpoint[]): void {
    const { duplicates, shuffleMs, random } = this.chaos;
    if (duplicates > 0 || shuffleMs > 0) {
      for (const endpoint of only ?? this.endpointsFor(event)) {
        for (let copy = 0; copy <= duplicates; copy++) {
          const timer = setTimeout(
            () => {
              this.timers.delete(timer);
              this.track(this.attempt(event, endpoint, 1));
            },
            Math.floor(random() * shuffleMs),
          );
          this.timers.add(timer);
        }
      }
      return;
    }
    for (const endpoint of only ?? this.endpointsFor(event)) {
      const prev = this.chains.get(endpoint.url) ?? Promise.resolve();
      const next = prev.then(() => this.attempt(event, endpoint, 1));
      this.chains.set(endpoint.url, next);
      this.track(next);
    }
  }

  /** Resolves when nothing is queued, in flight or waiting for a retry. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.timers.size > 0) {
      await Promise.race([...this.inFlight, new Promise((r) => setTimeout(r, 5))]);
    }
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async attempt(event: StripeEvent, endpoint: WebhookEndpoint, attempt: number): Promise<void> {
    if (this.closed) return;
    const payload = JSON.stringify(event, null, 2);
    // Real time, not the store's clock: receivers check the timestamp against their own clock (300 s tolerance).
    const signature = signPayload(payload, endpoint.secret, Math.floor(Date.now() / 1000));
    const record: Delivery = { eventId: event.id, type: event.type, url: endpoint.url, attempt, status: null, ok: false, at: Date.now() };
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signature,
        },
        body: payload,
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      record.status = res.status;
      record.ok = res.status >= 200 && res.status < 300;
    } catch (err) {
      record.error = err instanceof Error ? err.message : String(err);
    }
    this.deliveries.push(record);
    if (record.ok) {
      this.onDelivered(event);
      return;
    }
    if (attempt >= this.policy.maxAttempts || this.closed) return;
    const delay = Math.min(this.policy.baseDelayMs * 2 ** (attempt - 1), this.policy.maxDelayMs);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.track(this.attempt(event, endpoint, attempt + 1));
    }, delay);
    this.timers.add(timer);
  }
}
