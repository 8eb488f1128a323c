export type Route =
  | { name: 'requests' }
  | { name: 'upcoming' }
  | { name: 'calendar' }
  | { name: 'payouts' }
  | { name: 'settings' }
  | { name: 'messages'; bookingId: string | null }
  | { name: 'booking'; id: string };

/** `#/bookings/<id>` (the link in emails), `#/requests`, `#/upcoming`, `#/calendar`, `#/payouts`, `#/settings`, `#/messages[/<bookingId>]`; anything else is the inbox. */
export function parseRoute(hash: string): Route {
  // A query after the route (Stripe's return link: `#/payouts?connect=return`) does not change the screen.
  const path = hash.replace(/^#/, '').replace(/\?.*$/, '').replace(/\/+$/, '');
  const booking = /^\/bookings\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (booking?.[1]) return { name: 'booking', id: booking[1] };
  const thread = /^\/messages(?:\/([A-Za-z0-9_-]{1,64}))?$/.exec(path);
  if (thread) return { name: 'messages', bookingId: thread[1] ?? null };
  if (path === '/upcoming') return { name: 'upcoming' };
  if (path === '/calendar') return { name: 'calendar' };
  if (path === '/payouts') return { name: 'payouts' };
  if (path === '/settings') return { name: 'settings' };
  return { name: 'requests' };
}

export function hrefOf(route: Route): string {
  if (route.name === 'booking') return `#/bookings/${route.id}`;
  if (route.name === 'messages') return route.bookingId ? `#/messages/${route.bookingId}` : '#/messages';
  return `#/${route.name}`;
}
