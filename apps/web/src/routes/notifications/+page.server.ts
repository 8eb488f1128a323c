import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { api } from '$lib/server/api';
import { rethrowForPage, signInHref } from '$lib/server/errors';
import { viewerZone } from '$lib/server/viewer-zone';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { locals, url } = event;
  if (!locals.user) redirect(303, signInHref(url));
  try {
    const centre = await api(event).notifications.list.query({ limit: 50 });
    return { centre, zone: viewerZone(locals, locals.user.timeZone) };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

const readForm = z.object({ id: z.string().min(1).max(64).optional() });

export const actions: Actions = {
  /** Marks one notification read (`id`), or all of them. */
  read: async (event) => {
    if (!event.locals.user) redirect(303, signInHref(event.url));
    const parsed = readForm.safeParse(Object.fromEntries(await event.request.formData()));
    if (!parsed.success) return fail(400, { message: 'That notification was not found.' });
    await api(event).notifications.markRead.mutate(parsed.data.id ? { ids: [parsed.data.id] } : { all: true });
    return { ok: true };
  },
};
