import { bookingStatusWords } from '@handled/core/booking';
import { DomainError } from '@handled/core/errors';
import type { SessionUser } from '../../context.ts';
import { saveJobProgress } from '../../repositories/bookings.ts';
import { findCategory } from '../../repositories/providers.ts';
import type { ServiceDeps } from '../deps.ts';
import { jobRecord } from './lifecycle.ts';
import { loadOwnedBooking } from './queries.ts';

export interface ProgressInput {
  id: string;
  /** Items ticked or unticked since the last save (only these change). */
  checklist?: { item: string; done: boolean }[] | undefined;
  /** The completion notes as typed so far (the client sees them once the job is completed). */
  notes?: string | undefined;
}

/**
 * The provider's job documentation while the job is under way — checklist items as they are
 * ticked, notes as they are written — kept on the booking so nothing depends on one device
 * (the desk sends them one by one, in order, also after working offline). Not a state change.
 */
export async function saveProgress(deps: ServiceDeps, user: SessionUser, input: ProgressInput) {
  await deps.db.transaction(async (tx) => {
    const current = await loadOwnedBooking(tx, user, input.id);
    if (current.providerId !== user.id) throw new DomainError('NOT_FOUND', 'We could not find that booking.');
    if (current.status !== 'in_progress')
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `The checklist and notes can be changed while the job is in progress; it is ${bookingStatusWords[current.status].state}.`,
        {
          from: current.status,
        },
      );
    const category = await findCategory(tx, current.categoryId);
    const template = category?.checklist ?? [];
    const changes = new Map((input.checklist ?? []).map((c) => [c.item.trim(), c.done]));
    const unknown = [...changes.keys()].filter((item) => !template.includes(item));
    if (unknown.length > 0)
      throw new DomainError('INVALID_INPUT', `"${unknown[0]}" is not on the ${category?.name ?? ''} checklist.`, {
        field: 'checklist',
        unknown,
      });
    const ticks = new Map((current.checklist ?? []).map((c) => [c.item, c.done]));
    await saveJobProgress(tx, current.id, {
      checklist: template.map((item) => ({ item, done: changes.get(item) ?? ticks.get(item) ?? false })),
      completionNotes: input.notes !== undefined ? input.notes.trim() : current.completionNotes,
    });
  });
  return jobRecord(deps, user, input.id);
}
