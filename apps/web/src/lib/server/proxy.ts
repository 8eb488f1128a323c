import { CLIENT_ADDRESS_HEADER, SITE_SECRET_HEADER } from '@handled/client/site-proxy';

const PROXIED = [
  '/api/auth/',
  '/trpc/',
  '/files/',
  '/receipts/',
  '/attachments/',
  '/uploads/requests',
  '/uploads/reviews/',
  '/review-photos/',
];

/** Paths the API serves: the browser reaches them through this site, so there is one origin and one cookie jar. */
export function isProxied(pathname: string): boolean {
  return PROXIED.some((p) => pathname.startsWith(p)) || pathname === '/trpc';
}

// Hop-by-hop headers, and ones fetch recomputes (it decompresses bodies, so length and encoding change);
// and the two only this server may set (a browser sending them must not be believed).
const DROP_REQUEST = [
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'content-length',
  SITE_SECRET_HEADER,
  CLIENT_ADDRESS_HEADER,
];
const DROP_RESPONSE = ['connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'content-length'];

/**
 * Streams a request to `target` and the answer back: method, body, cookies in, status, body and
 * every Set-Cookie out. With the site secret, the API counts the visitor's address, not ours.
 */
export async function proxyRequest(
  request: Request,
  target: string,
  client: { host: string; protocol: string; address?: string; siteSecret?: string },
): Promise<Response> {
  const headers = new Headers(request.headers);
  for (const h of DROP_REQUEST) headers.delete(h);
  headers.set('x-forwarded-host', client.host);
  headers.set('x-forwarded-proto', client.protocol.replace(':', ''));
  if (client.address) headers.set('x-forwarded-for', client.address);
  if (client.address && client.siteSecret) {
    headers.set(CLIENT_ADDRESS_HEADER, client.address);
    headers.set(SITE_SECRET_HEADER, client.siteSecret);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      redirect: 'manual',
      signal: request.signal,
      // Node's fetch streams a request body only in half-duplex mode.
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch {
    return new Response(JSON.stringify({ error: 'The Handled API is not reachable right now.' }), {
      status: 502,
      headers: { 'content-type': 'application/json' },
    });
  }
  const out = new Headers(upstream.headers);
  for (const h of DROP_RESPONSE) out.delete(h);
  return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: out });
}
