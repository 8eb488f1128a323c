import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { callAuth } from '$lib/server/auth';
import { isValidTimeZone } from '$lib/server/session';
import { safeNext } from '$lib/safe-next';
import type { Actions, PageServerLoad } from './$types';

const schema = z.object({
  name: z.string().trim().min(2, 'Enter your name').max(100),
  email: z.email('Enter a valid email address').trim(),
  password: z.string().min(8, 'Use at least 8 characters').max(128),
});

export const load: PageServerLoad = ({ locals, url }) => {
  const next = safeNext(url.searchParams.get('next'), '/');
  if (locals.user) redirect(303, next);
  return { next };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const name = String(form.get('name') ?? '');
    const email = String(form.get('email') ?? '');
    const next = safeNext(String(form.get('next') ?? ''), '/');
    const tz = String(form.get('timeZone') ?? '') || event.cookies.get('tz');
    const parsed = schema.safeParse({ name, email, password: form.get('password') ?? '' });
    if (!parsed.success) {
      const e = z.flattenError(parsed.error).fieldErrors;
      return fail(400, { name, email, errors: { name: e.name?.[0], email: e.email?.[0], password: e.password?.[0] }, message: null });
    }
    const result = await callAuth(event, 'sign-up/email', { ...parsed.data, timeZone: isValidTimeZone(tz) ? tz : 'UTC' });
    if (!result.ok) {
      // Errors about one field are shown beside it; anything else above the form.
      const field = result.code?.startsWith('USER_ALREADY_EXISTS') ? 'email' : result.code === 'PASSWORD_TOO_WEAK' ? 'password' : null;
      return fail(result.status, { name, email, errors: field ? { [field]: result.message } : {}, message: field ? null : result.message });
    }
    redirect(303, next);
  },
};
