import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { describeApiError } from '@handled/client';
import { localToUtc } from '@handled/core/zone';
import { api } from '$lib/server/api';
import { rethrowForPage, signInHref } from '$lib/server/errors';
import { viewerZone } from '$lib/server/viewer-zone';
import { checkForm, type FormErrors, parseForm, readForm, refuse, refuseFromApi, siteForm } from '$lib/server/form';
import { answerErrorMessage } from './change-copy';
import { parseAmount } from './tip';
import { maxReviewPhotos } from '@handled/core/reputation';
import { uploadRequestPhotos } from '$lib/server/request-photos';
import { apiUrl } from '$lib/server/env';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Which answer to a proposed change the page was redirected after (`?change=…`). */
function changeAnswerOf(v: string | null): 'accepted' | 'declined' | 'withdrawn' | null {
  return v === 'accepted' || v === 'declined' || v === 'withdrawn' ? v : null;
}

export const load: PageServerLoad = async (event) => {
  const { locals, url, params } = event;
  if (!locals.user) redirect(303, signInHref(url));
  const client = api(event);
  try {
    const booking = await client.bookings.get.query({ id: params.id });
    const isClient = booking.client.id === locals.user.id;
    const canCancel = booking.allowedCommands.includes('cancel');
    const paying = booking.invoice !== null || booking.paymentStatus !== 'none';
    const worked = ['in_progress', 'completed', 'disputed'].includes(booking.status);
    // A client with a confirmed booking: from the start on (by the API's clock), when and how to report a provider who has not come.
    const noShowPossible = isClient && booking.status === 'confirmed';
    const [cancellation, pendingChange, review, payments, planOptions, receipts, photos, job, noShow, emergency] = await Promise.all([
      canCancel ? client.lifecycle.cancellationQuote.query({ id: booking.id }).catch(() => null) : null,
      booking.canProposeChange ? client.changes.pending.query({ id: booking.id }).catch(() => null) : null,
      // Reviews after the job, both ways and double-blind (the panel says what each side may see).
      booking.status === 'completed' ? client.reviews.forBooking.query({ id: booking.id }).catch(() => null) : null,
      paying ? client.payments.forBooking.query({ id: booking.id }) : null,
      // Before the provider accepts, the client sees how they will pay (and may choose).
      isClient && booking.status === 'requested' ? client.payments.planOptions.query({ id: booking.id }) : null,
      paying ? client.lifecycle.receipts.query({ id: booking.id }).catch(() => []) : [],
      client.attachments.list.query({ id: booking.id }).catch(() => []),
      worked ? client.lifecycle.job.query({ id: booking.id }).catch(() => null) : null,
      noShowPossible ? client.lifecycle.noShowQuote.query({ id: booking.id }).catch(() => null) : null,
      // The Emergency button while the job is under way, and any alert raised on it.
      ['confirmed', 'in_progress'].includes(booking.status)
        ? client.emergency.forBooking.query({ bookingId: booking.id }).catch(() => null)
        : null,
    ]);
    return {
      booking,
      zone: viewerZone(locals, booking.timeZone),
      justRequested: url.searchParams.has('requested'),
      changeAnswer: changeAnswerOf(url.searchParams.get('change')),
      cancellation,
      justChosePlan: url.searchParams.has('plan'),
      canReschedule: booking.canProposeChange,
      pendingChange,
      review,
      justReviewed: url.searchParams.has('reviewed'),
      canConfirm: isClient && booking.allowedCommands.includes('confirm_completion'),
      // After the job, the client may tip (once); the form sits under the work done.
      canTip: isClient && booking.client.id === locals.user.id && booking.status === 'completed',
      payments,
      planOptions,
      receipts,
      receiptUrl: receipts.length > 0 ? `/receipts/${booking.id}.pdf` : null,
      photos: photos.map(({ id, kind, url, thumbUrl, width, height }) => ({ id, kind, url, thumbUrl, width, height })),
      job,
      emergency,
      noShow: noShow && (noShow.allowed || Date.parse(noShow.quotedAt) >= Date.parse(booking.startsAt)) ? noShow : null,
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

const emergencyForm = siteForm(
  z.object({ reason: z.string().trim().min(3, 'Say what is happening, in a few words.').max(500, 'Keep it under 500 characters.') }),
);

/*
 * The page's forms; each answer names its form (`form`), so the page shows it beside the right one.
 */
const typed = z.string().trim();

/** `full` or `instalments-N`; the API takes the number of payments. */
const planForm = siteForm(
  z.object({
    plan: z.union(
      [
        z.literal('full').transform(() => 1),
        z.templateLiteral(['instalments-', z.int()]).transform((p) => Number(p.slice('instalments-'.length))),
      ],
      {
        error: 'Choose how you would like to pay.',
      },
    ),
  }),
  { aliases: { instalments: 'plan' } },
);
const confirmForm = siteForm(z.object({}));
const problemForm = siteForm(z.object({ reason: typed }));
const cancelForm = siteForm(
  z.object({
    reason: typed,
    /** The fee the client was shown: the API refuses the cancellation if it changed meanwhile. */
    expectedFee: typed.transform((v) => (Number.isInteger(Number(v)) && Number(v) >= 0 ? Number(v) : undefined)),
  }),
);
const rescheduleForm = siteForm(
  z.object({
    date: z.iso.date({ error: 'Pick a day' }),
    time: z.iso.time({ precision: -1, error: 'Pick a start time' }),
    zone: typed,
    note: typed,
  }),
  { aliases: { startsAt: 'time' }, message: 'Pick a new day and time.' },
);
const noShowForm = siteForm(z.object({ reason: typed.transform((r) => r.slice(0, 500)) }));
const changeForm = siteForm(z.object({ changeId: typed, reason: typed.transform((r) => r.slice(0, 500)) }));
/** A suggested tip (minor units) or `custom` with the amount typed in `custom` ("20", "12.50"). */
const tipForm = siteForm(
  z.object({ amount: typed, custom: typed }).transform((v, ctx) => {
    const custom = v.amount === 'custom' || v.amount === '';
    const amount = custom ? parseAmount(v.custom) : /^\d{1,9}$/.test(v.amount) ? Number(v.amount) : null;
    if (amount === null) {
      ctx.addIssue({ code: 'custom', path: [custom ? 'custom' : 'amount'], message: 'Enter an amount, like 20 or 12.50.' });
      return z.NEVER;
    }
    return { amount };
  }),
);
/** Stars as the radios send them: '1'…'5', or nothing for an optional sub-rating. */
const stars = (what: string) => z.enum(['1', '2', '3', '4', '5'], { error: `Choose 1 to 5 stars for ${what}` }).transform(Number);
const optionalStars = (what: string) =>
  z
    .union([z.literal('').transform(() => undefined), stars(what)])
    .optional()
    .transform((v) => v);
const reviewForm = siteForm(
  z.object({
    rating: z.enum(['1', '2', '3', '4', '5'], { error: 'Choose 1 to 5 stars for the job overall' }).transform(Number),
    quality: optionalStars('quality'),
    punctuality: optionalStars('punctuality'),
    communication: optionalStars('communication'),
    value: optionalStars('value'),
    body: typed.max(2000, 'Keep it under 2,000 characters'),
    /** Read for its errors' place only: the ids come from every `photoIds` value (photoIdsOf). */
    photoIds: typed,
  }),
  { aliases: { photos: 'photoIds' } },
);
const reportForm = siteForm(
  z.object({ reason: typed.min(3, 'Tell us in a few words what is wrong').max(500, 'Keep it under 500 characters') }),
);

/**
 * An answer to a proposed change the API refused, in words: the booking's pending change is read
 * again so a proposal that vanished meanwhile says what happened to it.
 */
async function answerFailed(
  event: RequestEvent,
  e: unknown,
  values: { changeId: string; reason: string },
  proposedBy: 'client' | 'provider',
) {
  const info = describeApiError(e);
  const client = api(event);
  const [stillPending, booking] = await Promise.all([
    client.changes.pending.query({ id: event.params.id }).catch(() => undefined),
    client.bookings.get.query({ id: event.params.id }).catch(() => null),
  ]);
  const providerName = booking?.provider?.displayName.split(' ')[0] ?? 'Your provider';
  // Unreadable (network, signed out): the API's own words.
  const message =
    stillPending === undefined
      ? info.message
      : answerErrorMessage(info, { changeId: values.changeId.trim() || (stillPending?.id ?? ''), proposedBy }, stillPending, providerName);
  return refuse(changeForm, { form: 'change' as const, values, message }, info.httpStatus);
}

export const actions: Actions = {
  choosePlan: async (event) => {
    const form = await parseForm(planForm, event.request);
    if (!form.ok) return refuse(planForm, { form: 'plan' as const, ...form });
    try {
      await api(event).payments.choosePlan.mutate({ id: event.params.id, instalments: form.data.plan });
    } catch (e) {
      return refuseFromApi(planForm, e, { form: 'plan' as const, values: form.values }, { at: 'plan' });
    }
    redirect(303, `/bookings/${event.params.id}?plan=${form.values.plan}`);
  },
  confirmDone: async (event) => {
    try {
      await api(event).lifecycle.confirmCompletion.mutate({ id: event.params.id });
    } catch (e) {
      return refuseFromApi(confirmForm, e, { form: 'confirm' as const, values: {} });
    }
    redirect(303, `/bookings/${event.params.id}`);
  },
  reportProblem: async (event) => {
    const form = await parseForm(problemForm, event.request);
    if (!form.ok) return refuse(problemForm, { form: 'problem' as const, ...form });
    try {
      await api(event).lifecycle.raiseProblem.mutate({ id: event.params.id, reason: form.data.reason });
    } catch (e) {
      return refuseFromApi(problemForm, e, { form: 'problem' as const, values: form.values });
    }
    redirect(303, `/bookings/${event.params.id}`);
  },
  /** Emergency during the job: the confirm step's reason, then everyone told at once (emergency.raise). */
  emergency: async (event) => {
    const form = await parseForm(emergencyForm, event.request);
    if (!form.ok) return refuse(emergencyForm, { form: 'emergency' as const, ...form, message: form.errors.reason ?? null });
    try {
      const r = await api(event).emergency.raise.mutate({ bookingId: event.params.id, reason: form.data.reason });
      return { form: 'emergencySent' as const, contactNotified: r.contactNotified };
    } catch (e) {
      return refuseFromApi(emergencyForm, e, { form: 'emergency' as const, values: form.values });
    }
  },
  reportNoShow: async (event) => {
    const form = await parseForm(noShowForm, event.request);
    if (!form.ok) return refuse(noShowForm, { form: 'noShow' as const, ...form });
    const { reason } = form.data;
    try {
      await api(event).lifecycle.reportNoShow.mutate({ id: event.params.id, ...(reason.length >= 2 ? { reason } : {}) });
    } catch (e) {
      return refuseFromApi(noShowForm, e, { form: 'noShow' as const, values: form.values });
    }
    redirect(303, `/bookings/${event.params.id}`);
  },
  cancel: async (event) => {
    const form = await parseForm(cancelForm, event.request);
    if (!form.ok) return refuse(cancelForm, { form: 'cancel' as const, ...form });
    const { reason, expectedFee } = form.data;
    try {
      await api(event).lifecycle.cancel.mutate({
        id: event.params.id,
        ...(reason ? { reason } : {}),
        ...(expectedFee !== undefined ? { expectedFee } : {}),
      });
    } catch (e) {
      return refuseFromApi(cancelForm, e, { form: 'cancel' as const, values: form.values });
    }
    redirect(303, `/bookings/${event.params.id}?cancelled=1`);
  },
  reschedule: async (event) => {
    const form = await parseForm(rescheduleForm, event.request);
    if (!form.ok) return refuse(rescheduleForm, { form: 'reschedule' as const, ...form });
    const { date, time, note } = form.data;
    const zone = form.data.zone || event.locals.timeZone || 'UTC';
    let startsAt: string;
    try {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const [hh, mm] = time.split(':').map(Number) as [number, number];
      startsAt = new Date(localToUtc(zone, Date.UTC(y, m - 1, d, hh, mm))).toISOString();
    } catch {
      return refuse(rescheduleForm, { form: 'reschedule' as const, values: form.values, errors: { date: 'That date does not exist' } });
    }
    try {
      await api(event).changes.propose.mutate({ id: event.params.id, startsAt, ...(note ? { note } : {}) });
    } catch (e) {
      return refuseFromApi(rescheduleForm, e, { form: 'reschedule' as const, values: form.values }, { at: 'time' });
    }
    redirect(303, `/bookings/${event.params.id}?proposed=1`);
  },
  acceptChange: async (event) => {
    const form = await parseForm(changeForm, event.request);
    if (!form.ok) return refuse(changeForm, { form: 'change' as const, ...form });
    const { changeId } = form.data;
    try {
      await api(event).changes.accept.mutate({ id: event.params.id, ...(changeId ? { changeId } : {}) });
    } catch (e) {
      return answerFailed(event, e, form.values, 'provider');
    }
    redirect(303, `/bookings/${event.params.id}?change=accepted`);
  },
  declineChange: async (event) => {
    const form = await parseForm(changeForm, event.request);
    if (!form.ok) return refuse(changeForm, { form: 'change' as const, ...form });
    const { changeId, reason } = form.data;
    try {
      await api(event).changes.reject.mutate({ id: event.params.id, ...(changeId ? { changeId } : {}), ...(reason ? { reason } : {}) });
    } catch (e) {
      return answerFailed(event, e, form.values, 'provider');
    }
    redirect(303, `/bookings/${event.params.id}?change=declined`);
  },
  withdrawChange: async (event) => {
    const form = await parseForm(changeForm, event.request);
    if (!form.ok) return refuse(changeForm, { form: 'change' as const, ...form });
    const { changeId } = form.data;
    try {
      await api(event).changes.withdraw.mutate({ id: event.params.id, ...(changeId ? { changeId } : {}) });
    } catch (e) {
      return answerFailed(event, e, form.values, 'client');
    }
    redirect(303, `/bookings/${event.params.id}?change=withdrawn`);
  },
  tip: async (event) => {
    const form = await parseForm(tipForm, event.request);
    if (!form.ok) return refuse(tipForm, { form: 'tip' as const, ...form });
    let tip: { payUrl: string | null } | null;
    try {
      tip = await api(event).payments.tip.mutate({ id: event.params.id, amount: form.data.amount });
    } catch (e) {
      return refuseFromApi(tipForm, e, { form: 'tip' as const, values: form.values }, { at: 'custom' });
    }
    // Straight to the tip's payment page; back on the booking when there is nothing to pay.
    redirect(303, tip?.payUrl ?? `/bookings/${event.params.id}#tip`);
  },
  review: async (event) => {
    const data = await event.request.formData();
    // Photos first (files sent without JavaScript are uploaded now): a refusal below keeps them.
    const photos = await uploadRequestPhotos(event.request, data, apiUrl(), {
      path: `/uploads/reviews/${encodeURIComponent(event.params.id)}`,
      max: maxReviewPhotos,
    });
    const kept = { form: 'review' as const, photoIds: photos.ids };
    const form = checkForm(reviewForm, readForm(reviewForm, data));
    if (!form.ok) return refuse(reviewForm, { ...kept, ...form });
    if (photos.error)
      return refuse(reviewForm, { ...kept, values: form.values, errors: { photoIds: photos.error }, message: photos.error });
    try {
      const { photoIds: _field, ...review } = form.data;
      await api(event).reviews.write.mutate({ id: event.params.id, ...review, photoIds: photos.ids });
    } catch (e) {
      return refuseFromApi(reviewForm, e, { ...kept, values: form.values });
    }
    redirect(303, `/bookings/${event.params.id}?reviewed=1#review`);
  },
  reportReview: async (event) => {
    const form = await parseForm(reportForm, event.request);
    if (!form.ok) return refuse(reportForm, { form: 'report' as const, done: false, already: false, ...form });
    try {
      const r = await api(event).reviews.report.mutate({ id: event.params.id, reason: form.data.reason });
      return {
        form: 'report' as const,
        done: true,
        already: r.already,
        values: form.values,
        errors: {} as FormErrors<'reason'>,
        message: null,
      };
    } catch (e) {
      return refuseFromApi(reportForm, e, { form: 'report' as const, done: false, already: false, values: form.values }, { at: 'reason' });
    }
  },
};
