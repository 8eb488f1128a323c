/** The desk's places, in the order the navigation lists them. */
export const sections = [
  'today',
  'requests',
  'calendar',
  'jobs',
  'messages',
  'reviews',
  'analytics',
  'payouts',
  'profile',
  'settings',
  'notifications',
] as const;
export type SectionName = (typeof sections)[number];

export type JobsTab = 'upcoming' | 'history';

export type Route =
  | { name: Exclude<SectionName, 'messages' | 'jobs'> }
  | { name: 'jobs'; tab: JobsTab }
  | { name: 'messages'; bookingId: string | null }
  | { name: 'booking'; id: string };

const plain = new Set<string>(sections.filter((s) => s !== 'messages' && s !== 'jobs'));

/**
 * `#/bookings/<id>` (the link in emails and deep links), `#/messages[/<bookingId>]`, `#/jobs[/history]`
 * (`#/upcoming`, the old address, is the jobs' upcoming tab) and the other sections; anything else
 * is Today.
 */
export function parseRoute(hash: string): Route {
  // A query after the route (Stripe's return link: `#/payouts?connect=return`) does not change the screen.
  const path = hash.replace(/^#/, '').replace(/\?.*$/, '').replace(/\/+$/, '');
  const booking = /^\/bookings\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (booking?.[1]) return { name: 'booking', id: booking[1] };
  const thread = /^\/messages(?:\/([A-Za-z0-9_-]{1,64}))?$/.exec(path);
  if (thread) return { name: 'messages', bookingId: thread[1] ?? null };
  if (path === '/jobs' || path === '/upcoming') return { name: 'jobs', tab: 'upcoming' };
  if (path === '/jobs/history') return { name: 'jobs', tab: 'history' };
  const name = path.slice(1);
  if (plain.has(name)) return { name: name as Exclude<SectionName, 'messages' | 'jobs'> };
  return { name: 'today' };
}

export function hrefOf(route: Route): string {
  if (route.name === 'booking') return `#/bookings/${route.id}`;
  if (route.name === 'messages') return route.bookingId ? `#/messages/${route.bookingId}` : '#/messages';
  if (route.name === 'jobs') return route.tab === 'history' ? '#/jobs/history' : '#/jobs';
  return `#/${route.name}`;
}
