import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../shared/emulator.ts';
import {
  defaultRateLimit,
  type CalAttendee,
  type CalBooking,
  type CalcomData,
  type CalEventType,
  type CalSchedule,
  type CalUser,
  type RateLimit,
  type WebhookDelivery,
} from './types.ts';

/** A Cal.com error as the API answers it (the envelope is built by the routes). */
export class CalcomApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const SANDBOX_API_KEY = 'cal_test_handledsandbox0sam000000000000';

const nineToFive: CalSchedule['availability'] = [
  { days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], startTime: '09:00', endTime: '17:00' },
];

function empty(): CalcomData {
  return {
    nextId: 1,
    users: [],
    schedules: [],
    eventTypes: [],
    events: [],
    bookings: [],
    webhooks: [],
    codes: {},
    accessTokens: {},
    refreshTokens: {},
  };
}

const overlaps = (aStart: string, aEnd: string, bStart: string, bEnd: string) =>
  Date.parse(aStart) < Date.parse(bEnd) && Date.parse(bStart) < Date.parse(aEnd);

export interface CalcomStoreOptions {
  clock: Clock;
  onChange: () => void;
  accessTokenTtlSec: number;
}

export class CalcomStore {
  data: CalcomData = empty();
  readonly deliveries: WebhookDelivery[] = [];
  /** Lost webhooks: the next N deliveries are dropped (a periodic pull must repair them). */
  dropWebhooks = 0;
  /** Requests per window and token (Cal.com's: 120 / 60 s for an API key, 500 for OAuth); adjustable at run time. */
  rateLimit: RateLimit = { ...defaultRateLimit };
  /** Slow answers: matching calls wait before they are served (the shared faults can only fail them). */
  slow: { id: number; path: string; times: number; delayMs: number }[] = [];
  private inFlight = new Set<Promise<void>>();

  constructor(private readonly opts: CalcomStoreOptions) {}

  now(): number {
    return this.opts.clock();
  }

  restore(data: unknown): void {
    if (data && typeof data === 'object' && 'users' in data) this.data = { ...empty(), ...(data as CalcomData) };
  }

  private changed(): void {
    this.opts.onChange();
  }

  private id(): number {
    return this.data.nextId++;
  }

  addSlow(input: { path: string; times: number; delayMs: number }) {
    const entry = { id: this.id(), ...input };
    this.slow.push(entry);
    return entry;
  }

  /** How long this call must wait (and uses up one slow answer). */
  takeSlow(path: string): number {
    const entry = this.slow.find((s) => path.startsWith(s.path));
    if (!entry) return 0;
    entry.times -= 1;
    if (entry.times <= 0) this.slow = this.slow.filter((s) => s !== entry);
    return entry.delayMs;
  }

  // ---- people -------------------------------------------------------------------------------

  createUser(input: { username: string; email: string; name?: string; timeZone?: string; apiKey?: string }): {
    user: CalUser;
    apiKey: string;
  } {
    const existing = this.data.users.find((u) => u.username === input.username || u.email === input.email);
    if (existing) return { user: existing, apiKey: existing.apiKeys[0] ?? this.addApiKey(existing) };
    const id = this.id();
    const scheduleId = this.id();
    const apiKey = input.apiKey ?? `cal_test_${randomBytes(16).toString('hex')}`;
    const user: CalUser = {
      id,
      username: input.username,
      email: input.email,
      name: input.name ?? input.username,
      timeZone: input.timeZone ?? 'America/New_York',
      apiKeys: [apiKey],
      defaultScheduleId: scheduleId,
    };
    this.data.users.push(user);
    this.data.schedules.push({
      id: scheduleId,
      ownerId: id,
      name: 'Working hours',
      timeZone: user.timeZone,
      isDefault: true,
      availability: nineToFive,
      overrides: [],
    });
    this.changed();
    return { user, apiKey };
  }

  private addApiKey(user: CalUser): string {
    const key = `cal_test_${randomBytes(16).toString('hex')}`;
    user.apiKeys.push(key);
    return key;
  }

  user(id: number): CalUser {
    const u = this.data.users.find((x) => x.id === id);
    if (!u) throw new CalcomApiError(404, 'NotFoundException', `User ${id} not found`);
    return u;
  }

  /** Who a bearer token belongs to; 498 for an expired OAuth access token. */
  authenticate(bearer: string | undefined): { user: CalUser; kind: 'api_key' | 'oauth' } {
    if (!bearer)
      throw new CalcomApiError(
        401,
        'UnauthorizedException',
        'No authentication method provided. Either pass an API key as Bearer or an OAuth access token',
      );
    if (bearer.startsWith('cal_')) {
      const user = this.data.users.find((u) => u.apiKeys.includes(bearer));
      if (!user) throw new CalcomApiError(401, 'UnauthorizedException', 'Invalid API Key');
      return { user, kind: 'api_key' };
    }
    const token = this.data.accessTokens[bearer];
    if (!token) throw new CalcomApiError(401, 'UnauthorizedException', 'Invalid Access Token');
    if (token.expiresAt <= this.now()) throw new CalcomApiError(498, 'ACCESS_TOKEN_IS_EXPIRED', 'ACCESS_TOKEN_IS_EXPIRED');
    return { user: this.user(token.userId), kind: 'oauth' };
  }

  // ---- OAuth --------------------------------------------------------------------------------

  issueCode(input: { clientId: string; redirectUri: string; challenge: string; userId: number }): string {
    const code = randomBytes(18).toString('base64url');
    this.data.codes[code] = { ...input, expiresAt: this.now() + 10 * 60_000 };
    this.changed();
    return code;
  }

  private tokensFor(userId: number, clientId: string) {
    // Not `cal_…`: that prefix means an API key.
    const access = `at_${randomBytes(24).toString('base64url')}`;
    const refresh = `rt_${randomBytes(24).toString('base64url')}`;
    this.data.accessTokens[access] = { userId, expiresAt: this.now() + this.opts.accessTokenTtlSec * 1000 };
    this.data.refreshTokens[refresh] = { userId, clientId };
    this.changed();
    return { access_token: access, refresh_token: refresh, token_type: 'bearer', expires_in: this.opts.accessTokenTtlSec };
  }

  exchangeCode(input: { code: string; clientId: string; redirectUri: string; verifier: string }) {
    const grant = this.data.codes[input.code];
    delete this.data.codes[input.code];
    if (!grant || grant.expiresAt < this.now())
      throw new CalcomApiError(400, 'invalid_grant', 'The authorization code is invalid or expired');
    if (grant.clientId !== input.clientId || grant.redirectUri !== input.redirectUri)
      throw new CalcomApiError(400, 'invalid_grant', 'client_id or redirect_uri does not match the authorization request');
    if (createHash('sha256').update(input.verifier).digest('base64url') !== grant.challenge)
      throw new CalcomApiError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
    return this.tokensFor(grant.userId, grant.clientId);
  }

  /** Refresh tokens rotate: the old one stops working. */
  refresh(input: { refreshToken: string; clientId: string }) {
    const grant = this.data.refreshTokens[input.refreshToken];
    if (!grant || grant.clientId !== input.clientId) throw new CalcomApiError(400, 'invalid_grant', 'The refresh token is invalid');
    delete this.data.refreshTokens[input.refreshToken];
    return this.tokensFor(grant.userId, grant.clientId);
  }

  /** Fault switch: every access token issued so far is now expired (next use answers 498). */
  expireAccessTokens(): number {
    const list = Object.values(this.data.accessTokens);
    for (const t of list) t.expiresAt = this.now() - 1;
    this.changed();
    return list.length;
  }

  // ---- schedules, event types, calendar events ------------------------------------------------

  schedulesOf(userId: number): CalSchedule[] {
    return this.data.schedules.filter((s) => s.ownerId === userId);
  }

  schedule(userId: number, id: number): CalSchedule {
    const s = this.data.schedules.find((x) => x.id === id && x.ownerId === userId);
    if (!s) throw new CalcomApiError(404, 'NotFoundException', `Schedule with id=${id} not found`);
    return s;
  }

  updateSchedule(
    userId: number,
    id: number,
    patch: Partial<Pick<CalSchedule, 'name' | 'timeZone' | 'availability' | 'overrides'>>,
  ): CalSchedule {
    const s = this.schedule(userId, id);
    Object.assign(s, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
    this.changed();
    return s;
  }

  eventTypesOf(userId: number): CalEventType[] {
    return this.data.eventTypes.filter((e) => e.ownerId === userId);
  }

  createEventType(
    userId: number,
    input: { title: string; slug: string; lengthInMinutes: number; description?: string; hidden?: boolean; scheduleId?: number },
  ): CalEventType {
    if (this.data.eventTypes.some((e) => e.ownerId === userId && e.slug === input.slug))
      throw new CalcomApiError(400, 'BadRequestException', `User already has an event type with slug ${input.slug}`);
    const et: CalEventType = {
      id: this.id(),
      ownerId: userId,
      title: input.title,
      slug: input.slug,
      lengthInMinutes: input.lengthInMinutes,
      description: input.description ?? '',
      hidden: input.hidden ?? false,
      scheduleId: input.scheduleId ?? null,
    };
    this.data.eventTypes.push(et);
    this.changed();
    return et;
  }

  addEvent(userId: number, input: { title: string; start: string; end: string }) {
    this.user(userId);
    if (!(Date.parse(input.end) > Date.parse(input.start))) throw new CalcomApiError(400, 'BadRequestException', 'end must be after start');
    const ev = {
      id: this.id(),
      ownerId: userId,
      title: input.title,
      start: new Date(input.start).toISOString(),
      end: new Date(input.end).toISOString(),
    };
    this.data.events.push(ev);
    this.changed();
    return ev;
  }

  removeEvent(userId: number, id: number): void {
    this.data.events = this.data.events.filter((e) => !(e.id === id && e.ownerId === userId));
    this.changed();
  }

  busyTimes(userId: number, from: string, to: string) {
    return this.data.events
      .filter((e) => e.ownerId === userId && overlaps(e.start, e.end, from, to))
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((e) => ({ start: e.start, end: e.end, source: 'google_calendar' }));
  }

  // ---- bookings -----------------------------------------------------------------------------

  bookingsOf(userId: number): CalBooking[] {
    return this.data.bookings.filter((b) => b.ownerId === userId);
  }

  booking(uid: string): CalBooking {
    const b = this.data.bookings.find((x) => x.uid === uid);
    if (!b) throw new CalcomApiError(404, 'NotFoundException', `Booking with uid=${uid} was not found in the database`);
    return b;
  }

  private assertFree(userId: number, start: string, end: string, except?: string): void {
    const clash =
      this.data.bookings.some(
        (b) =>
          b.ownerId === userId &&
          b.uid !== except &&
          (b.status === 'accepted' || b.status === 'pending') &&
          overlaps(b.start, b.end, start, end),
      ) || this.data.events.some((e) => e.ownerId === userId && overlaps(e.start, e.end, start, end));
    if (clash) throw new CalcomApiError(400, 'BadRequestException', 'User either already has booking at this time or is not available');
  }

  createBooking(input: {
    eventTypeId: number;
    start: string;
    lengthInMinutes?: number;
    attendee: Omit<CalAttendee, 'absent' | 'language'> & { language?: string };
    metadata?: Record<string, string>;
    location?: string;
    title?: string;
  }): CalBooking {
    const et = this.data.eventTypes.find((e) => e.id === input.eventTypeId);
    if (!et) throw new CalcomApiError(404, 'NotFoundException', `Event type with id=${input.eventTypeId} not found`);
    const start = new Date(input.start);
    if (Number.isNaN(start.getTime())) throw new CalcomApiError(400, 'BadRequestException', 'start must be a valid ISO 8601 date');
    const end = new Date(start.getTime() + (input.lengthInMinutes ?? et.lengthInMinutes) * 60_000);
    this.assertFree(et.ownerId, start.toISOString(), end.toISOString());
    const now = new Date(this.now()).toISOString();
    const b: CalBooking = {
      id: this.id(),
      uid: randomBytes(11).toString('base64url'),
      ownerId: et.ownerId,
      eventTypeId: et.id,
      title: input.title ?? `${et.title} between ${this.user(et.ownerId).name} and ${input.attendee.name}`,
      description: '',
      status: 'accepted',
      start: start.toISOString(),
      end: end.toISOString(),
      attendees: [
        {
          name: input.attendee.name,
          email: input.attendee.email,
          timeZone: input.attendee.timeZone,
          language: input.attendee.language ?? 'en',
          absent: false,
        },
      ],
      metadata: input.metadata ?? {},
      location: input.location ?? null,
      cancellationReason: null,
      rescheduledFromUid: null,
      rescheduledToUid: null,
      createdAt: now,
      updatedAt: now,
    };
    this.data.bookings.push(b);
    this.changed();
    this.emit('BOOKING_CREATED', b);
    return b;
  }

  cancelBooking(uid: string, reason?: string, by?: string): CalBooking {
    const b = this.booking(uid);
    if (b.status === 'cancelled') throw new CalcomApiError(400, 'BadRequestException', 'This booking has already been cancelled.');
    b.status = 'cancelled';
    b.cancellationReason = reason ?? null;
    b.updatedAt = new Date(this.now()).toISOString();
    this.changed();
    this.emit('BOOKING_CANCELLED', b, { cancellationReason: reason ?? '', cancelledBy: by ?? this.user(b.ownerId).email });
    return b;
  }

  rescheduleBooking(uid: string, startIso: string, reason?: string): CalBooking {
    const old = this.booking(uid);
    if (old.status === 'cancelled' || old.status === 'rejected')
      throw new CalcomApiError(400, 'BadRequestException', 'Can not reschedule a cancelled or rejected booking');
    const start = new Date(startIso);
    if (Number.isNaN(start.getTime())) throw new CalcomApiError(400, 'BadRequestException', 'start must be a valid ISO 8601 date');
    const length = Date.parse(old.end) - Date.parse(old.start);
    const end = new Date(start.getTime() + length);
    this.assertFree(old.ownerId, start.toISOString(), end.toISOString(), old.uid);
    const now = new Date(this.now()).toISOString();
    const b: CalBooking = {
      ...old,
      id: this.id(),
      uid: randomBytes(11).toString('base64url'),
      start: start.toISOString(),
      end: end.toISOString(),
      status: 'accepted',
      rescheduledFromUid: old.uid,
      rescheduledToUid: null,
      cancellationReason: null,
      createdAt: now,
      updatedAt: now,
      attendees: old.attendees.map((a) => ({ ...a })),
      metadata: { ...old.metadata },
    };
    old.status = 'cancelled';
    old.rescheduledToUid = b.uid;
    old.cancellationReason = reason ?? 'Rescheduled';
    old.updatedAt = now;
    this.data.bookings.push(b);
    this.changed();
    this.emit('BOOKING_RESCHEDULED', b, { rescheduleUid: old.uid, rescheduleStartTime: old.start, rescheduleEndTime: old.end });
    return b;
  }

  declineBooking(uid: string, reason?: string): CalBooking {
    const b = this.booking(uid);
    if (b.status !== 'pending') throw new CalcomApiError(400, 'BadRequestException', 'Only pending bookings can be declined');
    b.status = 'rejected';
    b.updatedAt = new Date(this.now()).toISOString();
    this.changed();
    this.emit('BOOKING_REJECTED', b, { rejectionReason: reason ?? '' });
    return b;
  }

  // ---- webhooks -----------------------------------------------------------------------------

  addWebhook(userId: number, input: { subscriberUrl: string; secret?: string; triggers: string[]; active?: boolean }) {
    const hook = {
      id: randomBytes(8).toString('hex'),
      ownerId: userId,
      subscriberUrl: input.subscriberUrl,
      secret: input.secret ?? '',
      triggers: input.triggers,
      active: input.active ?? true,
    };
    // One subscription per URL and owner, as Cal.com refuses duplicates.
    this.data.webhooks = this.data.webhooks.filter((w) => !(w.ownerId === userId && w.subscriberUrl === input.subscriberUrl));
    this.data.webhooks.push(hook);
    this.changed();
    return hook;
  }

  removeWebhook(userId: number, id: string): void {
    this.data.webhooks = this.data.webhooks.filter((w) => !(w.ownerId === userId && w.id === id));
    this.changed();
  }

  private emit(trigger: string, b: CalBooking, extra: Record<string, unknown> = {}): void {
    const owner = this.user(b.ownerId);
    const et = b.eventTypeId ? this.data.eventTypes.find((e) => e.id === b.eventTypeId) : undefined;
    const body = {
      triggerEvent: trigger,
      createdAt: new Date(this.now()).toISOString(),
      payload: {
        type: et?.slug ?? '',
        title: b.title,
        description: b.description,
        startTime: b.start,
        endTime: b.end,
        organizer: {
          id: owner.id,
          name: owner.name,
          email: owner.email,
          username: owner.username,
          timeZone: owner.timeZone,
          language: { locale: 'en' },
        },
        attendees: b.attendees.map((a) => ({ name: a.name, email: a.email, timeZone: a.timeZone, language: { locale: a.language } })),
        uid: b.uid,
        bookingId: b.id,
        eventTypeId: b.eventTypeId,
        status: b.status.toUpperCase(),
        metadata: b.metadata,
        responses: { name: { value: b.attendees[0]?.name ?? '' }, email: { value: b.attendees[0]?.email ?? '' } },
        location: b.location,
        ...extra,
      },
    };
    for (const hook of this.data.webhooks.filter((w) => w.ownerId === owner.id && w.active && w.triggers.includes(trigger))) {
      const raw = JSON.stringify(body);
      if (this.dropWebhooks > 0) {
        this.dropWebhooks -= 1;
        this.deliveries.push({ trigger, uid: b.uid, url: hook.subscriberUrl, status: null, dropped: true, at: this.now() });
        continue;
      }
      const p = this.deliver(hook.subscriberUrl, raw, hook.secret, trigger, b.uid);
      this.inFlight.add(p);
      void p.finally(() => this.inFlight.delete(p));
    }
  }

  private async deliver(url: string, raw: string, secret: string, trigger: string, uid: string): Promise<void> {
    const record: WebhookDelivery = { trigger, uid, url, status: null, dropped: false, at: this.now() };
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-cal-signature-256': createHmac('sha256', secret).update(raw, 'utf8').digest('hex'),
          'x-cal-webhook-version': '2021-10-20',
        },
        body: raw,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      record.status = res.status;
    } catch {
      record.status = null;
    }
    // Delivered at most once: Cal.com does not promise retries, so neither do we.
    this.deliveries.push(record);
  }

  /** Resolves when no webhook is in flight. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.race([...this.inFlight, new Promise((r) => setTimeout(r, 5))]);
  }
}
