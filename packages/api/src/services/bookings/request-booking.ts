import { randomInt } from 'node:crypto';
import { feePolicyFor } from '@handled/core/payments';
import { priceBooking } from '@handled/core';
import { DomainError } from '@handled/core/errors';
import { policySnapshot, requestTransition, type Actor } from '@handled/core/booking';
import type { BookingRequest } from '@handled/core/schemas';
import { linkRequestPhotos, unsentRequestPhotos } from '../../repositories/attachments.ts';
import { insertBooking, insertBookingEvent } from '../../repositories/bookings.ts';
import { categoriesOfProvider, findProvider } from '../../repositories/providers.ts';
import { assertBookable } from '../availability.ts';
import { rowPatch } from './apply-command.ts';
import { enqueueEffects } from './effects.ts';
import type { ServiceDeps } from '../deps.ts';

const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function newReference(): string {
  let s = 'HD-';
  for (let i = 0; i < 6; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/**
 * A client asks for a slot. The slot is claimed in one write transaction that re-reads the
 * provider's busy time, applies the same rule that listed the slot, and inserts — so across
 * processes exactly one request wins an interval. The machine's initial transition decides the
 * status, the event, the expiry and the effects, as `applyCommand` does for every later change.
 */
export async function requestBooking(deps: ServiceDeps, clientId: string, input: BookingRequest) {
  const now = deps.now();
  const startsAt = new Date(input.startsAt);
  const lengthMin = Math.round(input.hours * 60);
  return deps.db.transaction(async (tx) => {
    const provider = await findProvider(tx, input.providerId);
    if (!provider || !provider.active) throw new DomainError('NOT_FOUND', 'That provider is not taking bookings.');
    if (provider.userId === clientId) throw new DomainError('FORBIDDEN', 'You cannot book yourself.');
    const cats = await categoriesOfProvider(tx, provider.userId);
    const category = cats.find((c) => c.id === input.categoryId || c.slug === input.categoryId);
    if (!category) throw new DomainError('INVALID_INPUT', `${provider.displayName} does not offer that service.`, { field: 'categoryId' });

    // The photos sent with the request must still be the client's and unsent (another request may take them).
    const photoIds = [...new Set(input.photoIds ?? [])];
    const photos = await unsentRequestPhotos(tx, clientId, photoIds);
    if (photos.length !== photoIds.length) throw new DomainError('INVALID_INPUT', 'One of your photos is no longer available. Remove it and add it again.', { field: 'photoIds' });

    const schedule = await assertBookable(tx, provider, startsAt, lengthMin, now);
    const endsAt = new Date(startsAt.getTime() + lengthMin * 60_000);
    const price = priceBooking({ hourlyRate: provider.hourlyRate, currency: provider.currency, hours: input.hours, taxBps: provider.taxBps, fees: feePolicyFor(category.slug) });
    const policy = policySnapshot(provider.cancellationPolicy);
    const client: Actor = { kind: 'client', userId: clientId };
    const draft = { clientId, providerId: provider.userId, startsAt, endsAt, requiresUpfrontPayment: provider.requiresUpfrontPayment, price, policy };
    const result = requestTransition(draft, client, now, { requestTtlHours: deps.config.requestTtlHours });

    const booking = await insertBooking(tx, {
      reference: newReference(),
      clientId,
      providerId: provider.userId,
      categoryId: category.id,
      status: result.to,
      startsAt,
      endsAt,
      blockStart: new Date(startsAt.getTime() - schedule.bufferBeforeMin * 60_000),
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
      ...rowPatch(result.patch),
    });
    await linkRequestPhotos(tx, photoIds, booking.id);
    const event = await insertBookingEvent(tx, {
      bookingId: booking.id,
      type: result.eventType,
      fromStatus: result.from,
      toStatus: result.to,
      actorKind: client.kind,
      actorId: clientId,
      data: { total: price.total, currency: price.currency, ...(photoIds.length ? { photos: photoIds.length } : {}) },
      at: now,
    });
    await enqueueEffects(tx, result.effects, booking, event.id, now);
    return booking;
  });
}
