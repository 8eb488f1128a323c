import { z } from 'zod';
import { formatInZone } from '@handled/core/time-in-zone';
import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { parseForm, refuse, refuseFromApi, siteForm } from '$lib/server/form';
import { requireOperator } from '../admin.server';
import type { Actions, PageServerLoad } from './$types';

const reason = z.string().trim().min(3, 'Say why, in a few words: it is kept with the version').max(500);
const bps = z
  .string()
  .trim()
  .regex(/^\d{1,2}(\.\d{1,2})?$/, 'A percentage like 8 or 7.5')
  .transform((s) => Math.round(Number(s) * 100))
  .pipe(z.int().max(5000, 'At most 50 %'));
const optionalBps = z.union([z.literal('').transform(() => undefined), bps]);
const version = z.coerce.number().int().min(0);

const feeForm = siteForm(
  z.object({
    category: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{1,60}$/, 'Choose a category'),
    clientFee: optionalBps,
    commission: optionalBps,
    reason,
    version,
  }),
);
const reviewsForm = siteForm(
  z.object({
    windowDays: z.coerce.number().int('Whole days'),
    editHours: z.coerce.number().int('Whole hours'),
    reminderDaysBefore: z.coerce.number().int('Whole days'),
    reason,
    version,
  }),
);

const money = z
  .string()
  .trim()
  .regex(/^\d{1,7}(\.\d{1,2})?$/, 'An amount like 100 or 99.50')
  .transform((v) => Math.round(Number(v) * 100));
const limitsForm = siteForm(
  z.object({
    supportRefundLimit: money,
    planMinTotal: money,
    planMinLeadDays: z.coerce.number('Whole days').int('Whole days').min(0, 'Days cannot be negative'),
    reason,
    version,
  }),
);

/** Settings without a deploy: fees per category and the review window, versioned and audited (admins only). */
export const load: PageServerLoad = async (event) => {
  const { zone } = requireOperator(event);
  try {
    const [s, categories, masking] = await Promise.all([
      api(event).reputation.settings.query(),
      api(event).catalog.categories.query(),
      // Contact masking is issue 16b's setting (messages.settings), versioned and audited the same way.
      api(event).messages.settings.query(),
    ]);
    const when = (at: string) => formatInZone(at, zone, 'stamp');
    const fees = categories.map((c) => {
      const own = s.fees.value.byCategory[c.slug] ?? {};
      const base = { ...s.fees.defaults.default, ...s.fees.defaults.byCategory[c.slug], ...own };
      return {
        slug: c.slug,
        name: c.name,
        clientFeeBps: base.clientFeeBps,
        commissionBps: base.providerCommissionBps,
        changed: Object.keys(own).length > 0,
      };
    });
    return {
      fees,
      feesVersion: s.fees.version,
      masking,
      reviews: s.reviews,
      limits: s.limits,
      ranking: s.ranking,
      history: [
        ...s.fees.history.map((h) => ({ ...h, key: 'Fees' })),
        ...s.reviews.history.map((h) => ({ ...h, key: 'Reviews' })),
        ...s.ranking.history.map((h) => ({ ...h, key: 'Ranking' })),
        ...s.limits.history.map((h) => ({ ...h, key: 'Limits' })),
      ]
        .sort((a, b) => b.at.localeCompare(a.at))
        .map((h) => ({ ...h, when: when(h.at) })),
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

const maskingForm = siteForm(z.object({ mask: z.enum(['on', 'off'], 'Choose on or off'), reason, version }));

export const actions: Actions = {
  masking: async (event) => {
    const form = await parseForm(maskingForm, event.request);
    if (!form.ok) return refuse(maskingForm, { ...form, action: 'masking' });
    try {
      await api(event).messages.saveSettings.mutate({
        value: { maskContactsBeforeConfirmed: form.data.mask === 'on' },
        reason: form.data.reason,
        expectedVersion: form.data.version,
      });
    } catch (e) {
      return refuseFromApi(maskingForm, e, { values: form.values, action: 'masking' }, { at: 'reason' });
    }
    return { action: 'masking', done: 'Saved.' };
  },
  fees: async (event) => {
    const form = await parseForm(feeForm, event.request);
    if (!form.ok) return refuse(feeForm, { ...form, action: 'fees' });
    const d = form.data;
    try {
      const current = await api(event).reputation.settings.query();
      const byCategory = { ...current.fees.value.byCategory };
      byCategory[d.category] = {
        ...byCategory[d.category],
        ...(d.clientFee !== undefined ? { clientFeeBps: d.clientFee } : {}),
        ...(d.commission !== undefined ? { providerCommissionBps: d.commission } : {}),
      };
      await api(event).reputation.updateSetting.mutate({
        key: 'fees',
        value: { byCategory },
        reason: d.reason,
        expectedVersion: d.version,
      });
    } catch (e) {
      return refuseFromApi(feeForm, e, { values: form.values, action: 'fees' }, { at: 'reason' });
    }
    return { action: 'fees', done: 'Saved: new bookings in this category are priced with it; existing ones keep their price.' };
  },
  limits: async (event) => {
    const form = await parseForm(limitsForm, event.request);
    if (!form.ok) return refuse(limitsForm, { ...form, action: 'limits' });
    const { reason: why, version: v, ...value } = form.data;
    try {
      await api(event).reputation.updateSetting.mutate({ key: 'limits', value, reason: why, expectedVersion: v });
    } catch (e) {
      return refuseFromApi(limitsForm, e, { values: form.values, action: 'limits' }, { at: 'reason' });
    }
    return { action: 'limits', done: 'Saved: support’s limit applies at once; plans not yet invoiced follow the new threshold.' };
  },
  reviews: async (event) => {
    const form = await parseForm(reviewsForm, event.request);
    if (!form.ok) return refuse(reviewsForm, { ...form, action: 'reviews' });
    const { reason: why, version: v, ...value } = form.data;
    try {
      await api(event).reputation.updateSetting.mutate({ key: 'reviews', value, reason: why, expectedVersion: v });
    } catch (e) {
      return refuseFromApi(reviewsForm, e, { values: form.values, action: 'reviews' }, { at: 'reason' });
    }
    return { action: 'reviews', done: 'Saved.' };
  },
};
