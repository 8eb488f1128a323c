import { describeApiError } from '@handled/client';
import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { parseHours } from '$lib/hours';
import { todayIn, zoneLabel } from '$lib/format';
import type { PageServerLoad } from './$types';

const DAYS_SHOWN = 14;

export const load: PageServerLoad = async (event) => {
  const { params, url, locals } = event;
  // The page refreshes its slots while open (others book them): see +page.svelte.
  event.depends('app:slots');
  const client = api(event);
  const hours = parseHours(url.searchParams.get('hours'));
  try {
    const provider = await client.catalog.provider.query({ id: params.slug });
    const viewerZone = locals.timeZone ?? provider.timeZone;
    const now = new Date();
    const to = new Date(now.getTime() + DAYS_SHOWN * 86_400_000);
    const [slots, quote, favourite] = await Promise.all([
      client.catalog.slots
        .query({ providerId: provider.id, from: now.toISOString(), to: to.toISOString(), hours, viewerTimeZone: viewerZone })
        .then((s) => ({ ok: true as const, days: s.days.map((d) => ({ date: d.date, slots: d.slots.map((x) => ({ start: new Date(x.start).toISOString(), label: x.label })) })) }))
        .catch((e: unknown) => ({ ok: false as const, message: describeApiError(e).message })),
      client.catalog.quote.query({ providerId: provider.id, hours }),
      locals.user?.role === 'client'
        ? client.favourites.list.query().then((list) => list.some((f) => f.id === provider.id)).catch(() => false)
        : Promise.resolve(false),
    ]);
    const wanted = url.searchParams.get('category');
    const category = provider.categories.find((c) => c.id === wanted || c.slug === wanted) ?? provider.categories[0] ?? null;
    return {
      provider,
      hours,
      quote,
      slots,
      today: todayIn(viewerZone, now),
      daysShown: DAYS_SHOWN,
      viewerZone,
      zoneLabel: zoneLabel(viewerZone, now),
      providerZoneLabel: zoneLabel(provider.timeZone, now),
      selectedDate: url.searchParams.get('date'),
      selectedStart: url.searchParams.get('start'),
      categoryId: category?.id ?? null,
      favourite,
      canSave: locals.user?.role !== 'provider',
      origin: url.origin,
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};
