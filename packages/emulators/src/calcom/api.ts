import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CalcomApiError, type CalcomStore } from './store.ts';
import { weekdayNames, type CalBooking, type CalUser } from './types.ts';

/** Versions each endpoint family accepts in `cal-api-version` (the newest first). */
export const acceptedVersions = {
  bookings: ['2024-08-13', '2026-02-25'],
  eventTypes: ['2024-06-14'],
  schedules: ['2024-06-11'],
} as const;

export { defaultRateLimit, type RateLimit } from './types.ts';

type Env = { Variables: { user: CalUser } };

export function errorBody(c: Context, status: number, code: string, message: string, details?: unknown) {
  return {
    status: 'error',
    timestamp: new Date().toISOString(),
    path: c.req.path,
    error: { code, message, ...(details === undefined ? {} : { details }) },
  };
}

function bearer(c: Context): string | undefined {
  const h = c.req.header('authorization');
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

function requireVersion(c: Context, family: keyof typeof acceptedVersions): void {
  const v = c.req.header('cal-api-version');
  const ok: readonly string[] = acceptedVersions[family];
  // The real API silently serves an old version when the header is missing; the emulator refuses,
  // so a client that forgot it fails in tests instead of in production.
  if (!v || !ok.includes(v))
    throw new CalcomApiError(
      400,
      'BadRequestException',
      `cal-api-version ${v ? `"${v}"` : 'header is missing'}: this endpoint speaks ${ok.join(' or ')} (a missing header means an old version on Cal.com)`,
    );
}

export function bookingView(store: CalcomStore, b: CalBooking) {
  const host = store.user(b.ownerId);
  const et = b.eventTypeId ? store.data.eventTypes.find((e) => e.id === b.eventTypeId) : undefined;
  return {
    id: b.id,
    uid: b.uid,
    title: b.title,
    description: b.description,
    hosts: [{ id: host.id, name: host.name, email: host.email, username: host.username, timeZone: host.timeZone }],
    status: b.status,
    cancellationReason: b.cancellationReason,
    rescheduledFromUid: b.rescheduledFromUid,
    rescheduledToUid: b.rescheduledToUid,
    start: b.start,
    end: b.end,
    duration: Math.round((Date.parse(b.end) - Date.parse(b.start)) / 60_000),
    eventTypeId: b.eventTypeId,
    eventType: et ? { id: et.id, slug: et.slug } : null,
    attendees: b.attendees,
    guests: [],
    location: b.location,
    absentHost: false,
    metadata: b.metadata,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}

const iso = z.iso.datetime({ offset: true });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
const scheduleInput = z.object({
  name: z.string().min(1).optional(),
  timeZone: z.string().min(1).optional(),
  availability: z.array(z.object({ days: z.array(z.enum(weekdayNames)), startTime: hhmm, endTime: hhmm })).optional(),
  overrides: z.array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), startTime: hhmm, endTime: hhmm })).optional(),
});
const bookingInput = z.object({
  start: iso,
  eventTypeId: z.number().int(),
  lengthInMinutes: z.number().int().positive().optional(),
  attendee: z.object({ name: z.string().min(1), email: z.email(), timeZone: z.string().min(1), language: z.string().optional() }),
  metadata: z
    .record(z.string().max(40), z.string().max(500))
    .refine((m) => Object.keys(m).length <= 50, 'metadata can have at most 50 keys')
    .optional(),
  location: z.string().optional(),
  bookingFieldsResponses: z.record(z.string(), z.unknown()).optional(),
});

/** `store.rateLimit` is read on every call, so a test or the control page can change it at run time. */
export function apiRoutes(store: CalcomStore): Hono<Env> {
  const app = new Hono<Env>();
  const windows = new Map<string, { start: number; count: number; blockedUntil: number }>();

  app.onError((err, c) => {
    if (err instanceof CalcomApiError) return c.json(errorBody(c, err.status, err.code, err.message), err.status as 400, err.headers);
    if (err instanceof z.ZodError)
      return c.json(
        errorBody(c, 400, 'BadRequestException', err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), err.issues),
        400,
      );
    throw err;
  });

  // Authentication and the per-key rate limit for everything under /v2 but the token endpoint.
  app.use('/v2/*', async (c, next) => {
    const wait = store.takeSlow(c.req.path);
    if (wait) await new Promise((r) => setTimeout(r, wait));
    if (c.req.path === '/v2/auth/oauth2/token') return next();
    const token = bearer(c);
    const { user, kind } = store.authenticate(token);
    const limits = store.rateLimit;
    const limit = kind === 'oauth' ? limits.oauth : limits.apiKey;
    const now = store.now();
    const key = token ?? '';
    let w = windows.get(key);
    if (!w || now - w.start >= limits.windowMs) w = { start: now, count: 0, blockedUntil: w?.blockedUntil ?? 0 };
    windows.set(key, w);
    w.count += 1;
    const blocked = w.blockedUntil > now || w.count > limit;
    if (w.count > limit && w.blockedUntil <= now) w.blockedUntil = now + limits.windowMs; // a block lasts one window
    const resetSec = Math.ceil(((blocked ? w.blockedUntil : w.start + limits.windowMs) - now) / 1000);
    const headers = {
      'X-RateLimit-Limit-Default': String(limit),
      'X-RateLimit-Remaining-Default': String(Math.max(0, limit - w.count)),
      'X-RateLimit-Reset-Default': String(Math.max(resetSec, 1)),
    };
    if (blocked) throw new CalcomApiError(429, 'TooManyRequestsException', 'ThrottlerException: Too Many Requests', headers);
    c.set('user', user);
    await next();
    for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
  });

  const ok = (c: Context, data: unknown, status: 200 | 201 = 200) => c.json({ status: 'success', data }, status);

  app.get('/v2/me', (c) => {
    const u = c.get('user');
    return ok(c, {
      id: u.id,
      username: u.username,
      email: u.email,
      name: u.name,
      timeZone: u.timeZone,
      defaultScheduleId: u.defaultScheduleId,
      weekStart: 'Monday',
      timeFormat: 24,
    });
  });

  // ---- schedules
  app.get('/v2/schedules', (c) => (requireVersion(c, 'schedules'), ok(c, store.schedulesOf(c.get('user').id))));
  app.get('/v2/schedules/default', (c) => {
    requireVersion(c, 'schedules');
    const u = c.get('user');
    return ok(c, store.schedulesOf(u.id).find((s) => s.isDefault) ?? null);
  });
  app.get('/v2/schedules/:id', (c) => (requireVersion(c, 'schedules'), ok(c, store.schedule(c.get('user').id, Number(c.req.param('id'))))));
  app.patch('/v2/schedules/:id', async (c) => {
    requireVersion(c, 'schedules');
    const patch = scheduleInput.parse(await c.req.json());
    return ok(c, store.updateSchedule(c.get('user').id, Number(c.req.param('id')), patch));
  });

  // ---- event types
  app.get('/v2/event-types', (c) => (requireVersion(c, 'eventTypes'), ok(c, store.eventTypesOf(c.get('user').id))));
  app.post('/v2/event-types', async (c) => {
    requireVersion(c, 'eventTypes');
    const input = z
      .object({
        title: z.string().min(1),
        slug: z.string().regex(/^[a-z0-9-]+$/),
        lengthInMinutes: z.number().int().positive(),
        description: z.string().optional(),
        hidden: z.boolean().optional(),
        scheduleId: z.number().int().optional(),
      })
      .parse(await c.req.json());
    return ok(c, store.createEventType(c.get('user').id, input), 201);
  });

  // ---- calendars
  app.get('/v2/calendars', (c) => {
    const u = c.get('user');
    return ok(c, {
      connectedCalendars: [
        {
          integration: { slug: 'google-calendar', type: 'google_calendar', name: 'Google Calendar' },
          credentialId: 1000 + u.id,
          primary: { externalId: u.email, name: u.email, isSelected: true },
          calendars: [{ externalId: u.email, name: u.email, isSelected: true, credentialId: 1000 + u.id }],
        },
      ],
      destinationCalendar: { externalId: u.email, integration: 'google_calendar' },
    });
  });
  app.get('/v2/calendars/busy-times', (c) => {
    const u = c.get('user');
    const q = z.object({ dateFrom: z.string().min(10), dateTo: z.string().min(10), timeZone: z.string().optional() }).parse(c.req.query());
    const cred = c.req.query('calendarsToLoad[0][credentialId]');
    if (!cred) throw new CalcomApiError(400, 'BadRequestException', 'calendarsToLoad must be an array of { credentialId, externalId }');
    if (Number(cred) !== 1000 + u.id)
      throw new CalcomApiError(403, 'ForbiddenException', 'Calendar credential does not belong to this user');
    return ok(c, store.busyTimes(u.id, new Date(q.dateFrom).toISOString(), new Date(q.dateTo).toISOString()));
  });

  // ---- bookings
  app.get('/v2/bookings', (c) => {
    requireVersion(c, 'bookings');
    const q = z
      .object({
        afterStart: iso.optional(),
        beforeEnd: iso.optional(),
        status: z.string().optional(),
        take: z.coerce.number().int().min(1).max(250).default(100),
        skip: z.coerce.number().int().min(0).default(0),
      })
      .parse(c.req.query());
    const statuses = q.status?.split(',');
    const now = store.now();
    const all = store
      .bookingsOf(c.get('user').id)
      .filter((b) => !q.afterStart || Date.parse(b.end) > Date.parse(q.afterStart))
      .filter((b) => !q.beforeEnd || Date.parse(b.start) < Date.parse(q.beforeEnd))
      .filter((b) => {
        if (!statuses) return true;
        return statuses.some((s) =>
          s === 'upcoming'
            ? Date.parse(b.end) >= now && b.status === 'accepted'
            : s === 'past'
              ? Date.parse(b.end) < now
              : s === 'cancelled'
                ? b.status === 'cancelled' || b.status === 'rejected'
                : s === 'unconfirmed'
                  ? b.status === 'pending'
                  : false,
        );
      })
      .sort((a, b) => a.start.localeCompare(b.start));
    const page = all.slice(q.skip, q.skip + q.take);
    return c.json({
      status: 'success',
      data: page.map((b) => bookingView(store, b)),
      pagination: {
        totalItems: all.length,
        remainingItems: Math.max(0, all.length - q.skip - page.length),
        returnedItems: page.length,
        itemsPerPage: q.take,
        currentPage: Math.floor(q.skip / q.take) + 1,
        totalPages: Math.ceil(all.length / q.take),
        hasNextPage: q.skip + page.length < all.length,
        hasPreviousPage: q.skip > 0,
      },
    });
  });
  const owned = (c: Context<Env>) => {
    const b = store.booking(c.req.param('uid') ?? '');
    if (b.ownerId !== c.get('user').id)
      throw new CalcomApiError(404, 'NotFoundException', `Booking with uid=${b.uid} was not found in the database`);
    return b;
  };
  app.get('/v2/bookings/:uid', (c) => (requireVersion(c, 'bookings'), ok(c, bookingView(store, owned(c)))));
  app.post('/v2/bookings', async (c) => {
    requireVersion(c, 'bookings');
    const input = bookingInput.parse(await c.req.json());
    return ok(c, bookingView(store, store.createBooking(input)), 201);
  });
  app.post('/v2/bookings/:uid/cancel', async (c) => {
    requireVersion(c, 'bookings');
    const b = owned(c);
    const body = z.object({ cancellationReason: z.string().optional() }).parse(await c.req.json().catch(() => ({})));
    return ok(c, bookingView(store, store.cancelBooking(b.uid, body.cancellationReason, c.get('user').email)));
  });
  app.post('/v2/bookings/:uid/reschedule', async (c) => {
    requireVersion(c, 'bookings');
    const b = owned(c);
    const body = z
      .object({ start: iso, reschedulingReason: z.string().optional(), rescheduledBy: z.string().optional() })
      .parse(await c.req.json());
    return ok(c, bookingView(store, store.rescheduleBooking(b.uid, body.start, body.reschedulingReason)), 201);
  });
  app.post('/v2/bookings/:uid/decline', async (c) => {
    requireVersion(c, 'bookings');
    const b = owned(c);
    const body = z.object({ reason: z.string().optional() }).parse(await c.req.json().catch(() => ({})));
    return ok(c, bookingView(store, store.declineBooking(b.uid, body.reason)));
  });

  // ---- webhooks
  const hookView = (w: { id: string; subscriberUrl: string; triggers: string[]; active: boolean; ownerId: number }) => ({
    id: w.id,
    subscriberUrl: w.subscriberUrl,
    triggers: w.triggers,
    active: w.active,
    userId: w.ownerId,
    payloadTemplate: null,
  });
  app.get('/v2/webhooks', (c) => ok(c, store.data.webhooks.filter((w) => w.ownerId === c.get('user').id).map(hookView)));
  app.post('/v2/webhooks', async (c) => {
    const input = z
      .object({
        subscriberUrl: z.url(),
        secret: z.string().optional(),
        triggers: z.array(z.string()).min(1),
        active: z.boolean().default(true),
      })
      .parse(await c.req.json());
    return ok(c, hookView(store.addWebhook(c.get('user').id, input)), 201);
  });
  app.delete('/v2/webhooks/:id', (c) => {
    store.removeWebhook(c.get('user').id, c.req.param('id'));
    return ok(c, { id: c.req.param('id') });
  });

  return app;
}
