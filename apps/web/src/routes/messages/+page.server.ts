import { redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { rethrowForPage, signInHref } from '$lib/server/errors';
import type { PageServerLoad } from './$types';
import { viewerZone } from '$lib/server/viewer-zone';

export const load: PageServerLoad = async (event) => {
  const { locals, url } = event;
  if (!locals.user) redirect(303, signInHref(url));
  event.depends('app:messages');
  try {
    const client = api(event);
    const [{ threads }, { enquiries }] = await Promise.all([
      client.messages.threads.query({ limit: 50 }),
      client.messages.enquiries.query().catch(() => ({ enquiries: [] })),
    ]);
    return { threads, enquiries, zone: viewerZone(locals, locals.user.timeZone) };
  } catch (e) {
    rethrowForPage(e, event);
  }
};
