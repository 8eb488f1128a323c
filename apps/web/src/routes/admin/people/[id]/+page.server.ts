import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { formatMinor } from '@handled/core/money';
import { formatInZone } from '@handled/core/time-in-zone';
import { api } from '$lib/server/api';
import { callAuth } from '$lib/server/auth';
import { rethrowForPage } from '$lib/server/errors';
import { parseForm, refuse, refuseFromApi, siteForm } from '$lib/server/form';
import { requireOperator } from '../../admin.server';
import type { Actions, PageServerLoad } from './$types';

const reason = z.string().trim().min(5, 'Say why, in a few words: the reason is kept in the audit log').max(500);
const suspendForm = siteForm(z.object({ reason, openBookings: z.enum(['keep', 'cancel'], 'Choose what happens to their open bookings') }));
const reasonForm = siteForm(z.object({ reason }));
const roleForm = siteForm(z.object({ support: z.enum(['give', 'take'], 'Choose to give or take the role'), reason }));

export const load: PageServerLoad = async (event) => {
  const { zone, user } = requireOperator(event);
  try {
    const p = await api(event).operator.person.query({ userId: event.params.id });
    const when = (at: string) => formatInZone(at, zone, 'stamp');
    return {
      p,
      zone,
      viewerRole: user.role,
      bookings: p.bookings.map((b) => ({ ...b, when: when(b.startsAt), money: formatMinor(b.total, b.currency) })),
      payments: p.payments.map((x) => ({ ...x, when: when(x.paidAt), money: formatMinor(x.amount, x.currency) })),
      payouts: p.payouts.map((x) => ({ ...x, money: formatMinor(x.amount, x.currency) })),
      credits: p.credits.map((x) => ({ ...x, when: when(x.at), money: formatMinor(x.amount, x.currency) })),
      sessions: p.sessions.map((s) => ({ ...s, when: when(s.createdAt) })),
      audit: p.audit.map((a) => ({ ...a, when: when(a.at) })),
      since: formatInZone(p.createdAt, zone, 'date'),
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

type Event = Parameters<Actions[string]>[0];
const id = (event: Event) => event.params.id ?? '';

async function withReason(event: Event, action: 'reactivate' | 'verifyEmail' | 'passwordReset', done: string) {
  const form = await parseForm(reasonForm, event.request);
  if (!form.ok) return refuse(reasonForm, { ...form, action });
  try {
    const r = await api(event).operator[action].mutate({ userId: id(event), reason: form.data.reason });
    if (action === 'passwordReset' && 'email' in r) {
      const sent = await callAuth(event, 'request-password-reset', { email: r.email });
      if (!sent.ok) return fail(sent.status, { action, values: form.values, errors: {}, message: sent.message });
    }
  } catch (e) {
    return refuseFromApi(reasonForm, e, { values: form.values, action }, { at: 'reason' });
  }
  return { action, done };
}

export const actions: Actions = {
  role: async (event) => {
    const form = await parseForm(roleForm, event.request);
    if (!form.ok) return refuse(roleForm, { ...form, action: 'role' });
    const support = form.data.support === 'give';
    try {
      await api(event).operator.setSupportRole.mutate({ userId: id(event), support, reason: form.data.reason });
    } catch (e) {
      return refuseFromApi(roleForm, e, { values: form.values, action: 'role' }, { at: 'reason' });
    }
    return { action: 'role', done: support ? 'Now support: the console opens at their next page.' : 'Support role taken back.' };
  },
  suspend: async (event) => {
    const form = await parseForm(suspendForm, event.request);
    if (!form.ok) return refuse(suspendForm, { ...form, action: 'suspend' });
    try {
      await api(event).operator.suspend.mutate({ userId: id(event), ...form.data });
    } catch (e) {
      return refuseFromApi(suspendForm, e, { values: form.values, action: 'suspend' }, { at: 'reason' });
    }
    return { action: 'suspend', done: 'Suspended: signed out everywhere, hidden from search.' };
  },
  reactivate: (event) => withReason(event, 'reactivate', 'Reactivated.'),
  verifyEmail: (event) => withReason(event, 'verifyEmail', 'Email marked verified.'),
  passwordReset: (event) => withReason(event, 'passwordReset', 'A reset link was mailed to their address.'),
};
