import { api } from '$lib/server/api';
import type { RequestHandler } from './$types';

/**
 * One view of the profile, sent by the page's script once it is shown (not by the page's own
 * refreshes, crawlers without JavaScript or prefetches): the API adds one to the provider's daily
 * counter and keeps nothing about the visitor.
 */
export const POST: RequestHandler = async (event) => {
  await api(event)
    .reputation.countView.mutate({ providerId: event.params.slug })
    .catch(() => null);
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
};
