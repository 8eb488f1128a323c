import { redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { rethrowForPage, signInHref } from '$lib/server/errors';
import type { RequestHandler } from './$types';

/** "Download my data": the API's export of everything kept about the person, as a JSON file. */
export const GET: RequestHandler = async (event) => {
  if (!event.locals.user) redirect(303, signInHref(event.url));
  try {
    const data = await api(event).account.exportData.query();
    const day = data.exportedAt.slice(0, 10);
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="handled-data-${day}.json"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (e) {
    rethrowForPage(e, event);
  }
};
