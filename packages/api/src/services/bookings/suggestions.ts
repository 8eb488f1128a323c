import { checkSlot, nextAvailable } from '@handled/core/availability';
import type { DbOrTx } from '@handled/db';
import type { BookingRow } from '../../repositories/bookings.ts';
import { findProvider, searchProviders } from '../../repositories/providers.ts';
import { loadAvailability } from '../availability.ts';

export interface ProviderSuggestion {
  id: string;
  slug: string;
  displayName: string;
  ratingAvg: number;
  ratingCount: number;
  hourlyRate: number;
  currency: string;
  /** True when they are free at exactly the time the client asked for. */
  freeAtRequestedTime: boolean;
  /** The start offered: the requested time when free then, else their next free slot. */
  start: string;
}

const AREA_KM = 40;

/**
 * Other providers for a request that went unanswered: same category, whose service area covers
 * the place of the job (the booking's coordinates, else the original provider's base), checked
 * with the availability engine — free at the requested time first, then those free soonest.
 */
export async function alternativeProviders(db: DbOrTx, booking: BookingRow, now: Date, limit = 3): Promise<ProviderSuggestion[]> {
  const original = await findProvider(db, booking.providerId);
  const lat = booking.lat !== null ? booking.lat / 1e6 : original?.lat;
  const lng = booking.lng !== null ? booking.lng / 1e6 : original?.lng;
  if (lat === undefined || lng === undefined) return [];
  const candidates = (
    await searchProviders(db, { categoryId: booking.categoryId, near: { lat, lng, radiusKm: AREA_KM } }, 'best', 25, 0)
  ).filter((c) => c.id !== booking.providerId);
  const lengthMin = booking.estimatedQuarterHours * 15;
  const free: ProviderSuggestion[] = [];
  const later: ProviderSuggestion[] = [];
  for (const c of candidates) {
    if (free.length >= limit) break;
    const provider = await findProvider(db, c.id);
    if (!provider) continue;
    try {
      const { schedule, busy } = await loadAvailability(db, provider, booking.startsAt, booking.endsAt);
      const base = {
        id: c.id,
        slug: c.slug,
        displayName: c.displayName,
        ratingAvg: c.ratingAvg,
        ratingCount: c.ratingCount,
        hourlyRate: c.hourlyRate,
        currency: c.currency,
      };
      if (checkSlot(schedule, busy, booking.startsAt, lengthMin, now).ok) {
        free.push({ ...base, freeAtRequestedTime: true, start: booking.startsAt.toISOString() });
        continue;
      }
      if (later.length < limit) {
        const next = nextAvailable(schedule, busy, lengthMin, now);
        if (next) later.push({ ...base, freeAtRequestedTime: false, start: next.start.toISOString() });
      }
    } catch {
      // A provider without published hours is simply not suggested.
    }
  }
  later.sort((a, b) => a.start.localeCompare(b.start));
  return [...free, ...later].slice(0, limit);
}
