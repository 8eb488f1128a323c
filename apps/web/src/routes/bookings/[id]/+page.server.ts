import { redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { rethrowForPage, signInHref } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { locals, url, params } = event;
  if (!locals.user) redirect(303, signInHref(url));
  try {
    const booking = await api(event).bookings.get.query({ id: params.id });
    return { booking, zone: locals.timeZone ?? locals.user.timeZone ?? booking.timeZone, justRequested: url.searchParams.has('requested') };
  } catch (e) {
    rethrowForPage(e, event);
  }
};
