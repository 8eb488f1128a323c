import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { requireAdmin } from './admin.server';
import type { PageServerLoad } from './$types';

/** Monitoring figures, read fresh on every load. */
export const load: PageServerLoad = async (event) => {
  const { zone } = requireAdmin(event);
  try {
    return { zone, overview: await api(event).adminPayments.overview.query() };
  } catch (e) {
    rethrowForPage(e, event);
  }
};
