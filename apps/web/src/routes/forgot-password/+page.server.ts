import { z } from 'zod';
import { callAuth } from '$lib/server/auth';
import { parseForm, refuse, siteForm } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

const forgotForm = siteForm(z.object({ email: z.email('Enter the email you signed up with').trim().toLowerCase() }));

export const load: PageServerLoad = ({ url }) => ({ email: url.searchParams.get('email') ?? '' });

export const actions: Actions = {
  default: async (event) => {
    const form = await parseForm(forgotForm, event.request);
    if (!form.ok) return refuse(forgotForm, form);
    const result = await callAuth(event, 'request-password-reset', { email: form.data.email });
    if (!result.ok) return refuse(forgotForm, { values: form.values, message: result.message }, result.status);
    // The same answer for any address: nobody learns who has an account here.
    return { sent: form.data.email };
  },
};
