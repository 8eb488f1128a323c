import type { RequestEvent } from '@sveltejs/kit';
import { CLIENT_ADDRESS_HEADER, SITE_SECRET_HEADER } from '@handled/client/site-proxy';
import { siteEnv } from './env.ts';

/** The visitor's address as this server sees it (adapter-node: the socket, or ADDRESS_HEADER behind a proxy). */
export function visitorAddress(event: Pick<RequestEvent, 'getClientAddress'>): string | null {
  try {
    return event.getClientAddress() || null;
  } catch {
    // Not every adapter knows the client's address.
    return null;
  }
}

/**
 * Headers that let the API count this visitor's sign-in attempts as theirs, not as the site's:
 * their address, and the shared secret that makes the API believe it.
 */
export function visitorHeaders(address: string | null): Record<string, string> {
  return address ? { [SITE_SECRET_HEADER]: siteEnv().SITE_PROXY_SECRET, [CLIENT_ADDRESS_HEADER]: address } : {};
}
