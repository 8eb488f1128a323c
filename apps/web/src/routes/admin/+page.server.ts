import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { requireOperator } from './admin.server';
import type { PageServerLoad } from './$types';

/** The operators' queues (counts and ages) and the monitoring figures, read fresh on every load. */
export const load: PageServerLoad = async (event) => {
  const { zone } = requireOperator(event);
  try {
    const [o, alerts] = await Promise.all([
      api(event).operator.overview.query(),
      // Emergency alerts (issue 16b's emergency.alerts, admins and support): open and acknowledged ones.
      api(event).emergency.alerts.query({ status: 'active' }),
    ]);
    const now = Date.parse(o.now);
    const oldest = alerts.alerts.reduce<number | null>((m, a) => Math.min(m ?? Infinity, Date.parse(a.raisedAt)), null);
    return {
      zone,
      overview: o.money,
      queues: o.queues,
      alerts: { count: alerts.alerts.length, ageSeconds: oldest === null ? null : Math.max(0, Math.round((now - oldest) / 1000)) },
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};
