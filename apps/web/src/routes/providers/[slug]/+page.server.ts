import { describeApiError } from '@handled/client';
import { localDate, todayIn, zoneLabel } from '@handled/core/time-in-zone';
import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { parseHours } from '$lib/hours';
import { hoursText } from '$lib/format';
import { describePolicy } from '$lib/policy';
import { groupSlotsByDay, unpackSlotDays } from '@handled/core/availability';
import { monthRange, nextMonth, pickMonth } from './month-view';
import type { Actions, PageServerLoad } from './$types';
import { fail, redirect } from '@sveltejs/kit';
import { signInHref } from '$lib/server/errors';
import { booksAsClient } from '$lib/server/session';
import { viewerZone as pickZone } from '$lib/server/viewer-zone';

interface DaySlot {
  start: string;
  label: string;
}

export const load: PageServerLoad = async (event) => {
  const { params, url, locals } = event;
  // The page refreshes its slots while open (others book them): see +page.svelte.
  event.depends('app:slots');
  const client = api(event);
  const hours = parseHours(url.searchParams.get('hours'));
  try {
    const provider = await client.catalog.provider.query({ id: params.slug });
    const viewerZone = pickZone(locals, provider.timeZone);
    const now = new Date();
    const today = todayIn(viewerZone, now);
    // ?day= (older links say ?date=) and ?month= choose what the calendar shows.
    const asked = pickMonth(
      { month: url.searchParams.get('month'), day: url.searchParams.get('day') ?? url.searchParams.get('date') },
      today,
    );

    // One month of free starts from the slot engine, grouped by the viewer's dates.
    const monthOfSlots = async (month: string) => {
      const range = monthRange(month, now);
      if (!range) return { days: {} as Record<string, DaySlot[]>, horizonEnd: null as string | null };
      const s = await client.catalog.slots.query({
        providerId: provider.id,
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        hours,
        viewerTimeZone: viewerZone,
      });
      const days: Record<string, DaySlot[]> = {};
      // The API sends each start once, packed; the labels are made here, where they are shown.
      for (const d of groupSlotsByDay(unpackSlotDays(s.days, s.lengthMin), viewerZone)) {
        if (d.date.slice(0, 7) === month && d.slots.length)
          days[d.date] = d.slots.map((x) => ({ start: x.start.toISOString(), label: x.label }));
      }
      return { days, horizonEnd: s.horizonEnd };
    };
    const slotsOfMonth = async () => {
      let month = asked.month;
      let got = await monthOfSlots(month);
      // Nothing left this month (late in the month, or fully booked): open on the next one.
      if (
        !asked.explicit &&
        Object.keys(got.days).length === 0 &&
        got.horizonEnd &&
        `${nextMonth(month)}-01` <= localDate(got.horizonEnd, viewerZone)
      ) {
        month = nextMonth(month);
        got = await monthOfSlots(month);
      }
      return { ok: true as const, month, ...got };
    };

    const [slots, quote, favourite] = await Promise.all([
      slotsOfMonth().catch((e: unknown) => ({
        ok: false as const,
        month: asked.month,
        days: {} as Record<string, DaySlot[]>,
        horizonEnd: null,
        message: describeApiError(e).message,
      })),
      client.catalog.quote.query({ providerId: provider.id, hours }),
      booksAsClient(locals.user)
        ? client.favourites.list
            .query()
            .then((list) => list.some((f) => f.id === provider.id))
            .catch(() => false)
        : Promise.resolve(false),
    ]);
    // The page lays the month out itself (month-view.ts) from these few facts: less HTML to send.
    const month = {
      month: slots.month,
      today,
      lastBookable: slots.horizonEnd ? localDate(slots.horizonEnd, viewerZone) : null,
      chosen: asked.day,
    };
    const wanted = url.searchParams.get('category');
    const category = provider.categories.find((c) => c.id === wanted || c.slug === wanted) ?? provider.categories[0] ?? null;
    return {
      provider,
      hours,
      // Worded here, so the page's JavaScript carries no policy tables, zone rules or schemas.
      hoursLabel: hoursText(hours),
      policy: describePolicy(provider.cancellationPolicy),
      quote,
      slots: slots.ok ? { ok: true as const, days: slots.days } : { ok: false as const, message: slots.message },
      month,
      viewerZone,
      zoneLabel: zoneLabel(viewerZone, now),
      providerZoneLabel: zoneLabel(provider.timeZone, now),
      selectedStart: url.searchParams.get('start'),
      // The service in links by its slug (`?category=plumbing`), never its id.
      categorySlug: category?.slug ?? null,
      favourite,
      canSave: !locals.user || booksAsClient(locals.user),
      origin: url.origin,
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

export const actions: Actions = {
  /** A question before booking (messages.ask): opens the conversation with this provider. */
  ask: async (event) => {
    if (!event.locals.user) redirect(303, signInHref(event.url));
    const body = String((await event.request.formData()).get('question') ?? '').trim();
    if (body.length === 0) return fail(400, { ask: { message: 'Write your question first.', question: body } });
    let enquiryId: string;
    try {
      enquiryId = (await api(event).messages.ask.mutate({ provider: event.params.slug, body })).enquiryId;
    } catch (e) {
      const d = describeApiError(e);
      return fail(d.httpStatus === 503 ? 503 : 400, { ask: { message: d.message, question: body } });
    }
    redirect(303, `/messages/enquiries/${enquiryId}`);
  },
};
