/**
 * Stripe sends providers back to `<desk>/payouts?connect=return` (a path, not a hash route): show
 * the same screen as `#/payouts?connect=return`. Imported first by main.ts, before the router reads
 * the hash.
 */
export function hashForReturnPath(pathname: string, search: string): string | null {
  if (!/\/payouts\/?$/.test(pathname)) return null;
  return `${pathname.replace(/payouts\/?$/, '')}#/payouts${search}`;
}

const target = typeof location === 'undefined' || location.hash ? null : hashForReturnPath(location.pathname, location.search);
if (target) history.replaceState(null, '', target);
