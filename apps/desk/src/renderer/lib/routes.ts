export type Route =
  | { name: 'requests' }
  | { name: 'upcoming' }
  | { name: 'calendar' }
  | { name: 'settings' }
  | { name: 'booking'; id: string };

/** `#/bookings/<id>` (the link in emails), `#/requests`, `#/upcoming`, `#/calendar`, `#/settings`; anything else is the inbox. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  const booking = /^\/bookings\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (booking?.[1]) return { name: 'booking', id: booking[1] };
  if (path === '/upcoming') return { name: 'upcoming' };
  if (path === '/calendar') return { name: 'calendar' };
  if (path === '/settings') return { name: 'settings' };
  return { name: 'requests' };
}

export function hrefOf(route: Route): string {
  return route.name === 'booking' ? `#/bookings/${route.id}` : `#/${route.name}`;
}
