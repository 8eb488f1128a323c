import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, SANDBOX_API_KEY, type RunningEmulators } from '@handled/emulators';
import { createCalcomClient } from './client.ts';
import { createBreaker } from './resilience.ts';
import { authorizeUrl, createPkcePair, exchangeCode, refreshTokens } from './oauth.ts';
import { isCalcomError } from './errors.ts';

let emu: RunningEmulators;
beforeAll(async () => {
  emu = await startEmulators({ port: 0, calcom: { rateLimit: { apiKey: 30, windowMs: 1000 } } });
});
afterAll(() => emu.close());
afterEach(async () => {
  await fetch(`${emu.url}/_/calcom/faults`, { method: 'DELETE' });
});

const apiKeyClient = (extra: Partial<Parameters<typeof createCalcomClient>[0]> = {}) =>
  createCalcomClient({ apiUrl: emu.url, auth: { token: async () => SANDBOX_API_KEY }, baseDelayMs: 10, ...extra });

async function fault(kind: '500' | '429' | '498' | 'slow', times: number, path = '/v2', delayMs?: number) {
  const res = await fetch(`${emu.url}/_/calcom/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind, times, path, ...(delayMs ? { delayMs } : {}) }),
  });
  expect(res.status).toBe(201);
}

describe('Cal.com client against the emulator', () => {
  it('reads me, schedules and event types with the right versions', async () => {
    const cal = apiKeyClient();
    expect((await cal.me()).email).toBe('sam@demo.handled.test');
    const schedule = await cal.defaultSchedule();
    expect(schedule?.availability[0]).toMatchObject({ startTime: '09:00', endTime: '17:00' });
    const et = await cal.createEventType({ title: 'Handled job', slug: `handled-${Date.now()}`, lengthInMinutes: 60, hidden: true });
    expect((await cal.eventTypes()).map((e) => e.id)).toContain(et.id);
  });

  it('the emulator refuses a call without cal-api-version, as a reminder that Cal.com would silently downgrade', async () => {
    const res = await fetch(`${emu.url}/v2/bookings`, { headers: { authorization: `Bearer ${SANDBOX_API_KEY}` } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { status: string; error: { code: string; message: string } };
    expect(body.status).toBe('error');
    expect(body.error.message).toMatch(/cal-api-version/);
  });

  it('creates, reads, reschedules and cancels a booking; busy times come from the calendar', async () => {
    const cal = apiKeyClient();
    const et = await cal.createEventType({ title: 'Job', slug: `job-${Date.now()}`, lengthInMinutes: 120 });
    const start = new Date(Date.UTC(2031, 0, 6, 15)).toISOString();
    const b = await cal.createBooking({
      start,
      eventTypeId: et.id,
      attendee: { name: 'Maya', email: 'maya@example.com', timeZone: 'America/New_York' },
      metadata: { handledBookingId: 'bk_1' },
    });
    expect(b).toMatchObject({ status: 'accepted', metadata: { handledBookingId: 'bk_1' } });
    expect(Date.parse(b.end) - Date.parse(b.start)).toBe(120 * 60_000);
    await expect(
      cal.createBooking({ start, eventTypeId: et.id, attendee: { name: 'Leo', email: 'leo@example.com', timeZone: 'UTC' } }),
    ).rejects.toMatchObject({ status: 400, code: 'BadRequestException' });
    const moved = await cal.rescheduleBooking(b.uid, { start: new Date(Date.UTC(2031, 0, 7, 15)).toISOString() });
    expect(moved.rescheduledFromUid).toBe(b.uid);
    expect((await cal.booking(b.uid)).status).toBe('cancelled');
    expect((await cal.cancelBooking(moved.uid, 'client asked')).status).toBe('cancelled');

    const sam = emu.emulators.calcom.data.users[0];
    if (!sam) throw new Error('no demo user');
    emu.emulators.calcom.addEvent(sam.id, { title: 'Dentist', start: '2031-01-08T14:00:00Z', end: '2031-01-08T15:00:00Z' });
    const cals = await cal.calendars();
    const first = cals.connectedCalendars[0];
    if (!first?.calendars[0]) throw new Error('no calendar');
    const busy = await cal.busyTimes({
      dateFrom: '2031-01-08',
      dateTo: '2031-01-09',
      timeZone: 'UTC',
      calendars: [{ credentialId: first.credentialId, externalId: first.calendars[0].externalId }],
    });
    expect(busy).toEqual([{ start: '2031-01-08T14:00:00.000Z', end: '2031-01-08T15:00:00.000Z', source: 'google_calendar' }]);
  });

  it('waits out a 429 for the window its X-RateLimit-Reset-Default names, then succeeds', async () => {
    await fault('429', 2, '/v2/me');
    const t0 = Date.now();
    expect((await apiKeyClient({ maxAttempts: 4 }).me()).id).toBeGreaterThan(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900); // two waits of the 1 s the header names
  });

  it('the emulator rate-limits per key with Cal.com headers', async () => {
    const { apiKey } = emu.emulators.calcom.createUser({ username: 'busy-bee', email: 'bee@example.com' });
    let last: Response | undefined;
    for (let i = 0; i < 31; i++) last = await fetch(`${emu.url}/v2/me`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(last?.status).toBe(429);
    expect(last?.headers.get('x-ratelimit-limit-default')).toBe('30');
    expect(last?.headers.get('x-ratelimit-remaining-default')).toBe('0');
    expect(Number(last?.headers.get('x-ratelimit-reset-default'))).toBeGreaterThan(0);
  });

  it('retries a 500 and opens the breaker after repeated outages, then stops calling', async () => {
    await fault('500', 1, '/v2/me');
    expect((await apiKeyClient().me()).id).toBeGreaterThan(0);

    const breaker = createBreaker({ threshold: 3, halfOpenAfterMs: 60_000 });
    const cal = apiKeyClient({ breaker, maxAttempts: 1 });
    await fault('500', 3, '/v2/me');
    for (let i = 0; i < 3; i++) await expect(cal.me()).rejects.toMatchObject({ status: 500 });
    const before = emu.emulators.faults.list().length;
    await expect(cal.me()).rejects.toMatchObject({ code: 'CIRCUIT_OPEN', status: 0 });
    expect(emu.emulators.faults.list().length).toBe(before);
  });

  it('a slow Cal.com times out as a transient error', async () => {
    await fault('slow', 1, '/v2/me', 2000);
    const err = await apiKeyClient({ timeoutMs: 300, maxAttempts: 1 })
      .me()
      .catch((e: unknown) => e);
    expect(isCalcomError(err) && err.code === 'TIMEOUT' && err.transient).toBe(true);
  });

  it('OAuth with PKCE: authorize page, code exchange, 498 on an expired token refreshes once', async () => {
    const oauth = { appUrl: emu.url, apiUrl: emu.url, clientId: 'handled-sandbox', redirectUri: 'http://127.0.0.1:1/cb' };
    const { verifier, challenge } = createPkcePair();
    const page = await fetch(authorizeUrl(oauth, { state: 'st8', codeChallenge: challenge }));
    expect(await page.text()).toContain('Allow');
    const allow = await fetch(`${emu.url}/auth/oauth2/authorize`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({
        client_id: oauth.clientId,
        redirect_uri: oauth.redirectUri,
        state: 'st8',
        code_challenge: challenge,
        user_id: String(emu.emulators.calcom.data.users[0]?.id),
        decision: 'allow',
      }),
    });
    const location = new URL(allow.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('st8');
    const code = location.searchParams.get('code') ?? '';
    await expect(exchangeCode(oauth, { code, codeVerifier: 'wrong-verifier-wrong-verifier-wrong-verifier' })).rejects.toMatchObject({
      status: 400,
    });

    // A fresh code (the failed exchange used the first one up).
    const again = await fetch(`${emu.url}/auth/oauth2/authorize`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({
        client_id: oauth.clientId,
        redirect_uri: oauth.redirectUri,
        code_challenge: challenge,
        user_id: String(emu.emulators.calcom.data.users[0]?.id),
        decision: 'allow',
      }),
    });
    const tokens = await exchangeCode(oauth, {
      code: new URL(again.headers.get('location') ?? '').searchParams.get('code') ?? '',
      codeVerifier: verifier,
    });
    expect(tokens.refresh_token).toBeTruthy();

    let access = tokens.access_token;
    let refresh = tokens.refresh_token ?? '';
    let refreshes = 0;
    const cal = createCalcomClient({
      apiUrl: emu.url,
      auth: {
        token: async () => access,
        refresh: async () => {
          refreshes += 1;
          const next = await refreshTokens(oauth, refresh);
          access = next.access_token;
          refresh = next.refresh_token ?? refresh;
          return access;
        },
      },
    });
    expect((await cal.me()).username).toBe('sam-okafor');
    await fetch(`${emu.url}/_/calcom/oauth/expire`, { method: 'POST' });
    const raw = await fetch(`${emu.url}/v2/me`, { headers: { authorization: `Bearer ${access}` } });
    expect(raw.status).toBe(498);
    expect((await cal.me()).username).toBe('sam-okafor');
    expect(refreshes).toBe(1);
    await expect(refreshTokens(oauth, tokens.refresh_token ?? '')).rejects.toMatchObject({ status: 400 }); // rotated
  });
});
