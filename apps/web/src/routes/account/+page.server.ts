import { fail, redirect } from '@sveltejs/kit';
import { describeApiError } from '@handled/client';
import { postalCodePatterns } from '@handled/core/schemas';
import { notificationLanguageNames, notificationLanguages } from '@handled/core/notification-choices';
import { api } from '$lib/server/api';
import { callAuth } from '$lib/server/auth';
import { rethrowForPage, signInHref } from '$lib/server/errors';
import { z } from 'zod';
import { checkForm, parseForm, readForm, refuse, refuseFromApi, siteForm } from '$lib/server/form';
import { booksAsClient } from '$lib/server/session';
import { addressForm, addressIdForm, choicesFrom, quietHoursFrom, deleteForm, emailForm, passwordForm, profileForm } from './account-forms';
import { sessionsOf } from './sessions.server';
import { viewerZone } from '$lib/server/viewer-zone';
import type { Actions, PageServerLoad } from './$types';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const zones = Intl.supportedValuesOf('timeZone');

/** Which notice the page opens with (after a redirect from an email link or an action). */
function noticeOf(url: URL): string | null {
  if (url.searchParams.get('verified') === '1') return 'Your email is confirmed. Thank you!';
  if (url.searchParams.get('email') === 'changed') return 'Your new email address is confirmed and in use.';
  if (url.searchParams.get('error') === 'TOKEN_EXPIRED' || url.searchParams.get('error') === 'INVALID_TOKEN')
    return 'That link has expired or was already used. Send a new one below.';
  return null;
}

const emergencyContactForm = siteForm(
  z.object({
    name: z.string().trim().min(1, 'Their name').max(100),
    relation: z.string().trim().min(1, 'Who they are to you').max(50),
    phone: z.string().trim().min(1, 'Their mobile number, with the country code'),
    email: z.string().trim().max(200),
  }),
);

export const load: PageServerLoad = async (event) => {
  const { locals, url } = event;
  if (!locals.user) redirect(303, signInHref(url));
  const books = booksAsClient(locals.user);
  const client = api(event);
  try {
    const [profile, addresses, notifications, telegram, deletion, sessions, emergency] = await Promise.all([
      client.account.profile.query(),
      books ? client.account.addresses.query() : Promise.resolve(null),
      client.notifications.preferences.query(),
      client.account.telegramStatus.query(),
      client.account.deletionCheck.query(),
      sessionsOf(event, viewerZone(locals, locals.user.timeZone)),
      client.emergency.contact.query(),
    ]);
    const editing = url.searchParams.get('edit');
    return {
      profile,
      books,
      isProvider: locals.user.role === 'provider',
      isAdmin: locals.user.role === 'admin',
      addresses,
      editing: addresses?.find((a) => a.id === editing) ?? null,
      notifications,
      telegram,
      deletion,
      sessions,
      emergencyContact: emergency.contact,
      notice: noticeOf(url),
      zones: zones.includes(profile.timeZone) ? zones : [profile.timeZone, ...zones],
      languages: notificationLanguages.map((code) => ({ code, name: notificationLanguageNames[code] })),
      countries: Object.entries(postalCodePatterns).map(([code, r]) => ({ code, example: r.example, name: regionNames.of(code) ?? code })),
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

export const actions: Actions = {
  profile: async (event) => {
    const form = await parseForm(profileForm, event.request);
    if (!form.ok) return refuse(profileForm, { ...form, section: 'profile' });
    try {
      await api(event).account.updateProfile.mutate({ ...form.data, phone: form.data.phone ?? '' });
    } catch (e) {
      return refuseFromApi(profileForm, e, { values: form.values, section: 'profile' });
    }
    return { section: 'profile', saved: 'Your details are saved.' };
  },

  saveAddress: async (event) => {
    const form = await parseForm(addressForm, event.request);
    if (!form.ok) return refuse(addressForm, { ...form, section: 'addresses' });
    try {
      await api(event).account.saveAddress.mutate(form.data);
    } catch (e) {
      return refuseFromApi(addressForm, e, { values: form.values, section: 'addresses' });
    }
    if (event.url.searchParams.has('edit')) redirect(303, '/account?saved=address#addresses');
    return { section: 'addresses', saved: form.data.id ? 'Address updated.' : 'Address saved.' };
  },

  defaultAddress: async (event) => {
    const form = await parseForm(addressIdForm, event.request);
    if (!form.ok) return fail(400, { section: 'addresses', message: 'Choose an address.' });
    try {
      await api(event).account.setDefaultAddress.mutate(form.data);
    } catch (e) {
      return fail(describeApiError(e).httpStatus, { section: 'addresses', message: describeApiError(e).message });
    }
    return { section: 'addresses', saved: 'Default address changed.' };
  },

  deleteAddress: async (event) => {
    const form = await parseForm(addressIdForm, event.request);
    if (!form.ok) return fail(400, { section: 'addresses', message: 'Choose an address.' });
    try {
      await api(event).account.deleteAddress.mutate(form.data);
    } catch (e) {
      return fail(describeApiError(e).httpStatus, { section: 'addresses', message: describeApiError(e).message });
    }
    return { section: 'addresses', saved: 'Address removed.' };
  },

  resendVerification: async (event) => {
    if (!event.locals.user) redirect(303, signInHref(event.url));
    const result = await callAuth(event, 'send-verification-email', { email: event.locals.user.email, callbackURL: '/account?verified=1' });
    if (!result.ok) return fail(result.status, { section: 'email', message: result.message });
    return { section: 'email', saved: `We sent a new link to ${event.locals.user.email}.` };
  },

  changeEmail: async (event) => {
    const form = await parseForm(emailForm, event.request);
    if (!form.ok) return refuse(emailForm, { ...form, section: 'email' });
    const result = await callAuth(event, 'change-email', { newEmail: form.data.newEmail, callbackURL: '/account?email=changed' });
    if (!result.ok)
      return refuse(
        emailForm,
        { values: form.values, errors: { newEmail: result.message }, message: null, section: 'email' },
        result.status,
      );
    // The same answer whether or not the address is taken: nobody learns who has an account.
    return {
      section: 'email',
      saved: `Check ${form.data.newEmail}: follow the link there to start using it. Until then we keep using your current email.`,
    };
  },

  password: async (event) => {
    const form = await parseForm(passwordForm, event.request);
    if (!form.ok) return refuse(passwordForm, { ...form, section: 'password' });
    const result = await callAuth(event, 'change-password', { ...form.data, revokeOtherSessions: true });
    if (!result.ok) {
      const field = result.code === 'INVALID_PASSWORD' ? 'currentPassword' : result.code === 'PASSWORD_TOO_WEAK' ? 'newPassword' : null;
      return refuse(
        passwordForm,
        {
          values: form.values,
          errors: field ? { [field]: result.message } : {},
          message: field ? null : result.message,
          section: 'password',
        },
        result.status,
      );
    }
    return { section: 'password', saved: 'Password changed. Your other devices were signed out.' };
  },

  notifications: async (event) => {
    const data = await event.request.formData();
    const choices = choicesFrom(data);
    const quiet = quietHoursFrom(data);
    if (!quiet.success) return fail(400, { section: 'notifications', message: quiet.error.issues[0]?.message ?? 'Check the quiet hours.' });
    try {
      await api(event).notifications.savePreferences.mutate({
        choices,
        quietHours: quiet.data,
        smsConsent: data.get('smsConsent') === 'on',
      });
    } catch (e) {
      return fail(describeApiError(e).httpStatus, { section: 'notifications', message: describeApiError(e).message });
    }
    return { section: 'notifications', saved: 'Notification choices saved.' };
  },

  /** The person's emergency contact (emergency.setContact: the phone checked and kept as E.164). */
  emergencyContact: async (event) => {
    const form = await parseForm(emergencyContactForm, event.request);
    if (!form.ok) return refuse(emergencyContactForm, { ...form, section: 'emergency' });
    try {
      await api(event).emergency.setContact.mutate({ ...form.data, email: form.data.email || null });
    } catch (e) {
      return refuseFromApi(emergencyContactForm, e, { values: form.values, section: 'emergency' });
    }
    return { section: 'emergency', saved: 'Your emergency contact is saved.' };
  },
  emergencyContactRemove: async (event) => {
    try {
      await api(event).emergency.removeContact.mutate();
    } catch (e) {
      return fail(describeApiError(e).httpStatus, { section: 'emergency', message: describeApiError(e).message });
    }
    return { section: 'emergency', saved: 'Your emergency contact is removed.' };
  },

  telegramCode: async (event) => {
    try {
      const code = await api(event).account.telegramLinkCode.mutate();
      return { section: 'telegram', code };
    } catch (e) {
      return fail(describeApiError(e).httpStatus, { section: 'telegram', message: describeApiError(e).message });
    }
  },

  telegramUnlink: async (event) => {
    try {
      await api(event).account.telegramUnlink.mutate();
    } catch (e) {
      return fail(describeApiError(e).httpStatus, { section: 'telegram', message: describeApiError(e).message });
    }
    return { section: 'telegram', saved: 'Telegram is unlinked.' };
  },

  signOutOthers: async (event) => {
    const result = await callAuth(event, 'revoke-other-sessions', {});
    if (!result.ok) return fail(result.status, { section: 'sessions', message: result.message });
    return { section: 'sessions', saved: 'Every other device is signed out.' };
  },

  signOutEverywhere: async (event) => {
    const result = await callAuth(event, 'revoke-sessions', {});
    if (!result.ok) return fail(result.status, { section: 'sessions', message: result.message });
    // This browser's session went too: the cookie is cleared by signing out here.
    await callAuth(event, 'sign-out', {});
    for (const name of event.cookies.getAll().map((c) => c.name))
      if (name.includes('session_token')) event.cookies.delete(name, { path: '/' });
    redirect(303, '/signin?signedOut=everywhere');
  },

  deleteAccount: async (event) => {
    const values = readForm(deleteForm, await event.request.formData());
    const form = checkForm(deleteForm, values);
    if (!form.ok) return refuse(deleteForm, { ...form, section: 'delete' });
    try {
      await api(event).account.deleteAccount.mutate(form.data);
    } catch (e) {
      return refuseFromApi(deleteForm, e, { values, section: 'delete' });
    }
    for (const name of event.cookies.getAll().map((c) => c.name))
      if (name.includes('session_token')) event.cookies.delete(name, { path: '/' });
    redirect(303, '/goodbye');
  },
};
