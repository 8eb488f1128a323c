import { requireOperator } from '../admin.server';
import type { PageServerLoad } from './$types';

/**
 * Emergency alerts and message reports (issue 16b's `emergency.alerts`, `emergency.acknowledge`,
 * `emergency.resolve`, `messages.reports`): the queue's place until those procedures land.
 */
export const load: PageServerLoad = (event) => {
  requireOperator(event);
  return {};
};
