import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { api } from '$lib/server/api';
import { rethrowForPage, signInHref } from '$lib/server/errors';
import { parseForm, refuse, refuseFromApi, siteForm } from '$lib/server/form';
import { safeNext } from '$lib/safe-next';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, signInHref(event.url));
  try {
    return { favourites: await api(event).favourites.list.query() };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

/** The heart on cards and profiles: `favourite` is whether to save (`true`) or remove; `next` where to go back. */
const toggleForm = siteForm(
  z.object({
    providerId: z.string(),
    favourite: z.string().transform((v) => v === 'true'),
    next: z.string().transform((next) => safeNext(next || '/favourites')),
  }),
);

export const actions: Actions = {
  /** Save or remove, then back where the client was. */
  toggle: async (event) => {
    const form = await parseForm(toggleForm, event.request);
    if (!form.ok) return refuse(toggleForm, form);
    const { providerId, favourite, next } = form.data;
    if (!event.locals.user) redirect(303, `/signin?next=${encodeURIComponent(next)}`);
    try {
      await api(event).favourites.set.mutate({ providerId, favourite });
    } catch (e) {
      return refuseFromApi(toggleForm, e, { values: form.values });
    }
    if (event.request.headers.get('x-sveltekit-action') === 'true') return { providerId, favourite };
    redirect(303, next);
  },
};
