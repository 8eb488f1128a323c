import { fail, redirect } from '@sveltejs/kit';
import { describeApiError } from '@handled/client';
import { localDate } from '@handled/core/time-in-zone';
import { api } from '$lib/server/api';
import { rethrowForPage, signInHref } from '$lib/server/errors';
import { vapidPublicKey } from '$lib/server/env';
import type { Actions, PageServerLoad } from './$types';

const ENDED = new Set(['cancelled', 'declined', 'expired']);

export const load: PageServerLoad = async (event) => {
  const { locals, url } = event;
  if (!locals.user) redirect(303, signInHref(url));
  // An administrator has no bookings of their own: their home on the site is the admin screens.
  if (locals.user.role === 'admin') redirect(303, '/admin');
  const zone = locals.timeZone ?? locals.user.timeZone;
  const view = url.searchParams.get('view') === 'week' ? ('week' as const) : ('month' as const);
  const today = localDate(new Date().toISOString(), zone);
  const at = /^\d{4}-\d{2}-\d{2}$/.test(url.searchParams.get('at') ?? '') ? url.searchParams.get('at')! : today;
  const base = { role: locals.user.role, zone, view, at, today, vapidKey: vapidPublicKey() };
  if (locals.user.role !== 'client') return { ...base, notClient: true as const, upcoming: [], past: [], favourites: [] };
  const client = api(event);
  try {
    const [upcoming, past, favourites] = await Promise.all([
      client.bookings.mine.query({ scope: 'upcoming' }),
      client.bookings.mine.query({ scope: 'past' }),
      client.favourites.list.query().catch(() => []),
    ]);
    // Cancelled, declined and expired requests are history even when their date is still ahead.
    const active = upcoming.filter((b) => !ENDED.has(b.status));
    const ended = upcoming.filter((b) => ENDED.has(b.status));
    return { ...base, notClient: false as const, upcoming: active, past: [...ended, ...past], favourites };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

export const actions: Actions = {
  /** Web push: the browser's subscription for this account (sending is the notifications work). */
  subscribePush: async (event) => {
    const form = await event.request.formData();
    try {
      const sub = JSON.parse(String(form.get('subscription') ?? '')) as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } };
      await api(event).push.subscribe.mutate({ endpoint: String(sub.endpoint), keys: { p256dh: String(sub.keys?.p256dh), auth: String(sub.keys?.auth) } });
      return { push: 'on' as const };
    } catch (e) {
      return fail(400, { push: 'error' as const, message: e instanceof SyntaxError ? 'The browser sent an unreadable subscription.' : describeApiError(e).message });
    }
  },
  unsubscribePush: async (event) => {
    const form = await event.request.formData();
    try {
      await api(event).push.unsubscribe.mutate({ endpoint: String(form.get('endpoint') ?? '') });
      return { push: 'off' as const };
    } catch (e) {
      return fail(400, { push: 'error' as const, message: describeApiError(e).message });
    }
  },
};
