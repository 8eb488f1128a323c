import type { Clock } from '../shared/emulator.ts';
import { newId } from '../shared/ids.ts';
import { STRIPE_API_VERSION } from './api-version.ts';
import { missing } from './errors.ts';
import type {
  Account,
  AccountLink,
  Charge,
  CreditNote,
  Customer,
  CustomerBalanceTransaction,
  Dispute,
  Invoice,
  InvoiceItem,
  InvoicePayment,
  Payout,
  PaymentIntent,
  Refund,
  StripeEvent,
  StripeObject,
  TaxRate,
  Transfer,
} from './types.ts';
import { WebhookDispatcher, defaultRetryPolicy, type RetryPolicy, type WebhookEndpoint } from './webhooks.ts';

export interface StripeData {
  customers: Record<string, Customer>;
  customer_balance_transactions: Record<string, CustomerBalanceTransaction>;
  tax_rates: Record<string, TaxRate>;
  prices: Record<string, StripeObject>;
  invoiceitems: Record<string, InvoiceItem>;
  invoices: Record<string, Invoice>;
  invoice_payments: Record<string, InvoicePayment>;
  payment_intents: Record<string, PaymentIntent>;
  charges: Record<string, Charge>;
  refunds: Record<string, Refund>;
  credit_notes: Record<string, CreditNote>;
  accounts: Record<string, Account>;
  account_links: Record<string, AccountLink>;
  transfers: Record<string, Transfer>;
  payouts: Record<string, Payout>;
  disputes: Record<string, Dispute>;
  events: StripeEvent[];
  idempotency: Record<string, { hash: string; status: number; body: string; at: number }>;
}

const emptyData = (): StripeData => ({
  customers: {},
  customer_balance_transactions: {},
  tax_rates: {},
  prices: {},
  invoiceitems: {},
  invoices: {},
  invoice_payments: {},
  payment_intents: {},
  charges: {},
  refunds: {},
  credit_notes: {},
  accounts: {},
  account_links: {},
  transfers: {},
  payouts: {},
  disputes: {},
  events: [],
  idempotency: {},
});

/** Which collection an id prefix lives in (for `expand` and retrieval). */
const PREFIXES: Record<string, keyof StripeData> = {
  cus: 'customers',
  cbtxn: 'customer_balance_transactions',
  txr: 'tax_rates',
  price: 'prices',
  ii: 'invoiceitems',
  in: 'invoices',
  inpay: 'invoice_payments',
  pi: 'payment_intents',
  ch: 'charges',
  re: 'refunds',
  cn: 'credit_notes',
  acct: 'accounts',
  tr: 'transfers',
  po: 'payouts',
  du: 'disputes',
};

/** Who made the change: the API request (id + idempotency key + Stripe-Account) or a person on a page. */
export interface RequestInfo {
  id: string | null;
  idempotencyKey: string | null;
  account: string | null;
}
export const noRequest: RequestInfo = { id: null, idempotencyKey: null, account: null };

export interface StripeStoreOptions {
  clock: Clock;
  publicUrl: string;
  webhookEndpoints: WebhookEndpoint[];
  retry?: Partial<RetryPolicy>;
  /** The platform's name, shown on invoices and the hosted page. */
  accountName?: string;
  onChange?: () => void;
}

/**
 * Switches for fault tests: a share of API calls fails (500 before or after doing the work, or 429),
 * and webhooks arrive more than once and out of order. Seeded, so a run can be repeated.
 */
export interface StripeChaos {
  /** 0..1: the share of `/v1` calls that fail. */
  failureRate: number;
  /** Which failures to draw from; `500-after` does the work and loses the response. */
  failures: ('500' | '500-after' | '429')[];
  /** Extra copies of every webhook (0 = once). */
  webhookDuplicates: number;
  /** Deliveries wait a random 0..N ms, so events arrive in any order. */
  webhookShuffleMs: number;
  seed: number;
}
export const calmChaos: StripeChaos = {
  failureRate: 0,
  failures: ['500', '500-after', '429'],
  webhookDuplicates: 0,
  webhookShuffleMs: 0,
  seed: 1,
};

/** The Stripe emulator's state: objects by collection, the event log and webhook delivery. */
export class StripeStore {
  data: StripeData = emptyData();
  readonly dispatcher: WebhookDispatcher;
  readonly clock: Clock;
  publicUrl: string;
  readonly accountName: string;
  chaos: StripeChaos = { ...calmChaos };
  private rng = mulberry32(1);
  private readonly onChange: () => void;

  constructor(opts: StripeStoreOptions) {
    this.clock = opts.clock;
    this.publicUrl = opts.publicUrl.replace(/\/$/, '');
    this.accountName = opts.accountName ?? 'Handled';
    this.onChange = opts.onChange ?? (() => undefined);
    this.dispatcher = new WebhookDispatcher(opts.webhookEndpoints, { ...defaultRetryPolicy, ...opts.retry }, (event) => {
      const stored = this.data.events.find((e) => e.id === event.id);
      if (stored && stored.pending_webhooks > 0) stored.pending_webhooks -= 1;
      this.changed();
    });
  }

  setChaos(update: Partial<StripeChaos>): StripeChaos {
    this.chaos = { ...this.chaos, ...update };
    this.rng = mulberry32(this.chaos.seed);
    this.dispatcher.chaos = { duplicates: this.chaos.webhookDuplicates, shuffleMs: this.chaos.webhookShuffleMs, random: () => this.rng() };
    return this.chaos;
  }

  /** Draws the failure (if any) for one API call. */
  drawFailure(): StripeChaos['failures'][number] | null {
    if (this.chaos.failureRate <= 0 || this.chaos.failures.length === 0) return null;
    if (this.rng() >= this.chaos.failureRate) return null;
    return this.chaos.failures[Math.floor(this.rng() * this.chaos.failures.length)] ?? null;
  }

  /** Used when the port is only known after listening (port 0). */
  setPublicUrl(url: string): void {
    this.publicUrl = url.replace(/\/$/, '');
  }

  now(): number {
    return Math.floor(this.clock() / 1000);
  }

  changed(): void {
    this.onChange();
  }

  get<K extends keyof StripeData>(
    collection: K,
    id: string,
    resource: string,
    param = 'id',
  ): StripeData[K] extends Record<string, infer T> ? T : never {
    const map = this.data[collection] as Record<string, unknown>;
    const found = map[id];
    if (!found) throw missing(resource, id, param);
    return found as StripeData[K] extends Record<string, infer T> ? T : never;
  }

  /** Any stored object by its id, for `expand`. */
  lookup(id: string): StripeObject | undefined {
    const prefix = id.slice(0, id.lastIndexOf('_'));
    const collection = PREFIXES[prefix];
    if (!collection) return undefined;
    return (this.data[collection] as Record<string, StripeObject>)[id];
  }

  /** Records an event (a snapshot of the object) and queues it for every matching endpoint. */
  emit(type: string, object: StripeObject, req: RequestInfo, previous?: Record<string, unknown>): StripeEvent {
    const event: StripeEvent = {
      id: newId('evt'),
      object: 'event',
      ...(req.account ? { account: req.account } : {}),
      api_version: STRIPE_API_VERSION,
      created: this.now(),
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: 0,
      request: { id: req.id, idempotency_key: req.idempotencyKey },
      type,
    };
    event.pending_webhooks = this.dispatcher.endpointsFor(event).length;
    this.data.events.push(event);
    this.dispatcher.enqueue(event);
    this.changed();
    return event;
  }

  /** Sends a stored event again to every matching endpoint (or one URL). */
  redeliver(eventId: string, url?: string): void {
    const event = this.data.events.find((e) => e.id === eventId);
    if (!event) throw missing('event', eventId);
    const endpoints = this.dispatcher.endpointsFor(event).filter((e) => !url || e.url === url);
    this.dispatcher.enqueue(event, endpoints);
  }

  get deliveries() {
    return this.dispatcher.deliveries;
  }

  /** Waits until every queued webhook has been delivered or given up. */
  idle(): Promise<void> {
    return this.dispatcher.idle();
  }

  snapshot(): StripeData {
    return this.data;
  }

  /** Loads saved state; events still owed to an endpoint are sent again, as Stripe keeps retrying. */
  restore(saved: unknown): void {
    if (!saved || typeof saved !== 'object') return;
    this.data = { ...emptyData(), ...(saved as Partial<StripeData>) };
    for (const event of this.data.events) if (event.pending_webhooks > 0) this.dispatcher.enqueue(event);
  }
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
