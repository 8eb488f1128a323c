import { z } from 'zod';
import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { parseForm, refuse, refuseFromApi, siteForm } from '$lib/server/form';
import { requireAdmin } from '../admin.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { zone } = requireAdmin(event);
  try {
    return { zone, jobs: await api(event).adminPayments.jobs.query() };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

const retryForm = siteForm(z.object({ jobId: z.string().trim().min(1, 'Which job?').max(100) }), { message: 'Choose a job to retry.' });

export const actions: Actions = {
  /** Puts a failed or dead job back in the queue to run now (works as a plain form post). */
  retry: async (event) => {
    requireAdmin(event);
    const form = await parseForm(retryForm, event.request);
    if (!form.ok) return refuse(retryForm, { ...form, retried: false });
    try {
      await api(event).adminPayments.retryJob.mutate({ jobId: form.data.jobId });
      return { values: form.values, retried: true, message: 'The job is queued to run again now.' };
    } catch (e) {
      // A job that is no longer failed (retried meanwhile) is a stale form, answered 400 as before, not the API's 404.
      return refuseFromApi(retryForm, e, { values: form.values, retried: false }, { status: 400 });
    }
  },
};
