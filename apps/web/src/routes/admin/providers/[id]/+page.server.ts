import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { describeApiError } from '@handled/client';
import { languageName } from '@handled/core/onboarding';
import { formatMinor } from '@handled/core/money';
import { formatInZone } from '@handled/core/time-in-zone';
import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { parseForm, refuse, refuseFromApi, siteForm } from '$lib/server/form';
import { describePolicy } from '$lib/policy';
import { requireAdmin } from '../../admin.server';
import type { Actions, PageServerLoad } from './$types';

/** The reason the provider reads when their listing is sent back or suspended. */
const noteForm = siteForm(
  z.object({ note: z.string().trim().min(10, 'Say what the provider should change (at least 10 characters)').max(1000) }),
);

export const load: PageServerLoad = async (event) => {
  const { zone } = requireAdmin(event);
  try {
    const l = await api(event).vetting.listing.query({ providerId: event.params.id });
    const rate = (minor: number) => formatMinor(minor, l.currency);
    return {
      l,
      zone,
      rates: {
        own: l.services.hourlyRate > 0 ? rate(l.services.hourlyRate) : 'Not set',
        items: l.services.items.map((s) => ({
          name: s.name,
          rate: rate(s.hourlyRate ?? l.services.hourlyRate),
          own: s.hourlyRate !== null,
        })),
      },
      languages: l.profile.languages.map(languageName).join(', '),
      policy: describePolicy(l.policies.cancellationPolicy),
      paymentRule: l.policies.paymentRules.find((r) => r.id === l.policies.paymentRule)?.label ?? l.policies.paymentRule,
      history: l.history.map((h) => ({ ...h, when: formatInZone(h.at, zone, 'stamp') })),
      accountSince: l.account ? formatInZone(l.account.createdAt, zone, 'date') : null,
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

async function decide(event: Parameters<Actions[string]>[0], kind: 'approve' | 'reinstate') {
  try {
    await api(event).vetting[kind].mutate({ providerId: event.params.id ?? '' });
  } catch (e) {
    const info = describeApiError(e);
    return fail(info.httpStatus, { action: kind, message: info.message });
  }
  return { action: kind, done: kind === 'approve' ? 'Approved: the listing is live.' : 'Reinstated: the listing is live again.' };
}

async function withNote(event: Parameters<Actions[string]>[0], kind: 'sendBack' | 'suspend') {
  const form = await parseForm(noteForm, event.request);
  if (!form.ok) return refuse(noteForm, { ...form, action: kind });
  try {
    await api(event).vetting[kind].mutate({ providerId: event.params.id ?? '', note: form.data.note });
  } catch (e) {
    return refuseFromApi(noteForm, e, { values: form.values, action: kind });
  }
  return { action: kind, done: kind === 'sendBack' ? 'Sent back: the provider sees your reason.' : 'Suspended: the listing is hidden.' };
}

export const actions: Actions = {
  approve: (event) => decide(event, 'approve'),
  reinstate: (event) => decide(event, 'reinstate'),
  sendBack: (event) => withNote(event, 'sendBack'),
  suspend: (event) => withNote(event, 'suspend'),
};
