import { redirect } from '@sveltejs/kit';
import { callAuth } from '$lib/server/auth';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  default: async (event) => {
    await callAuth(event, 'sign-out', {});
    // Whatever the API answered, this browser is signed out.
    for (const { name } of event.cookies.getAll()) {
      if (name.includes('session_token') || name.includes('session_data'))
        event.cookies.delete(name, { path: '/', secure: event.url.protocol === 'https:' });
    }
    redirect(303, '/');
  },
};
