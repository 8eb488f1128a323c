import { listingStatuses, type ListingStatus } from '@handled/core/onboarding';
import { formatInZone } from '@handled/core/time-in-zone';
import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { requireAdmin } from '../admin.server';
import type { PageServerLoad } from './$types';

const isStatus = (s: string | null): s is ListingStatus => !!s && (listingStatuses as readonly string[]).includes(s);

/** The vetting queue: listings by state, the ones waiting for review first. */
export const load: PageServerLoad = async (event) => {
  const { zone } = requireAdmin(event);
  const asked = event.url.searchParams.get('status');
  const status: ListingStatus = isStatus(asked) ? asked : 'submitted';
  try {
    const queue = await api(event).vetting.queue.query({ status });
    return {
      status,
      counts: queue.counts,
      items: queue.items.map((i) => ({
        ...i,
        waiting: i.submittedAt ? formatInZone(i.submittedAt, zone, 'stamp') : null,
        applied: formatInZone(i.createdAt, zone, 'date'),
      })),
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};
