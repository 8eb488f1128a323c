import { fail, redirect } from '@sveltejs/kit';
import { describeApiError } from '@handled/client';
import { api } from '$lib/server/api';
import { rethrowForPage, signInHref } from '$lib/server/errors';
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

export const actions: Actions = {
  /** The heart on cards and profiles: save or remove, then back where the client was. */
  toggle: async (event) => {
    const form = await event.request.formData();
    const next = safeNext(String(form.get('next') ?? '/favourites'));
    if (!event.locals.user) redirect(303, `/signin?next=${encodeURIComponent(next)}`);
    const providerId = String(form.get('providerId') ?? '');
    const favourite = form.get('favourite') === 'true';
    try {
      await api(event).favourites.set.mutate({ providerId, favourite });
    } catch (e) {
      return fail(400, { message: describeApiError(e).message });
    }
    if (event.request.headers.get('x-sveltekit-action') === 'true') return { providerId, favourite };
    redirect(303, next);
  },
};
