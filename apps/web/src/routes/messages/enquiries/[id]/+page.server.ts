import { fail, redirect } from '@sveltejs/kit';
import { describeApiError } from '@handled/client';
import { api } from '$lib/server/api';
import { rethrowForPage, signInHref } from '$lib/server/errors';
import { viewerZone } from '$lib/server/viewer-zone';
import type { Actions, PageServerLoad } from './$types';

/** A question to a provider before any booking, and the answers (messages.enquiry marks them read). */
export const load: PageServerLoad = async (event) => {
  const { locals, url, params } = event;
  if (!locals.user) redirect(303, signInHref(url));
  event.depends('app:messages');
  try {
    const enquiry = await api(event).messages.enquiry.query({ enquiryId: params.id });
    return { enquiry, zone: viewerZone(locals, locals.user.timeZone) };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

export const actions: Actions = {
  reply: async (event) => {
    const body = String((await event.request.formData()).get('body') ?? '').trim();
    if (!body) return fail(400, { message: 'Write a message first.', body });
    try {
      await api(event).messages.replyEnquiry.mutate({ enquiryId: event.params.id, body });
    } catch (e) {
      return fail(describeApiError(e).httpStatus === 503 ? 503 : 400, { message: describeApiError(e).message, body });
    }
    redirect(303, `/messages/enquiries/${event.params.id}`);
  },
};
