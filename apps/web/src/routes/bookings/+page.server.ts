import { redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { rethrowForPage, signInHref } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { locals, url } = event;
  if (!locals.user) redirect(303, signInHref(url));
  const zone = locals.timeZone ?? locals.user.timeZone;
  if (locals.user.role !== 'client') return { notClient: true as const, role: locals.user.role, zone, upcoming: [], past: [] };
  const client = api(event);
  try {
    const [upcoming, past] = await Promise.all([client.bookings.mine.query({ scope: 'upcoming' }), client.bookings.mine.query({ scope: 'past' })]);
    return { notClient: false as const, role: locals.user.role, zone, upcoming, past };
  } catch (e) {
    rethrowForPage(e, event);
  }
};
