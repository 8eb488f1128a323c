import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { requireAdmin } from '../admin.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { zone } = requireAdmin(event);
  try {
    const disputes = await api(event).adminPayments.disputes.query();
    return { zone, open: disputes.filter((d) => d.open), closed: disputes.filter((d) => !d.open) };
  } catch (e) {
    rethrowForPage(e, event);
  }
};
