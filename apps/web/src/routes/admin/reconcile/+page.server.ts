import { z } from 'zod';
import { api } from '$lib/server/api';
import { refuseFromApi, siteForm } from '$lib/server/form';
import { requireAdmin } from '../admin.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
  const { zone } = requireAdmin(event);
  return { zone };
};

const runForm = siteForm(z.object({}));

export const actions: Actions = {
  /** Compares the ledger with Stripe now (it reads every booking's Stripe objects, so it is on demand). */
  run: async (event) => {
    requireAdmin(event);
    try {
      return { report: await api(event).adminPayments.reconcile.mutate() };
    } catch (e) {
      return refuseFromApi(runForm, e, { values: {}, report: null });
    }
  },
};
