import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { callAuth } from '$lib/server/auth';
import { safeNext } from '$lib/safe-next';
import type { Actions, PageServerLoad } from './$types';

const schema = z.object({
  email: z.email('Enter your email address').trim(),
  password: z.string().min(1, 'Enter your password'),
});

export const load: PageServerLoad = ({ locals, url }) => {
  const next = safeNext(url.searchParams.get('next'), '/bookings');
  if (locals.user) redirect(303, next);
  return { next };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const email = String(form.get('email') ?? '');
    const next = safeNext(String(form.get('next') ?? ''), '/bookings');
    const parsed = schema.safeParse({ email, password: form.get('password') ?? '' });
    if (!parsed.success) {
      const errors = z.flattenError(parsed.error).fieldErrors;
      return fail(400, { email, errors: { email: errors.email?.[0], password: errors.password?.[0] }, message: null });
    }
    const result = await callAuth(event, 'sign-in/email', parsed.data);
    if (!result.ok) return fail(result.status, { email, errors: {}, message: result.message });
    redirect(303, next);
  },
};
