/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { build, files, version } from '$service-worker';

/**
 * Offline for the client's bookings. The app shell (built JS/CSS, static files) is cached at
 * install. Pages are network-first: online they are always fresh; a copy of the client's
 * bookings pages (and their `__data.json`) is kept so the upcoming bookings can be read with no
 * connection. The bookings page asks us to fetch each upcoming booking's page ahead of time.
 * Nothing else personal is cached, and signing out empties the pages cache.
 */
const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL = `shell-${version}`;
const PAGES = 'pages-v1';
const MEDIA = 'media-v1';

/** Pages worth keeping for offline reading: the bookings list and each booking. */
const keepable = (path: string) => /^\/bookings(?:\/[^/]+)?(?:\/__data\.json)?$/.test(path);

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((c) => c.addAll([...build, ...files.filter((f) => !f.endsWith('.png') || f.includes('icon-192'))]))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== PAGES && k !== MEDIA).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

async function networkFirst(request: Request, path: string): Promise<Response> {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    if (response.ok && keepable(path) && !response.redirected) await cache.put(request, response.clone());
    return response;
  } catch {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    if (request.mode === 'navigate') {
      const list = await cache.match('/bookings', { ignoreSearch: true });
      if (list) return list;
    }
    return new Response(offlinePage, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
  }
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/signout') {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== 'GET') return;
  if (url.pathname.startsWith('/trpc') || url.pathname.startsWith('/api/') || url.pathname.startsWith('/receipts/')) return;
  // Public photos (provider avatars, work photos): from the cache when there is one, refreshed behind.
  if (url.pathname.startsWith('/files/seed/') || url.pathname.startsWith('/files/providers/')) {
    event.respondWith(
      caches.open(MEDIA).then(async (cache) => {
        const hit = await cache.match(request);
        const fresh = fetch(request)
          .then((r) => (r.ok ? cache.put(request, r.clone()).then(() => r) : r))
          .catch(() => hit ?? Response.error());
        return hit ?? fresh;
      }),
    );
    return;
  }
  if (url.pathname.startsWith('/files/')) return;
  const shellPath = url.pathname;
  if (build.includes(shellPath) || files.includes(shellPath)) {
    event.respondWith(caches.match(shellPath).then((hit) => hit ?? fetch(request)));
    return;
  }
  if (request.mode === 'navigate' || url.pathname.endsWith('/__data.json')) event.respondWith(networkFirst(request, url.pathname));
});

/** The bookings page lists the upcoming bookings' paths; we fetch and keep them while online. */
sw.addEventListener('message', (event) => {
  const data = event.data as { type?: string; paths?: unknown } | null;
  if (data?.type !== 'keep-bookings' || !Array.isArray(data.paths)) return;
  const paths = data.paths.filter((p): p is string => typeof p === 'string' && keepable(p)).slice(0, 50);
  event.waitUntil(
    caches.open(PAGES).then((cache) =>
      Promise.all(
        paths
          .flatMap((p) => [p, `${p}/__data.json`])
          .map(async (p) => {
            const response = await fetch(p, { credentials: 'same-origin' }).catch(() => null);
            if (response?.ok && !response.redirected) await cache.put(p, response);
          }),
      ),
    ),
  );
});

sw.addEventListener('push', (event) => {
  const payload = (() => {
    try {
      return event.data?.json() as { title?: string; body?: string; url?: string; tag?: string };
    } catch {
      return { title: 'Handled', body: event.data?.text() };
    }
  })();
  event.waitUntil(
    sw.registration.showNotification(payload?.title ?? 'Handled', {
      body: payload?.body ?? '',
      icon: '/icons/icon-192.png',
      data: { url: payload?.url ?? '/bookings' },
      // One message, one notification: a copy sent again (a retry) replaces the first instead of showing twice.
      ...(payload?.tag ? { tag: payload.tag } : {}),
    }),
  );
});

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data as { url?: string } | null)?.url ?? '/bookings';
  event.waitUntil(sw.clients.openWindow(url));
});

const offlinePage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Offline · Handled</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1b1f1d}a{color:#0e6b5c}</style></head>
<body><h1>You're offline</h1><p>This page isn't saved on this device. Your upcoming bookings are: <a href="/bookings">open My bookings</a>.</p></body></html>`;
