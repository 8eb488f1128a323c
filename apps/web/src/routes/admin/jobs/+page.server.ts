import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { describeApiError } from '@handled/client';
import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
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

const retryForm = z.object({ jobId: z.string().trim().min(1, 'Which job?').max(100) });

export const actions: Actions = {
  /** Puts a failed or dead job back in the queue to run now (works as a plain form post). */
  retry: async (event) => {
    requireAdmin(event);
    const form = await event.request.formData();
    const parsed = retryForm.safeParse({ jobId: form.get('jobId') ?? '' });
    if (!parsed.success) return fail(400, { jobId: null, retried: false, message: 'Choose a job to retry.' });
    try {
      await api(event).adminPayments.retryJob.mutate({ jobId: parsed.data.jobId });
      return { jobId: parsed.data.jobId, retried: true, message: 'The job is queued to run again now.' };
    } catch (e) {
      return fail(400, { jobId: parsed.data.jobId, retried: false, message: describeApiError(e).message });
    }
  },
};
