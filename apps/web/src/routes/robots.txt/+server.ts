import type { RequestHandler } from './$types';

/** Public pages are crawlable; the client's own pages and form posts are not. */
export const GET: RequestHandler = ({ url }) =>
  new Response(
    [
      'User-agent: *',
      'Allow: /',
      'Disallow: /bookings',
      'Disallow: /favourites',
      'Disallow: /account',
      'Disallow: /signin',
      'Disallow: /signup',
      '',
      `Sitemap: ${url.origin}/sitemap.xml`,
      '',
    ].join('\n'),
    { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=86400' } },
  );
