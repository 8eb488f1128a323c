import { fail, redirect } from '@sveltejs/kit';
import { describeApiError } from '@handled/client';
import { localToUtc } from '@handled/core/availability/zone';
import { api } from '$lib/server/api';
import { rethrowForPage, signInHref } from '$lib/server/errors';
import { answerErrorMessage } from './change-copy';
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
    const isClient = locals.user.role === 'client';
    const canCancel = booking.allowedCommands.includes('cancel');
    const paying = booking.invoice !== null || booking.paymentStatus !== 'none';
    const [cancellation, pendingChange, review, payments, planOptions, receipts] = await Promise.all([
      canCancel ? client.lifecycle.cancellationQuote.query({ id: booking.id }).catch(() => null) : null,
      booking.canProposeChange ? client.changes.pending.query({ id: booking.id }).catch(() => null) : null,
      isClient && booking.status === 'completed' ? client.reviews.mine.query({ id: booking.id }).catch(() => null) : null,
      paying ? client.payments.forBooking.query({ id: booking.id }) : null,
      // Before the provider accepts, the client sees how they will pay (and may choose).
      isClient && booking.status === 'requested' ? client.payments.planOptions.query({ id: booking.id }) : null,
      paying ? client.lifecycle.receipts.query({ id: booking.id }).catch(() => []) : [],
    ]);
    return {
      booking,
      zone: locals.timeZone ?? locals.user.timeZone ?? booking.timeZone,
      justRequested: url.searchParams.has('requested'),
      changeAnswer: changeAnswerOf(url.searchParams.get('change')),
      cancellation,
      justChosePlan: url.searchParams.has('plan'),
      canReschedule: booking.canProposeChange,
      pendingChange,
      review,
      canConfirm: isClient && booking.allowedCommands.includes('confirm_completion'),
      payments,
      planOptions,
      receipts,
      receiptUrl: receipts.length > 0 ? `/receipts/${booking.id}.pdf` : null,
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

/**
 * An answer to a proposed change the API refused, in words: the booking's pending change is read
 * again so a proposal that vanished meanwhile says what happened to it.
 */
async function answerFailed(event: RequestEvent, e: unknown, answering: { changeId: string; proposedBy: 'client' | 'provider' }, reason = '') {
  const info = describeApiError(e);
  const client = api(event);
  const [stillPending, booking] = await Promise.all([
    client.changes.pending.query({ id: event.params.id }).catch(() => undefined),
    client.bookings.get.query({ id: event.params.id }).catch(() => null),
  ]);
  const providerName = booking?.provider?.displayName.split(' ')[0] ?? 'Your provider';
  // Unreadable (network, signed out): the API's own words.
  const message =
    stillPending === undefined ? info.message : answerErrorMessage(info, { changeId: answering.changeId || (stillPending?.id ?? ''), proposedBy: answering.proposedBy }, stillPending, providerName);
  return fail(info.code === 'CONFLICT' || info.code === 'PRECONDITION_FAILED' ? 409 : 400, { form: 'change' as const, message, reason });
}

function text(form: FormData, key: string): string {
  const v = form.get(key);
  return typeof v === 'string' ? v.trim() : '';
}

/** `plan` is `full` or `instalments-N`; the API takes the number of payments. */
function instalmentsOf(plan: string): number | null {
  if (plan === 'full') return 1;
  const m = /^instalments-(\d)$/.exec(plan);
  return m ? Number(m[1]) : null;
}

export const actions: Actions = {
  choosePlan: async (event) => {
    const plan = text(await event.request.formData(), 'plan');
    const instalments = instalmentsOf(plan);
    if (instalments === null) return fail(400, { form: 'plan' as const, errors: { plan: 'Choose how you would like to pay.' }, plan });
    try {
      await api(event).payments.choosePlan.mutate({ id: event.params.id, instalments });
    } catch (e) {
      const info = describeApiError(e);
      const message = info.fieldErrors['instalments']?.[0] ?? info.message;
      return fail(info.code === 'CONFLICT' ? 409 : 400, { form: 'plan' as const, errors: { plan: message }, plan });
    }
    redirect(303, `/bookings/${event.params.id}?plan=${plan}`);
  },
  confirmDone: async (event) => {
    try {
      await api(event).lifecycle.confirmCompletion.mutate({ id: event.params.id });
    } catch (e) {
      return fail(400, { form: 'confirm' as const, message: describeApiError(e).message });
    }
    redirect(303, `/bookings/${event.params.id}`);
  },
  reportProblem: async (event) => {
    const reason = text(await event.request.formData(), 'reason');
    try {
      await api(event).lifecycle.raiseProblem.mutate({ id: event.params.id, reason });
    } catch (e) {
      return fail(400, { form: 'problem' as const, message: describeApiError(e).message, reason });
    }
    redirect(303, `/bookings/${event.params.id}`);
  },
  cancel: async (event) => {
    const form = await event.request.formData();
    const expected = Number(text(form, 'expectedFee'));
    const reason = text(form, 'reason');
    try {
      await api(event).lifecycle.cancel.mutate({
        id: event.params.id,
        ...(reason ? { reason } : {}),
        ...(Number.isInteger(expected) && expected >= 0 ? { expectedFee: expected } : {}),
      });
    } catch (e) {
      const info = describeApiError(e);
      return fail(info.code === 'CONFLICT' ? 409 : 400, { form: 'cancel' as const, message: info.message, reason });
    }
    redirect(303, `/bookings/${event.params.id}?cancelled=1`);
  },
  reschedule: async (event) => {
    const form = await event.request.formData();
    const date = text(form, 'date');
    const time = text(form, 'time');
    const zone = text(form, 'zone') || event.locals.timeZone || 'UTC';
    const note = text(form, 'note');
    const errors: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors['date'] = 'Pick a day';
    if (!/^\d{2}:\d{2}$/.test(time)) errors['time'] = 'Pick a start time';
    if (Object.keys(errors).length) return fail(400, { form: 'reschedule' as const, errors, message: 'Pick a new day and time.', date, time, note });
    let startsAt: string;
    try {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const [hh, mm] = time.split(':').map(Number) as [number, number];
      startsAt = new Date(localToUtc(zone, Date.UTC(y, m - 1, d, hh, mm))).toISOString();
    } catch {
      return fail(400, { form: 'reschedule' as const, errors: { date: 'That date does not exist' }, message: 'Pick a new day and time.', date, time, note });
    }
    try {
      await api(event).changes.propose.mutate({ id: event.params.id, startsAt, ...(note ? { note } : {}) });
    } catch (e) {
      const info = describeApiError(e);
      return fail(400, { form: 'reschedule' as const, errors: { time: info.message }, message: info.message, date, time, note });
    }
    redirect(303, `/bookings/${event.params.id}?proposed=1`);
  },
  acceptChange: async (event) => {
    const changeId = text(await event.request.formData(), 'changeId');
    try {
      await api(event).changes.accept.mutate({ id: event.params.id, ...(changeId ? { changeId } : {}) });
    } catch (e) {
      return answerFailed(event, e, { changeId, proposedBy: 'provider' });
    }
    redirect(303, `/bookings/${event.params.id}?change=accepted`);
  },
  declineChange: async (event) => {
    const form = await event.request.formData();
    const changeId = text(form, 'changeId');
    const reason = text(form, 'reason').slice(0, 500);
    try {
      await api(event).changes.reject.mutate({ id: event.params.id, ...(changeId ? { changeId } : {}), ...(reason ? { reason } : {}) });
    } catch (e) {
      return answerFailed(event, e, { changeId, proposedBy: 'provider' }, reason);
    }
    redirect(303, `/bookings/${event.params.id}?change=declined`);
  },
  withdrawChange: async (event) => {
    const changeId = text(await event.request.formData(), 'changeId');
    try {
      await api(event).changes.withdraw.mutate({ id: event.params.id, ...(changeId ? { changeId } : {}) });
    } catch (e) {
      return answerFailed(event, e, { changeId, proposedBy: 'client' });
    }
    redirect(303, `/bookings/${event.params.id}?change=withdrawn`);
  },
  review: async (event) => {
    const form = await event.request.formData();
    const rating = Number(text(form, 'rating'));
    const body = text(form, 'body');
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) return fail(400, { form: 'review' as const, errors: { rating: 'Choose 1 to 5 stars' }, body });
    try {
      await api(event).reviews.create.mutate({ id: event.params.id, rating, body });
    } catch (e) {
      const info = describeApiError(e);
      return fail(400, { form: 'review' as const, errors: { body: info.fieldErrors['body']?.[0] ?? info.message }, body });
    }
    redirect(303, `/bookings/${event.params.id}?reviewed=1`);
  },
};
