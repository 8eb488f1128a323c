import { z } from 'zod';
import { formatInZone } from '@handled/core/time-in-zone';
import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { parseForm, refuse, refuseFromApi, siteForm } from '$lib/server/form';
import { requireOperator } from '../admin.server';
import type { Actions, PageServerLoad } from './$types';

const show = z.enum(['active', 'resolved', 'all']).catch('active');
const alertForm = siteForm(z.object({ alertId: z.string().trim().min(1).max(100) }));
const resolveForm = siteForm(
  z.object({ alertId: z.string().trim().min(1).max(100), notes: z.string().trim().min(3, 'Write what was done').max(2000) }),
);
const reportForm = siteForm(
  z.object({ reportId: z.string().trim().min(1).max(100), note: z.string().trim().max(1000, 'Keep the note under 1,000 characters') }),
);

/** Emergency alerts (emergency.alerts/acknowledge/resolve) and reported messages (messages.reports/reviewReport), issue 16b's;
 * admins and support. */
export const load: PageServerLoad = async (event) => {
  const { zone } = requireOperator(event);
  const status = show.parse(event.url.searchParams.get('show') ?? 'active');
  try {
    const [a, r] = await Promise.all([
      api(event).emergency.alerts.query({ status }),
      api(event).messages.reports.query({ status: 'open' }),
    ]);
    const when = (at: string) => formatInZone(at, zone, 'stamp');
    return {
      show: status,
      alerts: a.alerts.map((x) => ({
        ...x,
        raised: when(x.raisedAt),
        startsLocal: formatInZone(x.startsAt, x.timeZone, 'stamp'),
        acknowledged: x.acknowledgedAt ? when(x.acknowledgedAt) : null,
        resolved: x.resolvedAt ? when(x.resolvedAt) : null,
      })),
      reports: r.reports.map((x) => ({ ...x, reported: when(x.reportedAt) })),
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

export const actions: Actions = {
  acknowledge: async (event) => {
    const form = await parseForm(alertForm, event.request);
    if (!form.ok) return refuse(alertForm, { ...form, alertId: form.values.alertId });
    try {
      await api(event).emergency.acknowledge.mutate(form.data);
    } catch (e) {
      return refuseFromApi(alertForm, e, { values: form.values, alertId: form.values.alertId });
    }
    return { alertId: form.data.alertId, done: 'Acknowledged: the people on the booking see that Handled is on it.' };
  },
  resolve: async (event) => {
    const form = await parseForm(resolveForm, event.request);
    if (!form.ok) return refuse(resolveForm, { ...form, alertId: form.values.alertId });
    try {
      await api(event).emergency.resolve.mutate(form.data);
    } catch (e) {
      return refuseFromApi(resolveForm, e, { values: form.values, alertId: form.values.alertId }, { at: 'notes' });
    }
    return { alertId: form.data.alertId, done: 'Resolved.' };
  },
  review: async (event) => {
    const form = await parseForm(reportForm, event.request);
    if (!form.ok) return refuse(reportForm, { ...form, reportId: form.values.reportId });
    try {
      await api(event).messages.reviewReport.mutate(form.data);
    } catch (e) {
      return refuseFromApi(reportForm, e, { values: form.values, reportId: form.values.reportId }, { at: 'note' });
    }
    return { reportId: form.data.reportId, done: 'Report closed.' };
  },
};
