import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { callAuth } from '$lib/server/auth';
import { parseForm, refuse, siteForm } from '$lib/server/form';
import { isValidTimeZone } from '$lib/server/session';
import { safeNext } from '$lib/safe-next';
import type { Actions, PageServerLoad } from './$types';

const signUpForm = siteForm(
  z.object({
    name: z.string().trim().min(2, 'Enter your name').max(100),
    email: z.email('Enter a valid email address').trim(),
    password: z.string().min(8, 'Use at least 8 characters').max(128),
    next: z.string().transform((next) => safeNext(next, '/')),
    /** The browser's zone (set by the page's script); without it, the one the site last saw. */
    timeZone: z.string(),
  }),
  { secret: ['password'] },
);

export const load: PageServerLoad = ({ locals, url }) => {
  const next = safeNext(url.searchParams.get('next'), '/');
  if (locals.user) redirect(303, next);
  return { next };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await parseForm(signUpForm, event.request);
    if (!form.ok) return refuse(signUpForm, form);
    const { next, timeZone, ...account } = form.data;
    const tz = timeZone || event.cookies.get('tz');
    // The confirmation link (sent at once) brings them back to their account page, signed in.
    const result = await callAuth(event, 'sign-up/email', {
      ...account,
      timeZone: isValidTimeZone(tz) ? tz : 'UTC',
      callbackURL: '/account?verified=1',
    });
    if (!result.ok) {
      // Errors about one field are shown beside it; anything else above the form.
      const field = result.code?.startsWith('USER_ALREADY_EXISTS') ? 'email' : result.code === 'PASSWORD_TOO_WEAK' ? 'password' : null;
      return refuse(
        signUpForm,
        { values: form.values, errors: field ? { [field]: result.message } : {}, message: field ? null : result.message },
        result.status,
      );
    }
    redirect(303, next);
  },
};
