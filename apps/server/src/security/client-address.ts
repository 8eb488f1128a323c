import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createMiddleware } from 'hono/factory';
import ipaddr from 'ipaddr.js';
import { CLIENT_ADDRESS_HEADER, SITE_SECRET_HEADER } from '@handled/client/site-proxy';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** An IP address in its plain form (`::ffff:10.0.0.1` is `10.0.0.1`), or null when it is not one. */
export function parseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = raw.trim();
  if (!ipaddr.isValid(text)) return null;
  return ipaddr.process(text).toString();
}

/**
 * The budget an address draws from: itself for IPv4, its /64 for IPv6 (one household or phone
 * holds a whole /64, and can change address inside it at will).
 */
export function addressBucket(address: string): string {
  const ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv4') return ip.toString();
  const parts = (ip as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}

/**
 * Decides who is calling, once per request: the visitor's address the site names, when the request
 * carries the site's secret; otherwise the socket's peer. The result replaces whatever the caller
 * sent in CLIENT_ADDRESS_HEADER (better-auth reads it there), and the secret goes no further.
 */
export function clientAddress(siteSecret: string) {
  return createMiddleware<{ Variables: { clientAddress: string | null } }>(async (c, next) => {
    const headers = c.req.raw.headers;
    const secret = headers.get(SITE_SECRET_HEADER);
    const named = secret !== null && sameSecret(secret, siteSecret) ? parseAddress(headers.get(CLIENT_ADDRESS_HEADER)) : null;
    let peer: string | null = null;
    try {
      peer = parseAddress(getConnInfo(c).remote.address);
    } catch {
      // `app.request()` in tests has no socket.
    }
    const address = named ?? peer;
    headers.delete(SITE_SECRET_HEADER);
    if (address) headers.set(CLIENT_ADDRESS_HEADER, address);
    else headers.delete(CLIENT_ADDRESS_HEADER);
    c.set('clientAddress', address);
    await next();
  });
}
