import { BrokenCircuitError, type CircuitBreakerPolicy, type RetryPolicy } from 'cockatiel';
import { z } from 'zod';
import { CalcomError } from './errors.ts';
import { createBreaker, createRetry, type ResilienceOptions } from './resilience.ts';
import {
  bookingSchema,
  busyTimeSchema,
  connectedCalendarsSchema,
  errorEnvelopeSchema,
  eventTypeSchema,
  meSchema,
  paginationSchema,
  scheduleSchema,
  successEnvelope,
  webhookSchema,
  type CalcomBooking,
  type CalcomSchedule,
} from './schemas.ts';
import { CALCOM_API_VERSIONS, type CalcomApiFamily } from './versions.ts';

/** Where the bearer comes from: an API key (no refresh) or an OAuth access token (refreshable). */
export interface CalcomAuth {
  token(): Promise<string>;
  /** Called once on 498 (ACCESS_TOKEN_IS_EXPIRED); returns the new access token. */
  refresh?(): Promise<string>;
}

export interface CalcomClientOptions extends ResilienceOptions {
  /** `https://api.cal.com` or the emulator's origin. */
  apiUrl: string;
  auth: CalcomAuth;
  timeoutMs?: number;
  breaker?: CircuitBreakerPolicy;
  fetch?: typeof fetch;
}

export interface NewCalcomBooking {
  start: string;
  eventTypeId: number;
  lengthInMinutes?: number;
  attendee: { name: string; email: string; timeZone: string; language?: string };
  metadata?: Record<string, string>;
  location?: string;
  bookingFieldsResponses?: Record<string, string>;
}

export interface NewEventType {
  title: string;
  slug: string;
  lengthInMinutes: number;
  description?: string;
  hidden?: boolean;
}

export const webhookTriggers = [
  'BOOKING_CREATED',
  'BOOKING_RESCHEDULED',
  'BOOKING_CANCELLED',
  'BOOKING_REQUESTED',
  'BOOKING_REJECTED',
] as const;

type Query = Record<string, string | number | undefined>;

interface Call<T extends z.ZodType> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  family?: CalcomApiFamily;
  query?: Query;
  body?: unknown;
  schema: T;
}

function headerMs(res: Response): number | undefined {
  const reset = res.headers.get('x-ratelimit-reset-default') ?? res.headers.get('retry-after');
  if (!reset) return undefined;
  const n = Number(reset);
  if (!Number.isFinite(n)) return undefined;
  // Seconds until reset (small numbers) or a unix time in seconds / ms.
  if (n > 1e12) return Math.max(0, n - Date.now());
  if (n > 1e9) return Math.max(0, n * 1000 - Date.now());
  return n * 1000;
}

async function errorOf(res: Response): Promise<CalcomError> {
  const text = await res.text().catch(() => '');
  let code = `HTTP_${res.status}`;
  let message = `Cal.com answered ${res.status}`;
  try {
    const parsed = errorEnvelopeSchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      code = parsed.data.error.code;
      message = parsed.data.error.message;
    }
  } catch {
    // not JSON: keep the status message
  }
  if (res.status === 498) code = 'ACCESS_TOKEN_IS_EXPIRED';
  return new CalcomError(message, res.status, code, res.status === 429 ? (headerMs(res) ?? 60_000) : undefined);
}

/**
 * A small client over Cal.com API v2: every call names its `cal-api-version`, answers are
 * validated with zod, 498 refreshes the token once, 429 and outages are retried with backoff,
 * and a circuit breaker stops calling a Cal.com that is down (callers fall back to the last sync).
 */
export function createCalcomClient(opts: CalcomClientOptions) {
  const doFetch = opts.fetch ?? fetch;
  const breaker = opts.breaker ?? createBreaker();
  const retrier: RetryPolicy = createRetry(opts);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const base = opts.apiUrl.replace(/\/$/, '');

  async function once<T extends z.ZodType>(call: Call<T>, token: string): Promise<Response> {
    const url = new URL(base + call.path);
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (call.family) headers['cal-api-version'] = CALCOM_API_VERSIONS[call.family];
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await doFetch(url, {
        method: call.method,
        headers,
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      throw new CalcomError(
        timedOut
          ? `Cal.com did not answer within ${timeoutMs} ms`
          : `Cal.com is unreachable: ${e instanceof Error ? e.message : String(e)}`,
        0,
        timedOut ? 'TIMEOUT' : 'NETWORK',
      );
    }
  }

  async function attempt<T extends z.ZodType>(call: Call<T>): Promise<z.infer<T>> {
    let res = await once(call, await opts.auth.token());
    if (res.status === 498 && opts.auth.refresh) {
      await res.arrayBuffer().catch(() => undefined);
      res = await once(call, await opts.auth.refresh());
    }
    if (!res.ok) throw await errorOf(res);
    const json: unknown = await res.json().catch(() => null);
    const parsed = call.schema.safeParse(json);
    if (!parsed.success)
      throw new CalcomError(
        `Cal.com answered ${call.method} ${call.path} with an unexpected shape: ${z.prettifyError(parsed.error).slice(0, 300)}`,
        res.status,
        'UNEXPECTED_RESPONSE',
      );
    return parsed.data;
  }

  async function request<T extends z.ZodType>(call: Call<T>): Promise<z.infer<T>> {
    try {
      return await retrier.execute(() => breaker.execute(() => attempt(call)));
    } catch (e) {
      if (e instanceof BrokenCircuitError)
        throw new CalcomError('Cal.com is not answering; we stopped calling it for a moment', 0, 'CIRCUIT_OPEN');
      throw e;
    }
  }

  const data = <T extends z.ZodType>(schema: T) => successEnvelope(schema);
  const bookingsCall = { family: 'bookings' as const };

  return {
    breaker,
    me: async () => (await request({ method: 'GET', path: '/v2/me', schema: data(meSchema) })).data,

    schedules: async () =>
      (await request({ method: 'GET', path: '/v2/schedules', family: 'schedules', schema: data(z.array(scheduleSchema)) })).data,
    defaultSchedule: async () =>
      (await request({ method: 'GET', path: '/v2/schedules/default', family: 'schedules', schema: data(scheduleSchema.nullable()) })).data,

    updateSchedule: async (
      id: number,
      patch: { timeZone?: string; availability?: CalcomSchedule['availability']; overrides?: CalcomSchedule['overrides'] },
    ) =>
      (await request({ method: 'PATCH', path: `/v2/schedules/${id}`, family: 'schedules', body: patch, schema: data(scheduleSchema) }))
        .data,

    eventTypes: async () =>
      (await request({ method: 'GET', path: '/v2/event-types', family: 'eventTypes', schema: data(z.array(eventTypeSchema)) })).data,
    createEventType: async (input: NewEventType) =>
      (await request({ method: 'POST', path: '/v2/event-types', family: 'eventTypes', body: input, schema: data(eventTypeSchema) })).data,

    calendars: async () => (await request({ method: 'GET', path: '/v2/calendars', schema: data(connectedCalendarsSchema) })).data,
    /** Busy blocks from the account's connected calendars in [dateFrom, dateTo). */
    busyTimes: async (input: {
      dateFrom: string;
      dateTo: string;
      timeZone: string;
      calendars: { credentialId: number; externalId: string }[];
    }) => {
      const query: Query = { timeZone: input.timeZone, dateFrom: input.dateFrom, dateTo: input.dateTo };
      input.calendars.forEach((c, i) => {
        query[`calendarsToLoad[${i}][credentialId]`] = c.credentialId;
        query[`calendarsToLoad[${i}][externalId]`] = c.externalId;
      });
      return (await request({ method: 'GET', path: '/v2/calendars/busy-times', query, schema: data(z.array(busyTimeSchema)) })).data;
    },

    /** Every booking of the account that meets [afterStart, beforeEnd), all pages. */
    bookings: async (input: { afterStart: string; beforeEnd: string; status?: string }): Promise<CalcomBooking[]> => {
      const out: CalcomBooking[] = [];
      const take = 100;
      for (let skip = 0; skip < 5000; skip += take) {
        const page = await request({
          method: 'GET',
          path: '/v2/bookings',
          ...bookingsCall,
          query: { afterStart: input.afterStart, beforeEnd: input.beforeEnd, status: input.status, take, skip },
          schema: data(z.array(bookingSchema)).extend({ pagination: paginationSchema.optional() }),
        });
        out.push(...page.data);
        if (!page.pagination?.hasNextPage || page.data.length === 0) break;
      }
      return out;
    },
    booking: async (uid: string) =>
      (await request({ method: 'GET', path: `/v2/bookings/${encodeURIComponent(uid)}`, ...bookingsCall, schema: data(bookingSchema) }))
        .data,
    createBooking: async (input: NewCalcomBooking) =>
      (await request({ method: 'POST', path: '/v2/bookings', ...bookingsCall, body: input, schema: data(bookingSchema) })).data,
    cancelBooking: async (uid: string, reason?: string) =>
      (
        await request({
          method: 'POST',
          path: `/v2/bookings/${encodeURIComponent(uid)}/cancel`,
          ...bookingsCall,
          body: reason ? { cancellationReason: reason } : {},
          schema: data(bookingSchema),
        })
      ).data,
    rescheduleBooking: async (uid: string, input: { start: string; reschedulingReason?: string; rescheduledBy?: string }) =>
      (
        await request({
          method: 'POST',
          path: `/v2/bookings/${encodeURIComponent(uid)}/reschedule`,
          ...bookingsCall,
          body: input,
          schema: data(bookingSchema),
        })
      ).data,
    declineBooking: async (uid: string, reason?: string) =>
      (
        await request({
          method: 'POST',
          path: `/v2/bookings/${encodeURIComponent(uid)}/decline`,
          ...bookingsCall,
          body: reason ? { reason } : {},
          schema: data(bookingSchema),
        })
      ).data,

    webhooks: async () => (await request({ method: 'GET', path: '/v2/webhooks', schema: data(z.array(webhookSchema)) })).data,
    createWebhook: async (input: { subscriberUrl: string; secret: string; triggers?: readonly string[] }) =>
      (
        await request({
          method: 'POST',
          path: '/v2/webhooks',
          body: { subscriberUrl: input.subscriberUrl, secret: input.secret, triggers: input.triggers ?? webhookTriggers, active: true },
          schema: data(webhookSchema),
        })
      ).data,
  };
}

export type CalcomClient = ReturnType<typeof createCalcomClient>;
