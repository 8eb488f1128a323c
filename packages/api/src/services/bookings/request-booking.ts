import { randomInt, randomUUID } from 'node:crypto';
import { priceBooking } from '@handled/core';
import { DomainError } from '@handled/core/errors';
import { policySnapshot, requestTransition, type Actor } from '@handled/core/booking';
import { checkSlot, slotRejections, type SlotCheck } from '@handled/core/availability';
import type { BookingRequest } from '@handled/core/schemas';
import { writeTransaction } from '@handled/db';
import { linkRequestPhotosStatement, unsentRequestPhotos } from '../../repositories/attachments.ts';
import { newBookingStatements, type BookingRow } from '../../repositories/bookings.ts';
import { bookingTerms } from '../../repositories/providers.ts';
import { busyBetween, scheduleRules } from '../../repositories/availability.ts';
import { busyWindow, loadWindow } from '../slots.ts';
import { rowPatch } from './apply-command.ts';
import { effectToJob } from './effects.ts';
import { enqueueStatement, jobsCommitted } from '../jobs.ts';
import { feePolicyNow } from '../settings.ts';
import type { ServiceDeps } from '../deps.ts';

const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function newReference(): string {
  let s = 'HD-';
  for (let i = 0; i < 6; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

const photosGone = () =>
  new DomainError('INVALID_INPUT', 'One of your photos is no longer available. Remove it and add it again.', { field: 'photoIds' });

/** Refuses a start the rules do not allow, with the words the client sees. */
function refuse(verdict: Exclude<SlotCheck, { ok: true }>): never {
  if (verdict.reason === 'overlaps')
    throw new DomainError('SLOT_TAKEN', 'That time is no longer available. Please pick another slot.', { reason: verdict.reason });
  throw new DomainError('SLOT_UNAVAILABLE', verdict.message, { reason: verdict.reason });
}

/**
 * A client asks for a slot. Everything another request cannot change — who, which service, the
 * provider's rules, the price, the machine's initial transition (status, event, expiry, effects) —
 * is worked out before the write lock, with the same rule that listed the slot checked against a
 * fresh read (so a start that is too soon or outside the hours is refused without locking). Under
 * the lock only the busy time that could collide is read again — [start − buffers, end + buffers],
 * plus the day or week when the provider limits jobs per day or week — the same rule decides, and
 * the booking, its event and its jobs are written: across processes exactly one request wins an
 * interval, and the lock is held for a few small statements.
 */
export async function requestBooking(deps: ServiceDeps, clientId: string, input: BookingRequest) {
  const now = deps.now();
  const startsAt = new Date(input.startsAt);
  const start = startsAt.getTime();
  const lengthMin = Math.round(input.hours * 60);
  const lengthMs = lengthMin * 60_000;

  const provider = await bookingTerms(deps.db, input.providerId, input.categoryId);
  if (!provider || !provider.active) throw new DomainError('NOT_FOUND', 'That provider is not taking bookings.');
  if (provider.userId === clientId) throw new DomainError('FORBIDDEN', 'You cannot book yourself.');
  const category = provider.category;
  if (!category) throw new DomainError('INVALID_INPUT', `${provider.displayName} does not offer that service.`, { field: 'categoryId' });
  const photoIds = [...new Set(input.photoIds ?? [])];
  if (photoIds.length && (await unsentRequestPhotos(deps.db, clientId, photoIds)).length !== photoIds.length) throw photosGone();
  const rules = await scheduleRules(deps.db, provider.userId);
  if (!rules) throw new DomainError('SLOT_UNAVAILABLE', `${provider.displayName} has not published working hours yet.`);
  // The stretch whose busy time can collide with this job (null: too soon or beyond the horizon).
  const window = busyWindow(rules, start, start, lengthMs, now.getTime());
  const loaded = window && (await loadWindow(deps, provider.userId, rules, start, start, lengthMs, now.getTime()));
  const schedule = loaded ? loaded.schedule : rules;
  const early = checkSlot(schedule, loaded ? loaded.busy : [], startsAt, lengthMin, now);
  if (!early.ok) refuse(early);
  if (!window) throw new DomainError('SLOT_UNAVAILABLE', slotRejections.beyond_horizon, { reason: 'beyond_horizon' });

  const endsAt = new Date(start + lengthMs);
  const price = priceBooking({
    // The service's own rate where it has one; the snapshot keeps it, so a later change of rate moves no booking.
    hourlyRate: category.hourlyRate ?? provider.hourlyRate,
    currency: provider.currency,
    hours: input.hours,
    taxBps: provider.taxBps,
    // The operators' fee policy in force now (settings.fees); the snapshot keeps it for this booking.
    fees: await feePolicyNow(deps.db, category.slug),
  });
  const policy = policySnapshot(provider.cancellationPolicy);
  const client: Actor = { kind: 'client', userId: clientId };
  const draft = {
    clientId,
    providerId: provider.userId,
    startsAt,
    endsAt,
    requiresUpfrontPayment: provider.requiresUpfrontPayment,
    price,
    policy,
  };
  const result = requestTransition(draft, client, now, { requestTtlHours: deps.config.requestTtlHours });
  const row = {
    reference: newReference(),
    clientId,
    providerId: provider.userId,
    categoryId: category.id,
    status: result.to,
    startsAt,
    endsAt,
    blockStart: new Date(start - schedule.bufferBeforeMin * 60_000),
    blockEnd: new Date(endsAt.getTime() + schedule.bufferAfterMin * 60_000),
    timeZone: provider.timeZone,
    address: input.address,
    details: input.details,
    specialRequirements: input.specialRequirements,
    contactPhone: input.contactPhone,
    estimatedQuarterHours: price.quarterHours,
    currency: price.currency,
    total: price.total,
    price,
    requiresUpfrontPayment: provider.requiresUpfrontPayment,
    cancellationPolicy: policy as unknown as Record<string, unknown>,
    // On the services' clock, like the request's event: answer times (ranking, tiers, analytics) are measured from it.
    createdAt: now,
    ...rowPatch(result.patch),
  };

  // Everything written is built now, ids included, so that under the write lock only native calls
  // run: the busy read, the same rule, and the writes in one batch. No other process waits on this
  // one building SQL (or on it being descheduled meanwhile, on a busy machine).
  const booked = { id: randomUUID(), version: row.version ?? 1, startsAt };
  const eventId = randomUUID();
  const jobs = enqueueStatement(
    deps.db,
    result.effects.map((e) => effectToJob(e, booked, eventId)),
    now,
  );
  const linkPhotos = photoIds.length ? linkRequestPhotosStatement(deps.db, clientId, photoIds, booked.id) : null;
  const writes = [
    ...newBookingStatements(
      deps.db,
      { ...row, id: booked.id },
      {
        id: eventId,
        bookingId: booked.id,
        type: result.eventType,
        fromStatus: result.from,
        toStatus: result.to,
        actorKind: client.kind,
        actorId: clientId,
        data: { total: price.total, currency: price.currency, ...(photoIds.length ? { photos: photoIds.length } : {}) },
        at: now,
      },
    ),
    ...(linkPhotos ? [linkPhotos] : []),
    ...(jobs ? [jobs.statement] : []),
  ];

  await writeTransaction(deps.db, async (tx) => {
    // Holding the write lock, no other request can commit: a read now (on the prepared-read
    // connection; nothing is written yet in this transaction) sees every booking that could collide.
    const busy = await busyBetween(deps.db, provider.userId, window.from, window.to);
    const verdict = checkSlot(schedule, busy, startsAt, lengthMin, now);
    if (!verdict.ok) refuse(verdict);
    const done = await tx.batch(writes);
    // The photos sent with the request must still be the client's and unsent (another request may
    // have taken them): all of them linked, or nothing is written.
    if (linkPhotos && done[writes.indexOf(linkPhotos)]?.rowsAffected !== photoIds.length) throw photosGone();
  });
  jobsCommitted(jobs);
  return { id: booked.id, reference: row.reference, status: row.status, startsAt, endsAt } satisfies Pick<
    BookingRow,
    'id' | 'reference' | 'status' | 'startsAt' | 'endsAt'
  >;
}
