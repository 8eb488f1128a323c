import { z } from 'zod';
import { formatInZone } from '@handled/core/time-in-zone';
import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { parseForm, refuse, refuseFromApi, siteForm } from '$lib/server/form';
import { requireAdmin } from '../admin.server';
import type { Actions, PageServerLoad } from './$types';

const which = z.enum(['waiting', 'hidden', 'all']).catch('waiting');
const moderateForm = siteForm(
  z.object({
    reviewId: z.string().trim().min(1).max(100),
    action: z.enum(['publish', 'hide', 'restore'], 'Choose what to do'),
    reason: z.string().trim().min(3, 'Say why, in a few words: it is kept in the audit log').max(500),
  }),
);

/** Moderation: reviews the automatic checks held or people reported, the hidden ones, or all (reviews.queue). */
export const load: PageServerLoad = async (event) => {
  const { zone } = requireAdmin(event);
  const show = which.parse(event.url.searchParams.get('show') ?? 'waiting');
  try {
    const items = await api(event).reviews.queue.query({ which: show });
    return {
      show,
      items: items.map((r) => ({
        ...r,
        when: formatInZone(r.createdAt, zone, 'stamp'),
        history: r.history.map((h) => ({ ...h, when: formatInZone(h.at, zone, 'stamp') })),
      })),
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

export const actions: Actions = {
  moderate: async (event) => {
    const form = await parseForm(moderateForm, event.request);
    if (!form.ok) return refuse(moderateForm, { ...form, reviewId: form.values.reviewId });
    try {
      await api(event).reviews.moderate.mutate(form.data);
    } catch (e) {
      return refuseFromApi(moderateForm, e, { values: form.values, reviewId: form.values.reviewId }, { at: 'reason' });
    }
    return { reviewId: form.data.reviewId, done: form.data.action === 'hide' ? 'Hidden: its author sees your reason.' : 'Published.' };
  },
};
