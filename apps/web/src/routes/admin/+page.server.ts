import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { requireOperator } from './admin.server';
import type { PageServerLoad } from './$types';

/** The operators' queues (counts and ages) and the monitoring figures, read fresh on every load. */
export const load: PageServerLoad = async (event) => {
  const { zone } = requireOperator(event);
  try {
    const o = await api(event).operator.overview.query();
    return { zone, overview: o.money, queues: o.queues };
  } catch (e) {
    rethrowForPage(e, event);
  }
};
