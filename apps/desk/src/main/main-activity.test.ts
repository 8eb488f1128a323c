import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBookingFor } from '@handled/testing/fixtures';
import { eventually, startTestStack, type TestStack } from '@handled/testing';
import { call, h, trusted } from './testing/fake-electron.ts';

/**
 * The real main process against the real API (a test stack), with only Electron stood in: Sam is
 * signed in, his window is hidden in the tray, Maya sends a request — the main process, polling
 * on its own, raises a desktop notification that opens the booking, and the tray and badge count it.
 */
vi.mock('electron', async () => (await import('./testing/fake-electron.ts')).electronModule);

const SAM = 'sam@demo.handled.test';
const MAYA = 'maya@demo.handled.test';
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  h.userData = mkdtempSync(join(tmpdir(), 'desk-userdata-'));
  h.appData = mkdtempSync(join(tmpdir(), 'desk-appdata-'));
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  vi.stubEnv('HANDLED_API_URL', stack.apiUrl);
  vi.stubEnv('HANDLED_PULSE_SECONDS', '1');
  await import('./index.ts');
  await vi.waitFor(() => expect(h.windows).toHaveLength(1));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await stack?.close();
});

describe('notifications while the window is hidden', () => {
  it('a new request and a message pop up from the tray; a click opens them; the badge counts them', async () => {
    const { token } = await stack.signIn(SAM);
    await call('session:set-token', trusted, token);
    const sam = await stack.clientAs(SAM);
    const before = await sam.desk.pulse.query({});
    // The first look only sets where to start: wait for it to reach the tray.
    await eventually(async () => {
      if (h.badge.at(-1) !== before.openRequests + before.unreadMessages) throw new Error('no first look yet');
    });

    // Sam closes the window: it hides to the tray.
    const w = h.windows[0]!;
    const close = { preventDefault: vi.fn() };
    for (const fn of w.windowEvents.get('close') ?? []) fn(close);
    expect(w.visible).toBe(false);
    const shownBefore = h.notifications.length;

    const booking = await createBookingFor(stack, MAYA, SAM);
    const note = await eventually(async () => {
      const n = h.notifications.slice(shownBefore).find((x) => x.options.title === 'New request from Maya Lopez');
      if (!n) throw new Error('no notification yet');
      return n;
    }, 30_000);
    expect(note.shown).toBe(true);
    expect(note.options.body).toMatch(/you earn/);
    await eventually(async () => {
      if (h.badge.at(-1) !== before.openRequests + 1 + before.unreadMessages) throw new Error(`badge ${h.badge.at(-1)}`);
    });
    expect(h.trays[0]!.tooltip).toMatch(/new request/);

    // A message in the same booking, still hidden.
    const maya = await stack.clientAs(MAYA);
    await maya.messages.send.mutate({ bookingId: booking.id, body: 'Is 10 ok?' });
    const message = await eventually(async () => {
      const n = h.notifications.find((x) => x.options.title === 'Message from Maya Lopez' && x.options.body === 'Is 10 ok?');
      if (!n) throw new Error('no message notification yet');
      return n;
    }, 30_000);

    // Clicking the request's notification brings the window back on the booking.
    note.click?.();
    expect(w.visible).toBe(true);
    const opened = w.sent.filter(([c]) => c === 'desk:navigate').map(([, r]) => r);
    expect(opened).toContain(`#/bookings/${booking.id}`);
    message.click?.();
    expect(w.sent).toContainEqual(['desk:navigate', `#/messages/${booking.id}`]);
    // Each told once.
    expect(h.notifications.slice(shownBefore).filter((x) => x.options.title === 'New request from Maya Lopez')).toHaveLength(1);
    expect(h.notifications.filter((x) => x.options.body === 'Is 10 ok?')).toHaveLength(1);

    // Signing out stops it: the tray forgets the counts.
    await call('session:clear-token', trusted);
    expect(h.badge.at(-1)).toBe(0);
  });
});
