import { fail, redirect } from '@sveltejs/kit';
import { describeApiError } from '@handled/client';
import { api } from '$lib/server/api';
import { rethrowForPage, signInHref } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

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
    const marked = unread ? (await client.messages.markRead.mutate({ bookingId: thread.bookingId }).catch(() => ({ updated: 0 }))).updated : 0;
    return { thread, marked, olderPage: Boolean(before), zone: locals.timeZone ?? locals.user.timeZone };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

export const actions: Actions = {
  send: async (event) => {
    const form = await event.request.formData();
    const raw = form.get('body');
    const body = typeof raw === 'string' ? raw : '';
    if (!body.trim()) return fail(400, { body, message: 'Write a message first.' });
    try {
      await api(event).messages.send.mutate({ bookingId: event.params.bookingId, body });
    } catch (e) {
      const info = describeApiError(e);
      return fail(info.code === 'TOO_MANY_REQUESTS' ? 429 : info.code === 'FORBIDDEN' ? 403 : 400, { body, message: info.fieldErrors['body']?.[0] ?? info.message });
    }
    // Post/redirect/get: a reload does not send it twice; with JS the page only refreshes its data.
    redirect(303, `/messages/${event.params.bookingId}`);
  },
};
