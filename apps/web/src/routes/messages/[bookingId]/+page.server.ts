import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { api } from '$lib/server/api';
import { rethrowForPage, signInHref } from '$lib/server/errors';
import { checkForm, readForm, refuse, refuseFromApi, siteForm } from '$lib/server/form';
import { apiUrl } from '$lib/server/env';
import type { Actions, PageServerLoad } from './$types';
import { viewerZone } from '$lib/server/viewer-zone';

/** The message as typed (the API trims it and checks its length); only blank is refused here (a photo may go without words). */
const messageForm = siteForm(z.object({ body: z.string() }));
const reportForm = siteForm(
  z.object({
    messageId: z.string().min(1),
    reason: z.string().refine((r) => r.trim().length >= 3, 'Say what is wrong with this message.'),
  }),
);

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
    const data = await event.request.formData();
    const form = checkForm(messageForm, readForm(messageForm, data));
    if (!form.ok) return refuse(messageForm, { values: form.values, message: form.errors.body ?? null });
    const picked = data.get('photo');
    const photo = picked instanceof File && picked.size > 0 ? picked : null;
    if (!photo && form.data.body.trim() === '') return refuse(messageForm, { values: form.values, message: 'Write a message first.' });
    try {
      if (photo) {
        // A photo goes to the API's upload route as this visitor, with the words as its caption.
        const body = new FormData();
        body.append('file', photo, photo.name || 'photo');
        body.append('body', form.data.body);
        const cookie = event.request.headers.get('cookie');
        const res = await fetch(`${apiUrl()}/uploads/messages/${encodeURIComponent(event.params.bookingId)}`, {
          method: 'POST',
          headers: cookie ? { cookie } : {},
          body,
        });
        if (res.status !== 201) {
          const answer = (await res.json().catch(() => null)) as { error?: unknown } | null;
          const why = typeof answer?.error === 'string' ? answer.error : `The photo could not be sent (${res.status}).`;
          return refuse(messageForm, { values: form.values, message: why }, res.status === 413 ? 413 : 400);
        }
      } else {
        await api(event).messages.send.mutate({ bookingId: event.params.bookingId, body: form.data.body });
      }
    } catch (e) {
      return refuseFromApi(messageForm, e, { values: form.values });
    }
    // Post/redirect/get: a reload does not send it twice; with JS the page only refreshes its data.
    redirect(303, `/messages/${event.params.bookingId}`);
  },
  /** Reports the other side's message to Handled's operators. */
  report: async (event) => {
    const form = checkForm(reportForm, readForm(reportForm, await event.request.formData()));
    if (!form.ok)
      return refuse(reportForm, {
        values: form.values,
        message: form.errors.reason ?? 'Say what is wrong with this message.',
        reportFor: form.values.messageId,
      });
    try {
      const r = await api(event).messages.report.mutate({ messageId: form.data.messageId, reason: form.data.reason });
      return { reported: form.data.messageId, alreadyReported: r.alreadyReported };
    } catch (e) {
      return refuseFromApi(reportForm, e, { values: form.values, reportFor: form.data.messageId });
    }
  },
};
