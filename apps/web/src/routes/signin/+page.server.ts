import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { callAuth } from '$lib/server/auth';
import { parseForm, refuse, siteForm } from '$lib/server/form';
import { safeNext } from '$lib/safe-next';
import type { Actions, PageServerLoad } from './$types';

const signInForm = siteForm(
  z.object({
    email: z.email('Enter your email address').trim(),
    password: z.string().min(1, 'Enter your password'),
    next: z.string().transform((next) => safeNext(next, '/bookings')),
  }),
  { secret: ['password'] },
);

export const load: PageServerLoad = ({ locals, url }) => {
  const next = safeNext(url.searchParams.get('next'), '/bookings');
  if (locals.user) redirect(303, next);
  const notice =
    url.searchParams.get('reset') === '1'
      ? 'Your password is changed. Sign in with the new one.'
      : url.searchParams.get('signedOut') === 'everywhere'
        ? 'You are signed out on every device.'
        : null;
  return { next, notice };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await parseForm(signInForm, event.request);
    if (!form.ok) return refuse(signInForm, form);
    const { next, ...credentials } = form.data;
    const result = await callAuth(event, 'sign-in/email', credentials);
    if (!result.ok) return refuse(signInForm, { values: form.values, message: result.message }, result.status);
    redirect(303, next);
  },
};
