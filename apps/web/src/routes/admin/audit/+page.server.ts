import { z } from 'zod';
import { formatInZone } from '@handled/core/time-in-zone';
import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { checkForm, siteForm } from '$lib/server/form';
import { requireOperator } from '../admin.server';
import type { PageServerLoad } from './$types';

const filterForm = siteForm(
  z.object({
    actorId: z.string().trim().max(100),
    subjectType: z.union([z.literal(''), z.enum(['booking', 'user', 'review', 'setting'])]),
    action: z.string().trim().max(60),
    subjectId: z.string().trim().max(100),
  }),
);

/** The audit log: every operator action, newest first, filtered by who, what and about what. Read-only. */
export const load: PageServerLoad = async (event) => {
  const { zone } = requireOperator(event);
  const p = event.url.searchParams;
  const values = {
    actorId: p.get('actorId') ?? '',
    subjectType: p.get('subjectType') ?? '',
    action: p.get('action') ?? '',
    subjectId: p.get('subjectId') ?? '',
  };
  const checked = checkForm(filterForm, values);
  const f = checked.ok ? checked.data : { actorId: '', subjectType: '', action: '', subjectId: '' };
  try {
    const r = await api(event).operator.audit.query({
      ...(f.actorId ? { actorId: f.actorId } : {}),
      ...(f.subjectType ? { subjectType: f.subjectType } : {}),
      ...(f.action ? { action: f.action } : {}),
      ...(f.subjectId ? { subjectId: f.subjectId } : {}),
    });
    return {
      values,
      errors: checked.ok ? {} : checked.errors,
      operators: r.operators,
      entries: r.entries.map((e) => ({ ...e, when: formatInZone(e.at, zone, 'stamp') })),
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};
