import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@handled/db';
import { bookings, users } from '@handled/db/schema';
import { bookingParties, joinParties, type BookingStatus } from './bookings.ts';

export interface JobHistoryFilter {
  providerId: string;
  /** Words to find in the client's name, the reference, the category, the address or the details. */
  q?: string | undefined;
  clientId?: string | undefined;
  statuses?: readonly BookingStatus[] | undefined;
  /** Starts at or after / before these instants. */
  from?: Date | undefined;
  to?: Date | undefined;
  /** The booking's total (what the client pays), in minor units. */
  minTotal?: number | undefined;
  maxTotal?: number | undefined;
  /** `past`: over at `now` (latest first); `upcoming`: not over yet (soonest first); `all`: latest first. */
  scope: 'past' | 'upcoming' | 'all';
  now: Date;
}

const likeEscaped = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(f: JobHistoryFilter): SQL[] {
  const conds: SQL[] = [eq(bookings.providerId, f.providerId)];
  if (f.clientId) conds.push(eq(bookings.clientId, f.clientId));
  if (f.statuses?.length) conds.push(inArray(bookings.status, [...f.statuses]));
  if (f.from) conds.push(gte(bookings.startsAt, f.from));
  if (f.to) conds.push(lt(bookings.startsAt, f.to));
  if (f.minTotal !== undefined) conds.push(gte(bookings.total, f.minTotal));
  if (f.maxTotal !== undefined) conds.push(sql`${bookings.total} <= ${f.maxTotal}`);
  if (f.scope === 'past') conds.push(and(lt(bookings.endsAt, f.now), sql`${bookings.status} <> 'in_progress'`)!);
  if (f.scope === 'upcoming') conds.push(or(gte(bookings.endsAt, f.now), eq(bookings.status, 'in_progress'))!);
  // Every word must be found somewhere: "maya tap" finds Maya's leaking-tap job.
  for (const word of (f.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 6)) {
    const w = likeEscaped(word);
    const fields = [
      sql`lower(${bookingParties.client.name})`,
      sql`lower(${bookings.reference})`,
      sql`lower(${bookingParties.category.name})`,
      sql`lower(${bookings.details})`,
      sql`lower(json_extract(${bookings.address}, '$.line1'))`,
      sql`lower(json_extract(${bookings.address}, '$.city'))`,
      sql`lower(json_extract(${bookings.address}, '$.postalCode'))`,
    ];
    conds.push(
      sql`(${sql.join(
        fields.map((field) => sql`${field} like ${w} escape '\\'`),
        sql` or `,
      )})`,
    );
  }
  return conds;
}

/** One page of a provider's jobs matching the filter, with their parties, and how many match in all. */
export async function jobHistoryPage(db: DbOrTx, filter: JobHistoryFilter, page: { offset: number; limit: number }) {
  const where = and(...conditions(filter));
  const order = filter.scope === 'upcoming' ? asc(bookings.startsAt) : desc(bookings.startsAt);
  const [rows, [count]] = await Promise.all([
    joinParties(
      db
        .select({ booking: bookings, ...bookingParties })
        .from(bookings)
        .$dynamic(),
    )
      .where(where)
      .orderBy(order, asc(bookings.id))
      .limit(page.limit)
      .offset(page.offset),
    joinParties(
      db
        .select({ n: sql<number>`count(*)` })
        .from(bookings)
        .$dynamic(),
    ).where(where),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** The clients a provider has had bookings with, most bookings first (the history's client filter). */
export async function clientsOfProvider(db: DbOrTx, providerId: string, limit = 200) {
  const n = sql<number>`count(*)`;
  return db
    .select({ id: users.id, name: users.name, bookings: n })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.clientId))
    .where(eq(bookings.providerId, providerId))
    .groupBy(users.id, users.name)
    .orderBy(desc(n), asc(users.name))
    .limit(limit);
}
