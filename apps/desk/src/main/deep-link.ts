import { navigableRoute } from '../shared/ipc.ts';
import { APP_SCHEME } from './app-files.ts';

/**
 * The desk's links from outside (emails, Telegram's /open page, the OS): `handled-desk://bookings/<id>`,
 * `handled-desk://messages/<id>`, or a screen (`handled-desk://today`). Returns the hash route to
 * open, or null for anything else — including the app's own pages (`handled-desk://app/…`).
 */
export function routeOfDeepLink(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.username || url.password) return null;
  const path = `${url.host}${url.pathname}`.replace(/\/+$/, '');
  const route = `#/${path}`;
  return navigableRoute.test(route) ? route : null;
}

/** The first deep link among a process's arguments (Windows and Linux hand it over as one). */
export function deepLinkInArgs(argv: readonly string[]): string | null {
  for (const arg of argv) {
    if (!arg.startsWith(`${APP_SCHEME}:`)) continue;
    const route = routeOfDeepLink(arg);
    if (route) return route;
  }
  return null;
}
