import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { api } from '$lib/server/api';
import { rethrowForPage, signInHref } from '$lib/server/errors';
import { parseForm, refuse, refuseFromApi, siteForm } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';
import { viewerZone } from '$lib/server/viewer-zone';

/** The message as typed (the API trims it and checks its length); only blank is refused here. */
const messageForm = siteForm(z.object({ body: z.string().refine((body) => body.trim() !== '', 'Write a message first.') }));

export const load: PageServerLoad = async (event) => {
  const { locals, url, params } = event;
  if (!locals.user) redirect(303, signInHref(url));
  event.depends('app:messages');
  const client = api(event);
  const before = url.searchParams.get('before');
  try {
    const thread = await client.messages.thread.query({ bookingId: params.bookingId, limit: 100, ...(before ? { before } : {}) });
    // Opening the conversation (or it refreshing while on screen) reads what the other side wrote.
    const unread = thread.messages.some((m) => !m.mine && m.readAt === null);
    const marked = unread
      ? (await client.messages.markRead.mutate({ bookingId: thread.bookingId }).catch(() => ({ updated: 0 }))).updated
      : 0;
    return { thread, marked, olderPage: Boolean(before), zone: viewerZone(locals, locals.user.timeZone) };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

export const actions: Actions = {
  send: async (event) => {
    const form = await parseForm(messageForm, event.request);
    if (!form.ok) return refuse(messageForm, { values: form.values, message: form.errors.body ?? null });
    try {
      await api(event).messages.send.mutate({ bookingId: event.params.bookingId, body: form.data.body });
    } catch (e) {
      return refuseFromApi(messageForm, e, { values: form.values });
    }
    // Post/redirect/get: a reload does not send it twice; with JS the page only refreshes its data.
    redirect(303, `/messages/${event.params.bookingId}`);
  },
};
