import { z } from 'zod';
import { bookingStatuses } from '@handled/core/booking';
import { formatMinor } from '@handled/core/money';
import { formatInZone } from '@handled/core/time-in-zone';
import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { checkForm, siteForm, type FormErrors } from '$lib/server/form';
import { requireOperator } from '../admin.server';
import type { PageServerLoad } from './$types';

/** The search form (GET): words, a status, a range of start dates. */
const searchForm = siteForm(
  z.object({
    q: z.string().trim().max(200, 'At most 200 characters'),
    status: z.union([z.literal(''), z.enum(bookingStatuses)]),
    from: z.union([z.literal(''), z.iso.date('A date like 2026-12-03')]),
    to: z.union([z.literal(''), z.iso.date('A date like 2026-12-03')]),
  }),
);

export const load: PageServerLoad = async (event) => {
  const { zone } = requireOperator(event);
  const p = event.url.searchParams;
  const values = { q: p.get('q') ?? '', status: p.get('status') ?? '', from: p.get('from') ?? '', to: p.get('to') ?? '' };
  const checked = checkForm(searchForm, values);
  const asked = Object.values(values).some((v) => v !== '');
  const none: FormErrors<keyof typeof values> = {};
  if (!checked.ok) return { zone, values, errors: checked.errors, asked, results: null, statuses: bookingStatuses };
  if (!asked) return { zone, values, errors: none, asked, results: null, statuses: bookingStatuses };
  try {
    const d = checked.data;
    const r = await api(event).operator.search.query({
      ...(d.q ? { q: d.q } : {}),
      ...(d.status ? { status: d.status } : {}),
      ...(d.from ? { from: d.from } : {}),
      ...(d.to ? { to: d.to } : {}),
    });
    return {
      zone,
      values,
      errors: none,
      asked,
      statuses: bookingStatuses,
      results: {
        bookings: r.bookings.map((b) => ({
          ...b,
          when: formatInZone(b.startsAt, b.timeZone, 'stamp'),
          money: formatMinor(b.total, b.currency),
        })),
        people: r.people,
      },
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};
