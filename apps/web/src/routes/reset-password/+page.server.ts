import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { callAuth } from '$lib/server/auth';
import { parseForm, refuse, siteForm } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

const resetForm = siteForm(
  z.object({
    token: z.string().min(1, 'This link is missing its code. Open it again from the email.').max(200),
    newPassword: z.string().min(8, 'Use at least 8 characters').max(128),
  }),
  { secret: ['newPassword'] },
);

/** The page the reset email's link opens (`?token=`); an expired link says so and offers a new one. */
export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '', error: url.searchParams.get('error') });

export const actions: Actions = {
  default: async (event) => {
    const form = await parseForm(resetForm, event.request);
    if (!form.ok) return refuse(resetForm, form);
    const result = await callAuth(event, 'reset-password', form.data);
    if (!result.ok) {
      const field = result.code === 'PASSWORD_TOO_WEAK' || result.code === 'PASSWORD_TOO_SHORT' ? 'newPassword' : null;
      return refuse(
        resetForm,
        {
          values: form.values,
          errors: field ? { newPassword: result.message } : {},
          message: field ? null : result.message,
          expired: result.code === 'INVALID_TOKEN',
        },
        result.status,
      );
    }
    redirect(303, '/signin?reset=1');
  },
};
