import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { FaultInjector } from '../shared/faults.ts';
import { errorBody } from './api.ts';
import { instantOf } from './local-time.ts';
import { calcomPage } from './pages.ts';
import { CalcomApiError, type CalcomStore } from './store.ts';
import { weekdayNames } from './types.ts';

const isForm = (c: Context) => (c.req.header('content-type') ?? '').includes('form');
async function body(c: Context): Promise<Record<string, unknown>> {
  if (isForm(c)) return c.req.parseBody();
  return ((await c.req.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
}
const isZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
/** A date-time field; the page's forms send wall times with the account's zone (`timeZone`), JSON callers UTC or an offset. */
const when = z
  .string()
  .min(10)
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d/, 'expected YYYY-MM-DDTHH:mm');
const zone = { timeZone: z.string().refine(isZone, 'unknown time zone').optional() };

const faultInput = z.object({
  kind: z.enum(['500', '429', '498', 'slow']),
  /** Path prefix under the API, default every Cal.com call. */
  path: z.string().startsWith('/v2').default('/v2'),
  method: z.string().optional(),
  times: z.coerce.number().int().min(1).max(10_000).default(1),
  delayMs: z.coerce.number().int().min(0).max(120_000).default(15_000),
});

/**
 * `/_/calcom…`: the person's side (a page to edit the schedule, add calendar events, book and
 * cancel) and the switches tests use (faults with Cal.com's error shapes, expired tokens, lost webhooks).
 */
export function controlRoutes(store: CalcomStore, faults: FaultInjector): Hono {
  const app = new Hono();
  const done = (c: Context, data: unknown, status: 200 | 201 = 200) => (isForm(c) ? c.redirect('/_/calcom', 303) : c.json(data, status));

  app.onError((err, c) => {
    if (err instanceof CalcomApiError) return c.json(errorBody(c, err.status, err.code, err.message), err.status as 400);
    if (err instanceof z.ZodError)
      return c.json(errorBody(c, 400, 'BadRequestException', err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')), 400);
    throw err;
  });

  app.get('/_/calcom', (c) => c.html(calcomPage(store)));
  app.get('/_/calcom/state', (c) => c.json({ ...store.data, deliveries: store.deliveries, dropWebhooks: store.dropWebhooks }));

  app.post('/_/calcom/users', async (c) => {
    const input = z
      .object({
        username: z.string().min(1),
        email: z.email(),
        name: z.string().optional(),
        timeZone: z.string().optional(),
        apiKey: z.string().startsWith('cal_').optional(),
      })
      .parse(await body(c));
    return done(c, store.createUser(input), 201);
  });

  app.post('/_/calcom/users/:id/schedule', async (c) => {
    const userId = Number(c.req.param('id'));
    const f = await body(c);
    const user = store.user(userId);
    if (isForm(c)) {
      // One range per weekday from the page's form: start_Monday / end_Monday (empty = off).
      const availability = weekdayNames.flatMap((d) => {
        const s = f[`start_${d}`];
        const e = f[`end_${d}`];
        return typeof s === 'string' && typeof e === 'string' && s && e ? [{ days: [d], startTime: s, endTime: e }] : [];
      });
      store.updateSchedule(userId, user.defaultScheduleId, {
        availability,
        ...(typeof f['timeZone'] === 'string' && f['timeZone'] ? { timeZone: f['timeZone'] } : {}),
      });
      return c.redirect('/_/calcom', 303);
    }
    const input = z
      .object({
        availability: z.array(z.object({ days: z.array(z.enum(weekdayNames)), startTime: z.string(), endTime: z.string() })).optional(),
        overrides: z.array(z.object({ date: z.string(), startTime: z.string(), endTime: z.string() })).optional(),
        timeZone: z.string().optional(),
      })
      .parse(f);
    return c.json(store.updateSchedule(userId, user.defaultScheduleId, input));
  });

  app.post('/_/calcom/users/:id/events', async (c) => {
    const input = z.object({ title: z.string().default('Busy'), start: when, end: when, ...zone }).parse(await body(c));
    return done(
      c,
      store.addEvent(Number(c.req.param('id')), {
        title: input.title,
        start: instantOf(input.start, input.timeZone),
        end: instantOf(input.end, input.timeZone),
      }),
      201,
    );
  });
  app.post('/_/calcom/users/:id/events/:eventId/delete', (c) => {
    store.removeEvent(Number(c.req.param('id')), Number(c.req.param('eventId')));
    return done(c, { ok: true });
  });

  /** Someone books the person on Cal.com directly (not through the marketplace). */
  app.post('/_/calcom/users/:id/bookings', async (c) => {
    const userId = Number(c.req.param('id'));
    const input = z
      .object({
        start: when,
        lengthInMinutes: z.coerce.number().int().positive().default(60),
        name: z.string().default('Walk-in guest'),
        email: z.email().default('guest@example.com'),
        title: z.string().optional(),
        ...zone,
      })
      .parse(await body(c));
    let et = store.eventTypesOf(userId)[0];
    et ??= store.createEventType(userId, { title: '30 min meeting', slug: '30min', lengthInMinutes: 30 });
    const b = store.createBooking({
      eventTypeId: et.id,
      start: instantOf(input.start, input.timeZone),
      lengthInMinutes: input.lengthInMinutes,
      attendee: { name: input.name, email: input.email, timeZone: input.timeZone ?? 'UTC' },
      ...(input.title ? { title: input.title } : {}),
    });
    return done(c, b, 201);
  });
  app.post('/_/calcom/bookings/:uid/cancel', async (c) => {
    const input = z.object({ reason: z.string().optional() }).parse(await body(c));
    return done(c, store.cancelBooking(c.req.param('uid'), input.reason ?? 'Cancelled in Cal.com'));
  });
  app.post('/_/calcom/bookings/:uid/reschedule', async (c) => {
    const input = z.object({ start: when, ...zone }).parse(await body(c));
    return done(c, store.rescheduleBooking(c.req.param('uid'), instantOf(input.start, input.timeZone), 'Rescheduled in Cal.com'));
  });

  /** Cal.com's per-token request limits, changed at run time (omitted fields stay). */
  app.post('/_/calcom/rate-limit', async (c) => {
    const input = z
      .object({
        apiKey: z.coerce.number().int().min(1).optional(),
        oauth: z.coerce.number().int().min(1).optional(),
        windowMs: z.coerce.number().int().min(100).optional(),
      })
      .parse(await body(c));
    store.rateLimit = { ...store.rateLimit, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
    return done(c, store.rateLimit);
  });
  app.post('/_/calcom/oauth/expire', (c) => done(c, { expired: store.expireAccessTokens() }));
  app.post('/_/calcom/webhooks/drop', async (c) => {
    const input = z.object({ count: z.coerce.number().int().min(0).max(10_000).default(1) }).parse(await body(c));
    store.dropWebhooks = input.count;
    return done(c, { dropWebhooks: store.dropWebhooks });
  });

  /** Faults with Cal.com's own error envelope and headers (500, 429 + X-RateLimit-*, 498, slow answers). */
  app.post('/_/calcom/faults', async (c) => {
    const f = faultInput.parse(await body(c));
    const envelope = (status: number, code: string, message: string) => ({
      status: 'error',
      timestamp: new Date().toISOString(),
      path: f.path,
      error: { code, message },
    });
    const fault =
      f.kind === '500'
        ? faults.add({
            path: f.path,
            ...(f.method ? { method: f.method } : {}),
            times: f.times,
            status: 500,
            body: envelope(500, 'InternalServerErrorException', 'Internal server error'),
          })
        : f.kind === '429'
          ? faults.add({
              path: f.path,
              ...(f.method ? { method: f.method } : {}),
              times: f.times,
              status: 429,
              body: envelope(429, 'TooManyRequestsException', 'ThrottlerException: Too Many Requests'),
              headers: { 'X-RateLimit-Limit-Default': '120', 'X-RateLimit-Remaining-Default': '0', 'X-RateLimit-Reset-Default': '1' },
            })
          : f.kind === '498'
            ? faults.add({
                path: f.path,
                ...(f.method ? { method: f.method } : {}),
                times: f.times,
                status: 498,
                body: envelope(498, 'ACCESS_TOKEN_IS_EXPIRED', 'ACCESS_TOKEN_IS_EXPIRED'),
              })
            : store.addSlow({ path: f.path, times: f.times, delayMs: f.delayMs });
    return done(c, fault, 201);
  });
  app.delete('/_/calcom/faults', (c) => {
    faults.clear();
    store.slow = [];
    return c.json({ ok: true });
  });

  return app;
}
