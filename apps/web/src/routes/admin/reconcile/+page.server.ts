import { fail } from '@sveltejs/kit';
import { describeApiError } from '@handled/client';
import { api } from '$lib/server/api';
import { requireAdmin } from '../admin.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
  const { zone } = requireAdmin(event);
  return { zone };
};

export const actions: Actions = {
  /** Compares the ledger with Stripe now (it reads every booking's Stripe objects, so it is on demand). */
  run: async (event) => {
    requireAdmin(event);
    try {
      return { report: await api(event).adminPayments.reconcile.mutate() };
    } catch (e) {
      return fail(502, { report: null, message: describeApiError(e).message });
    }
  },
};
