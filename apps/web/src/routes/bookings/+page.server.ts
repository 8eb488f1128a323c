import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { localDate } from '@handled/core/time-in-zone';
import { api } from '$lib/server/api';
import { rethrowForPage, signInHref } from '$lib/server/errors';
import { parseForm, refuse, refuseFromApi, siteForm } from '$lib/server/form';
import { vapidPublicKey } from '$lib/server/env';
import type { Actions, PageServerLoad } from './$types';
import { booksAsClient } from '$lib/server/session';
import { viewerZone } from '$lib/server/viewer-zone';

const ENDED = new Set(['cancelled', 'declined', 'expired']);

export const load: PageServerLoad = async (event) => {
  const { locals, url } = event;
  if (!locals.user) redirect(303, signInHref(url));
  // An administrator has no bookings of their own: their home on the site is the admin screens.
  if (locals.user.role === 'admin') redirect(303, '/admin');
  const zone = viewerZone(locals, locals.user.timeZone);
  const view = url.searchParams.get('view') === 'week' ? ('week' as const) : ('month' as const);
  const today = localDate(new Date().toISOString(), zone);
  const at = /^\d{4}-\d{2}-\d{2}$/.test(url.searchParams.get('at') ?? '') ? url.searchParams.get('at')! : today;
  const base = { role: locals.user.role, zone, view, at, today, vapidKey: vapidPublicKey() };
  if (!booksAsClient(locals.user)) return { ...base, notClient: true as const, upcoming: [], past: [], favourites: [] };
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

const unreadable = 'The browser sent an unreadable subscription.';

/** The browser's push subscription, as its JSON (the API checks the endpoint and keys themselves). */
const subscribeForm = siteForm(
  z.object({
    subscription: z
      .string()
      .transform((json, ctx) => {
        try {
          return JSON.parse(json) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: unreadable });
          return z.NEVER;
        }
      })
      .pipe(z.object({ endpoint: z.string(), keys: z.object({ p256dh: z.string(), auth: z.string() }) }, { error: unreadable })),
  }),
);
const unsubscribeForm = siteForm(z.object({ endpoint: z.string() }));

export const actions: Actions = {
  /** Web push: the browser's subscription for this account (sending is the notifications work). */
  subscribePush: async (event) => {
    const form = await parseForm(subscribeForm, event.request);
    if (!form.ok) return refuse(subscribeForm, { ...form, message: form.errors.subscription ?? unreadable, push: 'error' as const });
    try {
      await api(event).push.subscribe.mutate(form.data.subscription);
      return { push: 'on' as const };
    } catch (e) {
      return refuseFromApi(subscribeForm, e, { values: form.values, push: 'error' as const });
    }
  },
  unsubscribePush: async (event) => {
    const form = await parseForm(unsubscribeForm, event.request);
    if (!form.ok) return refuse(unsubscribeForm, { ...form, push: 'error' as const });
    try {
      await api(event).push.unsubscribe.mutate({ endpoint: form.data.endpoint });
      return { push: 'off' as const };
    } catch (e) {
      return refuseFromApi(unsubscribeForm, e, { values: form.values, push: 'error' as const });
    }
  },
};
