import { escapeHtml } from '@handled/core/html';
import { api } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** Home, search by category, and every active provider's page (a sitemap holds 50,000 URLs at most). */
export const GET: RequestHandler = async (event) => {
  const client = api(event);
  const [categories, providers] = await Promise.all([client.catalog.categories.query(), client.discovery.sitemap.query({ limit: 49_000 })]);
  const origin = event.url.origin;
  const urls = [
    `<url><loc>${escapeHtml(origin)}/</loc><changefreq>daily</changefreq><priority>1.0</priority></url>`,
    `<url><loc>${escapeHtml(origin)}/search</loc><changefreq>daily</changefreq></url>`,
    ...categories.map(
      (c) => `<url><loc>${escapeHtml(`${origin}/search?category=${encodeURIComponent(c.slug)}`)}</loc><changefreq>daily</changefreq></url>`,
    ),
    ...providers.map(
      (p) =>
        `<url><loc>${escapeHtml(`${origin}/providers/${encodeURIComponent(p.slug)}`)}</loc><lastmod>${p.updatedAt.slice(0, 10)}</lastmod></url>`,
    ),
  ];
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
  return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
};
