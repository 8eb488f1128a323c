import { error, redirect } from '@sveltejs/kit';
import { describeApiError } from '@handled/client';
import { maxRequestPhotos, postalCodePatterns } from '@handled/core/schemas';
import { formatSpan, localDate, zoneLabel } from '@handled/core/time-in-zone';
import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { bookingForm, type BookingFormValues } from '$lib/server/booking-form';
import { checkForm, readForm, refuse, refuseFromApi } from '$lib/server/form';
import { uploadRequestPhotos } from '$lib/server/request-photos';
import { apiUrl } from '$lib/server/env';
import { parseHours } from '$lib/hours';
import { hoursText } from '$lib/format';
import { describePolicy } from '$lib/policy';
import { unpackSlotDays } from '@handled/core/availability';
import { dropDraft, keepDraft, readDraft } from './booking-draft.server';
import type { Actions, PageServerLoad } from './$types';
import { viewerZone as pickZone } from '$lib/server/viewer-zone';
import { booksAsClient } from '$lib/server/session';

const SLOT_ERRORS = new Set(['SLOT_TAKEN', 'SLOT_UNAVAILABLE']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/**
 * The booking request page is public (and indexable): anyone sees the form and the price. Sending
 * needs a client account — a signed-out visitor is asked to sign in and comes back to the same
 * page with what they typed (kept in a short-lived cookie, so this works without JavaScript).
 */
export const load: PageServerLoad = async (event) => {
  const { params, url, locals, cookies } = event;
  if (locals.user && !booksAsClient(locals.user))
    error(403, { message: 'Bookings are made from a client account. Sign out and sign in as a client to book.' });

  const hours = parseHours(url.searchParams.get('hours'));
  const start = url.searchParams.get('start');
  const startDate = start && !Number.isNaN(new Date(start).getTime()) ? new Date(start) : null;

  const client = api(event);
  try {
    const provider = await client.catalog.provider.query({ id: params.slug });
    const viewerZone = pickZone(locals, provider.timeZone);
    const wanted = url.searchParams.get('category');
    const category = provider.categories.find((c) => c.id === wanted || c.slug === wanted) ?? provider.categories[0];
    if (!category) error(404, { message: `${provider.displayName} is not taking bookings right now.` });
    const startsAt = startDate?.toISOString() ?? '';
    const endsAt = startDate ? new Date(startDate.getTime() + hours * 3_600_000).toISOString() : '';
    const back = `/providers/${provider.slug}?${new URLSearchParams({
      hours: String(hours),
      ...(wanted ? { category: wanted } : {}),
      ...(startDate ? { day: localDate(startsAt, viewerZone), start: startsAt } : {}),
    }).toString()}`;

    const books = booksAsClient(locals.user);
    const [quote, slotFree, past, saved] = await Promise.all([
      client.catalog.quote.query({ providerId: provider.id, hours }),
      // Is the time still free? The same rule decides when the request is made; this only warns early.
      startDate
        ? client.catalog.slots
            .query({
              providerId: provider.id,
              from: startsAt,
              to: new Date(startDate.getTime() + 60_000).toISOString(),
              hours,
              viewerTimeZone: viewerZone,
            })
            .then((s) => unpackSlotDays(s.days, s.lengthMin).some((x) => x.start.getTime() === startDate.getTime()))
            .catch(() => true)
        : Promise.resolve(true),
      books ? client.bookings.mine.query({ scope: 'all' }).catch(() => []) : Promise.resolve([]),
      // The phone and default address kept on the account (/account) fill the form.
      books ? client.account.bookingDefaults.query().catch(() => null) : Promise.resolve(null),
    ]);
    // Back from signing in: what they typed before. Else the account's default address, else the last booking's.
    const resumed = locals.user ? readDraft(cookies) : null;
    const last = saved?.address?.address ?? past.find((b) => b.address?.line1)?.address;
    const defaults: BookingFormValues = resumed
      ? { ...resumed, providerId: provider.id, categoryId: category.id, startsAt, hours: String(hours) }
      : {
          providerId: provider.id,
          categoryId: category.id,
          startsAt,
          hours: String(hours),
          details: '',
          specialRequirements: '',
          line1: last?.line1 ?? '',
          line2: last?.line2 ?? '',
          city: last?.city ?? provider.city,
          region: last?.region ?? provider.region ?? '',
          postalCode: last?.postalCode ?? '',
          country: last?.country ?? provider.country,
          contactPhone: saved?.phone ?? '',
        };
    return {
      provider: {
        id: provider.id,
        slug: provider.slug,
        displayName: provider.displayName,
        photoUrl: provider.photoUrl,
        ratingAvg: provider.ratingAvg,
        ratingCount: provider.ratingCount,
        cancellationPolicy: provider.cancellationPolicy,
        city: provider.city,
        hourlyRate: provider.hourlyRate,
        currency: provider.currency,
        categories: provider.categories.map((c) => c.name),
      },
      category,
      hours,
      // Worded here, so the page's JavaScript carries no policy tables, zone rules or schemas.
      hoursLabel: hoursText(hours),
      policy: describePolicy(provider.cancellationPolicy),
      startsAt,
      when: startDate ? formatSpan(startsAt, endsAt, viewerZone) : null,
      viewerZone,
      zoneLabel: zoneLabel(viewerZone, startDate ?? new Date()),
      quote,
      slotFree,
      back,
      defaults,
      resumed: resumed !== null,
      signedIn: !!locals.user,
      maxPhotos: maxRequestPhotos,
      canonical: `${url.origin}/providers/${provider.slug}/book`,
      countries: Object.entries(postalCodePatterns).map(([code, r]) => ({ code, example: r.example, name: regionNames.of(code) ?? code })),
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

export const actions: Actions = {
  request: async (event) => {
    const { locals, url, cookies } = event;
    const data = await event.request.formData();
    const values = readForm(bookingForm, data);
    if (!locals.user) {
      // Keep what was typed, sign in, come back to this page (its query without the action's).
      keepDraft(cookies, url.pathname, values, url.protocol === 'https:');
      const query = [...url.searchParams].filter(([k]) => !k.startsWith('/'));
      const back = `${url.pathname}${query.length ? `?${new URLSearchParams(query).toString()}` : ''}`;
      redirect(303, `/signin?next=${encodeURIComponent(back)}`);
    }
    // Photos first (files sent without JavaScript are uploaded now): a refusal below keeps them.
    const photos = await uploadRequestPhotos(event.request, data, apiUrl());
    const kept = { photoIds: photos.ids, photoError: photos.error };
    const checked = checkForm(bookingForm, values);
    if (!checked.ok) return refuse(bookingForm, { ...checked, ...kept });
    if (photos.error) return refuse(bookingForm, { values, message: photos.error, ...kept });
    const input = { ...checked.data, photoIds: photos.ids };

    // The address against the offline postal-code data and the provider's service area.
    try {
      const area = await api(event).discovery.checkAddress.query({
        providerId: input.providerId,
        country: input.address.country,
        postalCode: input.address.postalCode,
      });
      if (!area.ok) return refuse(bookingForm, { values, errors: { [area.field]: area.message }, ...kept });
    } catch {
      // The check only helps the client; the request goes on without it if it cannot run.
    }

    let bookingId: string;
    try {
      const booking = await api(event).bookings.request.mutate(input);
      bookingId = booking.id;
    } catch (e) {
      const info = describeApiError(e);
      // A taken time is said beside the time (the page offers others), not above the form.
      if (info.domainCode && SLOT_ERRORS.has(info.domainCode))
        return refuse(bookingForm, { values, message: null, slotTaken: info.message, ...kept }, info.httpStatus);
      return refuseFromApi(bookingForm, e, { values, ...kept });
    }
    dropDraft(event.cookies, event.url.pathname);
    redirect(303, `/bookings/${bookingId}?requested=1`);
  },
};
