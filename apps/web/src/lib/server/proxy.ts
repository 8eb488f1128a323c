import type { RequestEvent } from '@sveltejs/kit';
import { apiUrl } from './env.ts';

const PROXIED = ['/api/auth/', '/trpc/', '/files/'];

export function isProxied(pathname: string): boolean {
  return PROXIED.some((p) => pathname.startsWith(p)) || pathname === '/trpc';
}

// Hop-by-hop headers, and ones fetch recomputes (it decompresses bodies, so length and encoding change).
const DROP_REQUEST = ['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-length'];
const DROP_RESPONSE = ['connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'content-length'];

/** Streams a request to the API and its answer back, cookies included, so the browser sees one origin. */
export async function proxyToApi(event: RequestEvent): Promise<Response> {
  const { request, url } = event;
  const headers = new Headers(request.headers);
  for (const h of DROP_REQUEST) headers.delete(h);
  headers.set('x-forwarded-host', url.host);
  headers.set('x-forwarded-proto', url.protocol.replace(':', ''));
  try {
    headers.set('x-forwarded-for', event.getClientAddress());
  } catch {
    // Not every adapter knows the client address (e.g. during prerendering).
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(`${apiUrl()}${url.pathname}${url.search}`, {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      redirect: 'manual',
      signal: request.signal,
      // Required by Node's fetch to stream a request body.
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
