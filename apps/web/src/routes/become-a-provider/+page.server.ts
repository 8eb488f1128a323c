import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { createApiClient, describeApiError } from '@handled/client';
import { countryFacts, servedCountries } from '@handled/core/onboarding';
import { providerApplicationSchema } from '@handled/core/schemas';
import { api } from '$lib/server/api';
import { callAuth } from '$lib/server/auth';
import { apiUrl } from '$lib/server/env';
import { rethrowForPage } from '$lib/server/errors';
import { checkForm, readForm, refuse, refuseFromApi, siteForm } from '$lib/server/form';
import { isValidTimeZone } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const typed = z.string();

/** Where and what: the core's application schema (categories come as a comma-joined list of the ticked boxes). */
const applicationFields = z
  .object({ country: typed, place: typed, categoryIds: typed })
  .transform((v) => ({ country: v.country, place: v.place, categoryIds: v.categoryIds.split(',').filter(Boolean) }))
  .pipe(providerApplicationSchema);

const applyForm = siteForm(applicationFields, { message: 'Please check the highlighted fields.' });

/** A new person also makes their account here. */
const accountForm = siteForm(
  z.object({
    name: z.string().trim().min(2, 'Enter your name').max(100),
    email: z.email('Enter a valid email address').trim(),
    password: z.string().min(8, 'Use at least 8 characters').max(128),
    timeZone: z.string(),
  }),
  { secret: ['password'] },
);

export const load: PageServerLoad = async (event) => {
  const { locals } = event;
  const client = api(event);
  try {
    const categories = await client.catalog.categories.query();
    // Someone who already applied sees where their listing stands, and the way to the desk.
    const listing = locals.user?.role === 'provider' ? await client.onboarding.listing.query().catch(() => null) : null;
    return {
      categories: categories.map((c) => ({ id: c.id, name: c.name, description: c.description, icon: c.icon })),
      countries: servedCountries.map((code) => ({ code, name: countryFacts[code].name, postalWord: countryFacts[code].postalWord })),
      who: !locals.user ? ('visitor' as const) : locals.user.role,
      name: locals.user?.name ?? null,
      applied: event.url.searchParams.get('applied') === '1',
      listing: listing && {
        status: listing.status,
        headline: listing.headline,
        deskUrl: listing.deskUrl,
        percent: listing.readiness.percent,
        steps: listing.readiness.steps.map((s) => ({ id: s.id, title: s.title, done: s.done, required: s.required })),
      },
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

export const actions: Actions = {
  default: async (event) => {
    const { locals } = event;
    const data = await event.request.formData();
    const values = {
      ...readForm(applyForm, data),
      categoryIds: data
        .getAll('categoryIds')
        .filter((v) => typeof v === 'string')
        .join(','),
    };
    const accountValues = readForm(accountForm, data);
    const all = { ...values, ...accountValues, password: '' };
    const checked = checkForm(applyForm, values);
    const account = locals.user ? null : checkForm(accountForm, accountValues);
    if (!checked.ok || (account && !account.ok)) {
      const errors = { ...(checked.ok ? {} : checked.errors), ...(account && !account.ok ? account.errors : {}) };
      return refuse(applyForm, { values: all, errors, message: 'Please check the highlighted fields.' });
    }
    if (locals.user && locals.user.role !== 'client')
      return refuse(
        applyForm,
        { values: all, message: locals.user.role === 'provider' ? 'You already have a listing.' : 'Administrator accounts cannot apply.' },
        409,
      );

    // The place first, before an account is made for someone whose town we cannot find.
    const place = await api(event)
      .discovery.locate.query({ query: checked.data.place, country: checked.data.country })
      .catch(() => null);
    if (!place || place.country !== checked.data.country) {
      const facts = countryFacts[checked.data.country];
      return refuse(applyForm, {
        values: all,
        errors: { place: `We can't find that in ${facts.name}. Try your ${facts.postalWord} or the name of your town.` },
        message: null,
      });
    }

    let client = api(event);
    if (account?.ok) {
      const tz = account.data.timeZone || event.cookies.get('tz');
      const signUp = await callAuth(event, 'sign-up/email', {
        name: account.data.name,
        email: account.data.email,
        password: account.data.password,
        timeZone: isValidTimeZone(tz) ? tz : 'UTC',
        callbackURL: '/account?verified=1',
      });
      if (!signUp.ok) {
        const field = signUp.code?.startsWith('USER_ALREADY_EXISTS') ? 'email' : signUp.code === 'PASSWORD_TOO_WEAK' ? 'password' : null;
        const message =
          field === 'email' ? 'An account with this email already exists. Sign in first, then apply from your account.' : signUp.message;
        return refuse(
          applyForm,
          { values: all, errors: field ? { [field]: message } : {}, message: field ? null : message },
          signUp.status,
        );
      }
      // The new session is in this answer's cookies, not yet in the request: speak as the new account with its token.
      const token = signUp.token;
      if (token) client = createApiClient({ url: apiUrl(), headers: () => ({ authorization: `Bearer ${token}` }) });
    }
    try {
      await client.onboarding.createListing.mutate(checked.data);
    } catch (e) {
      const info = describeApiError(e);
      return refuseFromApi(applyForm, e, { values: all, message: info.message }, { status: info.httpStatus });
    }
    redirect(303, '/become-a-provider?applied=1');
  },
};
