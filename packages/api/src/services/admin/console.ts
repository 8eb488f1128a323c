import { randomUUID } from 'node:crypto';
import { allowedCommands, type BookingCommand, type BookingStatus, type OperatorRefund } from '@handled/core/booking';
import { DomainError } from '@handled/core/errors';
import { formatMoney } from '@handled/core/money';
import { localToUtc } from '@handled/core/zone';
import { isListed } from '@handled/core/onboarding';
import { formatStamp } from '@handled/core/time-in-zone';
import type { Tx } from '@handled/db';
import type { SessionUser } from '../../context.ts';
import { usersNamed } from '../../repositories/audit.ts';
import { amountPaidFor, bookingReferences, bookingWithParties, findBooking, type BookingRow } from '../../repositories/bookings.ts';
import { insertProviderReview, updateListing } from '../../repositories/listings.ts';
import {
  attachmentsOfBooking,
  auditFiltered,
  auditMentioningBooking,
  bookingsOfPerson,
  countMessagesOf,
  deleteSessionsOf,
  eventsOf,
  invoicesOf,
  ledgerRowsOfBooking,
  messagesOfBooking,
  notificationsOfBooking,
  openBookingsOfProvider,
  operatorQueues,
  operatorsList,
  paymentsOf,
  paymentsOfPerson,
  payoutsOf,
  payoutsOfPerson,
  personById,
  refundsOf,
  reviewsAbout,
  searchBookings,
  searchPeople,
  sessionsOf,
  setEmailVerified,
  setSuspension,
  telegramLinkOf,
  vettingDecisionsOf,
  type AuditFilter,
} from '../../repositories/operator.ts';
import { findProvider } from '../../repositories/providers.ts';
import { pendingChange } from '../../repositories/booking-changes.ts';
import { auditView, recordAudit } from '../audit.ts';
import { applyCommand } from '../bookings/apply-command.ts';
import { applyChange } from '../bookings/changes.ts';
import { changeBlockedReason } from '../bookings/change-rules.ts';
import { toSnapshot } from '../bookings/snapshot.ts';
import type { ServiceDeps } from '../deps.ts';
import { defaultSupportRefundLimit, limitSettings } from '../settings.ts';
import { refuseAboveLimit } from './limits.ts';
import { creditsOfClient, creditTxId } from './credits.ts';
import { enqueue } from '../jobs.ts';
import { listingFactsOf } from '../onboarding/listing.ts';
import { connectView } from '../payments/connect.ts';
import { adminOverview } from '../payments/admin-views.ts';
import { explainMyRanking } from '../reputation/explain.ts';

/*
 * The operator console (issue 18): search, a booking's and a person's whole record, and the
 * actions an operator takes — each with a reason, in one transaction with its audit entry, every
 * booking change through the state machine.
 */

/** Support's refund limit until an admin changes it (the `limits` setting on /admin/settings); admins any amount. */
export const supportRefundLimit = defaultSupportRefundLimit;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** An instant as the wall clock in `zone`, `YYYY-MM-DDTHH:MM` (what a datetime-local field shows). */
function wallClock(at: Date, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
const openStatuses: readonly BookingStatus[] = ['requested', 'accepted', 'confirmed'];

/** Bookings (by code, client or provider email or name, status, dates) and people, in one answer. */
export async function operatorSearch(
  deps: ServiceDeps,
  input: { q?: string | undefined; status?: BookingStatus | undefined; from?: string | undefined; to?: string | undefined },
) {
  const q = input.q?.trim() ?? '';
  const [bookings, people] = await Promise.all([
    searchBookings(deps.db, {
      q,
      statuses: input.status ? [input.status] : undefined,
      from: input.from ? new Date(input.from) : undefined,
      to: input.to ? new Date(input.to) : undefined,
      limit: 50,
    }),
    q.length >= 2 ? searchPeople(deps.db, q, 20) : Promise.resolve([]),
  ]);
  return {
    bookings: bookings.map((b) => ({ ...b, startsAt: b.startsAt.toISOString(), total: Number(b.total) })),
    people: people.map((p) => ({ ...p, suspendedAt: iso(p.suspendedAt), deletedAt: iso(p.deletedAt) })),
  };
}

async function auditRowsView(deps: ServiceDeps, rows: Awaited<ReturnType<typeof auditFiltered>>) {
  const of = (type: string) => [...new Set(rows.filter((r) => r.subjectType === type).map((r) => r.subjectId))];
  const [names, refs] = await Promise.all([
    usersNamed(deps.db, [...rows.map((r) => r.actorId).filter((x): x is string => !!x), ...of('user')]),
    bookingReferences(deps.db, of('booking')),
  ]);
  const references = new Map(refs.map((r) => [r.id, r.reference]));
  // What the entry is about, in words an operator recognises: a booking's code, a person's name.
  const subjectLabel = (r: (typeof rows)[number]) =>
    r.subjectType === 'booking'
      ? (references.get(r.subjectId) ?? null)
      : r.subjectType === 'user'
        ? (names.get(r.subjectId) ?? null)
        : null;
  return rows.map((r) => ({ ...auditView(r, names), subjectLabel: subjectLabel(r) }));
}

/** A booking's whole record for an operator: parties, both zones, money with ledger rows, timeline, photos, checklist, audit. */
export async function operatorBooking(deps: ServiceDeps, bookingId: string) {
  const found = await bookingWithParties(deps.db, bookingId);
  if (!found) throw new DomainError('NOT_FOUND', 'We could not find that booking.');
  const { booking, client, provider, category } = found;
  const [events, invoices, payments, refunds, payouts, ledger, notes, photos, messageCount, audit] = await Promise.all([
    eventsOf(deps.db, bookingId),
    invoicesOf(deps.db, bookingId),
    paymentsOf(deps.db, bookingId),
    refundsOf(deps.db, bookingId),
    payoutsOf(deps.db, bookingId),
    ledgerRowsOfBooking(deps.db, bookingId),
    notificationsOfBooking(deps.db, bookingId),
    attachmentsOfBooking(deps.db, bookingId),
    countMessagesOf(deps.db, bookingId),
    auditMentioningBooking(deps.db, bookingId, 100),
  ]);
  const names = await usersNamed(deps.db, [client.id, provider.id, ...events.map((e) => e.actorId).filter((x): x is string => !!x)]);
  const when = (d: Date) => ({
    at: d.toISOString(),
    client: `${formatStamp(d, client.timeZone)} (${client.timeZone})`,
    provider: `${formatStamp(d, provider.timeZone)} (${provider.timeZone})`,
  });
  const snapshot = toSnapshot(booking, found.amountPaid);
  const now = deps.now();
  const limits = await limitSettings(deps.db);
  const posted = new Set(ledger.map((l) => l.txId));
  return {
    id: booking.id,
    reference: booking.reference,
    status: booking.status,
    paymentStatus: booking.paymentStatus,
    version: booking.version,
    startsAt: when(booking.startsAt),
    endsAt: when(booking.endsAt),
    /** The job's zone (the provider's when booked): an operator's move is typed in it. */
    jobZone: booking.timeZone,
    /** The start as the job's wall clock, `YYYY-MM-DDTHH:MM`, for the move form. */
    startsAtLocal: wallClock(booking.startsAt, booking.timeZone),
    createdAt: booking.createdAt.toISOString(),
    hours: booking.estimatedQuarterHours / 4,
    address: booking.address,
    details: booking.details,
    checklist: booking.checklist,
    completionNotes: booking.completionNotes,
    cancellationReason: booking.cancellationReason,
    category: { name: category.name, slug: category.slug },
    client: { id: client.id, name: client.name, email: client.email, timeZone: client.timeZone },
    provider: { id: provider.id, name: provider.displayName, email: provider.email, timeZone: provider.timeZone },
    price: booking.price,
    currency: booking.currency,
    amountPaid: found.amountPaid,
    invoices: invoices.map((i) => ({
      id: i.id,
      number: i.number,
      status: i.status,
      total: i.total,
      amountPaid: i.amountPaid,
      hostedUrl: i.hostedUrl,
      stripeInvoiceId: i.stripeInvoiceId,
      createdAt: i.createdAt.toISOString(),
    })),
    payments: payments.map((p) => ({ id: p.id, amount: p.amount, refunded: p.refunded, status: p.status, paidAt: p.paidAt.toISOString() })),
    refunds: refunds.map((r) => ({
      id: r.id,
      amount: r.amount,
      reason: r.reason,
      status: r.status,
      stripeRefundId: r.stripeRefundId,
      createdAt: r.createdAt.toISOString(),
    })),
    payouts: payouts.map((p) => ({ id: p.id, amount: p.amount, status: p.status, amountReversed: p.amountReversed })),
    ledger: ledger.map((l) => ({ txId: l.txId, account: l.account, amount: l.amount, kind: l.kind, at: l.at.toISOString() })),
    timeline: events.map((e) => ({
      id: e.id,
      type: e.type,
      from: e.fromStatus,
      to: e.toStatus,
      actor: e.actorKind,
      actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
      reason: e.reason,
      at: e.at.toISOString(),
    })),
    notifications: notes.map((n) => ({
      ...n,
      to: names.get(n.userId) ?? n.userId,
      sentAt: iso(n.sentAt),
      createdAt: n.createdAt.toISOString(),
    })),
    photos: photos.map((p) => ({ id: p.id, kind: p.kind, url: `/files/${p.id}`, createdAt: p.createdAt.toISOString() })),
    messageCount,
    /** What the machine lets an operator do now. */
    commands: allowedCommands(snapshot, { kind: 'admin' }, now).filter(
      (c) => c === 'cancel' || c === 'resolve_dispute' || c === 'mark_no_show',
    ),
    /** Why the booking cannot be moved now (null: it can), as a reschedule by the parties would be refused. */
    moveBlocked: changeBlockedReason(booking, now),
    /** Support's limit on refunds and credits (the `limits` setting), for the forms to say. */
    supportRefundLimit: limits.supportRefundLimit,
    /** Goodwill credits asked on this booking: posted once Stripe's customer balance holds them. */
    credits: audit
      .filter((a) => a.action === 'booking.credit' && a.subjectId === booking.id)
      .map((a) => ({
        id: a.id,
        amount: Number((a.after as { credit?: number } | null)?.credit ?? 0),
        reason: a.reason,
        status: posted.has(creditTxId(a.id)) ? ('posted' as const) : ('pending' as const),
        at: a.at.toISOString(),
      })),
    audit: await auditRowsView(deps, audit),
  };
}

/** The booking's messages, read-only; opening them is logged with the reason. */
export async function readBookingMessages(deps: ServiceDeps, user: SessionUser, input: { bookingId: string; reason: string }) {
  const booking = await findBooking(deps.db, input.bookingId);
  if (!booking) throw new DomainError('NOT_FOUND', 'We could not find that booking.');
  await deps.db.transaction(async (tx) => {
    await recordAudit(
      tx,
      { actor: user, action: 'booking.messages_read', subjectType: 'booking', subjectId: booking.id, reason: input.reason },
      deps.now(),
    );
  });
  const rows = await messagesOfBooking(deps.db, booking.id);
  const names = await usersNamed(
    deps.db,
    rows.map((r) => r.senderId),
  );
  return rows.map((m) => ({
    id: m.id,
    sender: names.get(m.senderId) ?? 'Someone',
    side: m.senderId === booking.clientId ? 'client' : 'provider',
    body: m.body,
    hasAttachment: !!m.attachmentId,
    at: m.createdAt.toISOString(),
  }));
}

/**
 * An operator's action on one booking: the booking read in the transaction that makes the change
 * and its audit entry (`act`), then the booking's page as the console shows it.
 */
async function onBooking(deps: ServiceDeps, bookingId: string, act: (tx: Tx, booking: BookingRow, now: Date) => Promise<void>) {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const booking = await findBooking(tx, bookingId);
    if (!booking) throw new DomainError('NOT_FOUND', 'We could not find that booking.');
    await act(tx, booking, now);
  });
  return operatorBooking(deps, bookingId);
}

/** A command through the machine as the operator; a refund it makes is held to the operator's limit (support's). */
async function adminCommand(
  tx: Tx,
  user: SessionUser,
  booking: BookingRow,
  cmd: BookingCommand,
  now: Date,
  extra?: Parameters<typeof applyCommand>[5],
) {
  const out = await applyCommand(tx, booking, cmd, { kind: 'admin', userId: user.id }, now, extra);
  if (out.result.patch.refundAmount !== undefined) await refuseAboveLimit(tx, user, out.result.patch.refundAmount, booking.currency);
  return out;
}

/** An operator cancels through the machine with the refund they chose; audited in the same transaction. */
export async function operatorCancel(
  deps: ServiceDeps,
  user: SessionUser,
  input: { bookingId: string; reason: string; refund: OperatorRefund },
) {
  return onBooking(deps, input.bookingId, async (tx, booking, now) => {
    const paid = await amountPaidFor(tx, booking.id);
    const refundAsked = input.refund.kind === 'custom' ? input.refund.amount : input.refund.kind === 'full' ? paid : 0;
    await refuseAboveLimit(tx, user, refundAsked, booking.currency);
    const { booking: after, result } = await adminCommand(
      tx,
      user,
      booking,
      { type: 'cancel', reason: input.reason, refund: input.refund },
      now,
    );
    await recordAudit(
      tx,
      {
        actor: user,
        action: 'booking.cancel',
        subjectType: 'booking',
        subjectId: booking.id,
        reason: input.reason,
        before: { status: booking.status, paid },
        after: {
          status: after.status,
          refund: result.patch.refundAmount ?? 0,
          fee: after.cancellationFee ?? 0,
          refundChoice: input.refund.kind,
        },
      },
      now,
    );
  });
}

/** Resolves a disputed booking as completed (the provider is paid) or cancelled (the client refunded). */
export async function operatorResolveDispute(
  deps: ServiceDeps,
  user: SessionUser,
  input: { bookingId: string; outcome: 'completed' | 'cancelled'; reason: string },
) {
  return onBooking(deps, input.bookingId, async (tx, booking, now) => {
    if (input.outcome === 'cancelled') await refuseAboveLimit(tx, user, await amountPaidFor(tx, booking.id), booking.currency);
    const { booking: after } = await adminCommand(tx, user, booking, { type: 'resolve_dispute', outcome: input.outcome }, now, {
      cancellationReason: input.outcome === 'cancelled' ? input.reason : booking.cancellationReason,
    });
    await recordAudit(
      tx,
      {
        actor: user,
        action: 'booking.resolve_dispute',
        subjectType: 'booking',
        subjectId: booking.id,
        reason: input.reason,
        before: { status: booking.status },
        after: { status: after.status, outcome: input.outcome },
      },
      now,
    );
  });
}

/**
 * An operator moves a booking to a new start (typed as the job's wall clock, in its zone), with a
 * reason: the same write as a reschedule the parties agree on (`applyChange`: checked against the
 * provider's hours, buffers and other bookings with this one left out, the `booking.changed` event,
 * the calendar update, a new reminder or expiry, both sides told), audited before and after, in
 * one transaction. A change one side proposed must be answered first.
 */
export async function operatorMove(
  deps: ServiceDeps,
  user: SessionUser,
  input: { bookingId: string; startsAtLocal: string; reason: string },
) {
  return onBooking(deps, input.bookingId, async (tx, booking, now) => {
    const local = Date.parse(`${input.startsAtLocal}:00Z`);
    if (Number.isNaN(local)) throw new DomainError('INVALID_INPUT', 'Pick a new start, like 2026-12-10 14:30.', { field: 'startsAt' });
    const startsAt = new Date(localToUtc(booking.timeZone, local));
    if (wallClock(startsAt, booking.timeZone) !== input.startsAtLocal)
      throw new DomainError(
        'INVALID_INPUT',
        `${input.startsAtLocal.replace('T', ' ')} does not exist in ${booking.timeZone} (the clocks change then).`,
        {
          field: 'startsAt',
        },
      );
    if (startsAt.getTime() === booking.startsAt.getTime())
      throw new DomainError('INVALID_INPUT', 'That is when the booking already starts. Pick another time.', { field: 'startsAt' });
    const pending = await pendingChange(tx, booking.id);
    if (pending)
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `The ${pending.proposedBy === booking.clientId ? 'client' : 'provider'} proposed a change that waits for an answer; it must be accepted, rejected or withdrawn first.`,
        { field: 'startsAt', changeId: pending.id },
      );
    const { booking: after } = await applyChange(
      tx,
      booking,
      { startsAt, quarterHours: null, details: null },
      { kind: 'admin', userId: user.id, reason: input.reason },
      now,
    );
    await recordAudit(
      tx,
      {
        actor: user,
        action: 'booking.move',
        subjectType: 'booking',
        subjectId: booking.id,
        reason: input.reason,
        before: { startsAt: booking.startsAt.toISOString(), endsAt: booking.endsAt.toISOString(), zone: booking.timeZone },
        after: { startsAt: after.startsAt.toISOString(), endsAt: after.endsAt.toISOString(), zone: booking.timeZone },
      },
      now,
    );
  });
}

/**
 * An operator marks a no-show through the machine (`mark_no_show` by admin, naming who was absent):
 * the client absent keeps the fee a cancellation now would cost; the provider absent refunds
 * everything and marks their reliability. Audited with the reason, in one transaction.
 */
export async function operatorNoShow(
  deps: ServiceDeps,
  user: SessionUser,
  input: { bookingId: string; absent: 'client' | 'provider'; reason: string },
) {
  return onBooking(deps, input.bookingId, async (tx, booking, now) => {
    const paid = await amountPaidFor(tx, booking.id);
    const { booking: after, result } = await adminCommand(
      tx,
      user,
      booking,
      { type: 'mark_no_show', absent: input.absent, reason: input.reason },
      now,
    );
    await recordAudit(
      tx,
      {
        actor: user,
        action: 'booking.no_show',
        subjectType: 'booking',
        subjectId: booking.id,
        reason: input.reason,
        before: { status: booking.status, paid },
        after: { status: after.status, absent: input.absent, refund: result.patch.refundAmount ?? 0, fee: after.cancellationFee ?? 0 },
      },
      now,
    );
  });
}

/**
 * A manual refund of part (or all) of what the client paid, with a reason: the audit entry and the
 * refund job are written together; the job refunds on Stripe, writes the credit note and posts the
 * ledger (`refund:op:<audit id>`), so the ledger and Stripe agree (reconciliation checks it).
 */
export async function operatorRefund(deps: ServiceDeps, user: SessionUser, input: { bookingId: string; amount: number; reason: string }) {
  const now = deps.now();
  const entry = await deps.db.transaction(async (tx) => {
    const booking = await findBooking(tx, input.bookingId);
    if (!booking) throw new DomainError('NOT_FOUND', 'We could not find that booking.');
    const paid = await amountPaidFor(tx, booking.id);
    if (paid <= 0)
      throw new DomainError('INVALID_INPUT', 'Nothing has been paid on this booking, so there is nothing to refund.', { field: 'amount' });
    if (input.amount > paid)
      throw new DomainError('INVALID_INPUT', `At most ${formatMoney({ amount: paid, currency: booking.currency })} can be refunded.`, {
        field: 'amount',
        paid,
      });
    await refuseAboveLimit(tx, user, input.amount, booking.currency);
    const row = await recordAudit(
      tx,
      {
        actor: user,
        action: 'booking.refund',
        subjectType: 'booking',
        subjectId: booking.id,
        reason: input.reason,
        before: { paid },
        after: { refund: input.amount, currency: booking.currency, paidAfter: paid - input.amount },
      },
      now,
    );
    await enqueue(
      tx,
      {
        type: 'payment.refund',
        payload: { bookingId: booking.id, eventId: `op:${row.id}`, amount: input.amount, reason: input.reason.slice(0, 200) },
        key: `payment.refund:op:${row.id}`,
      },
      now,
    );
    return row;
  });
  // The refund job keys its Stripe calls by `refund:op:<audit id>` and posts the ledger as `refund:refund:op:<audit id>`.
  return { auditId: entry.id, intentKey: `refund:op:${entry.id}` };
}

/** A person's page: account, bookings, payments, reviews both ways, sign-ins, linked channels, listing, audit. */
export async function operatorPerson(deps: ServiceDeps, userId: string) {
  const found = await personById(deps.db, userId);
  if (!found) throw new DomainError('NOT_FOUND', 'We could not find that person.');
  const { user: u, listing } = found;
  const [bookings, payments, payouts, written, received, sessions, telegram, audit, decisions, ranking] = await Promise.all([
    bookingsOfPerson(deps.db, userId, 50),
    paymentsOfPerson(deps.db, userId, 50),
    listing ? payoutsOfPerson(deps.db, userId, 50) : Promise.resolve([]),
    reviewsAbout(deps.db, userId, 'author', 50),
    reviewsAbout(deps.db, userId, 'subject', 50),
    sessionsOf(deps.db, userId),
    telegramLinkOf(deps.db, userId),
    auditFiltered(deps.db, { subjectType: 'user', subjectId: userId, limit: 100 }),
    listing ? vettingDecisionsOf(deps.db, userId) : Promise.resolve([]),
    listing ? explainMyRanking(deps, userId).catch(() => null) : Promise.resolve(null),
  ]);
  const credits = await creditsOfClient(deps, userId);
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    emailVerified: u.emailVerified,
    phone: u.phone,
    role: u.role,
    timeZone: u.timeZone,
    createdAt: u.createdAt.toISOString(),
    deletedAt: iso(u.deletedAt),
    suspendedAt: iso(u.suspendedAt),
    suspendedReason: u.suspendedReason,
    listing: listing
      ? {
          displayName: listing.displayName,
          slug: listing.slug,
          status: listing.listingStatus,
          active: listing.active,
          city: listing.city,
          reliabilityMarks: listing.reliabilityMarks,
          ratingAvg: listing.ratingAvg,
          ratingCount: listing.ratingCount,
          payouts: connectView(listing),
          ranking,
          decisions: decisions.map((d) => ({ action: d.action, note: d.note, at: d.at.toISOString() })),
        }
      : null,
    bookings: bookings.map((b) => ({
      ...b,
      side: b.clientId === userId ? 'client' : 'provider',
      startsAt: b.startsAt.toISOString(),
      total: Number(b.total),
    })),
    payments: payments.map((p) => ({ ...p, paidAt: p.paidAt.toISOString() })),
    /** Goodwill credits on their Stripe customer balance (the ledger's `client_credit:` rows). */
    credits,
    payouts: payouts.map((p) => ({ id: p.id, bookingId: p.bookingId, amount: p.amount, status: p.status, currency: p.currency })),
    reviewsWritten: written.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    reviewsReceived: received.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    sessions: sessions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), expiresAt: s.expiresAt.toISOString() })),
    telegram: telegram ? { username: telegram.username, linkedAt: telegram.linkedAt.toISOString() } : null,
    audit: await auditRowsView(deps, audit),
  };
}

export type OpenBookingsRule = 'keep' | 'cancel';

/**
 * Suspends a person: no sign-in (sessions revoked now, new ones refused), a provider's listing
 * hidden from search and closed to requests; their open bookings kept or cancelled through the
 * machine with everything paid refunded, as the operator chose. One transaction with the audit.
 */
export async function suspendPerson(
  deps: ServiceDeps,
  user: SessionUser,
  input: { userId: string; reason: string; openBookings: OpenBookingsRule },
) {
  const now = deps.now();
  if (input.userId === user.id) throw new DomainError('INVALID_INPUT', 'You cannot suspend yourself.');
  await deps.db.transaction(async (tx) => {
    const found = await personById(tx, input.userId);
    if (!found) throw new DomainError('NOT_FOUND', 'We could not find that person.');
    if (found.user.suspendedAt) throw new DomainError('ILLEGAL_TRANSITION', 'This person is already suspended.');
    if (found.user.role === 'admin' && user.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only an admin can suspend an operator.');
    await setSuspension(tx, input.userId, { suspendedAt: now, suspendedReason: input.reason, at: now });
    const revoked = await deleteSessionsOf(tx, input.userId);
    let listingBefore: string | null = null;
    const cancelled: string[] = [];
    const provider = await findProvider(tx, input.userId);
    if (provider) {
      listingBefore = provider.listingStatus;
      if (provider.listingStatus !== 'suspended') {
        await updateListing(tx, provider.userId, {
          listingStatus: 'suspended',
          active: false,
          reviewNote: input.reason,
          reviewedAt: now,
          reviewedBy: user.id,
          updatedAt: now,
        });
        const reviewId = randomUUID();
        await insertProviderReview(tx, {
          id: reviewId,
          providerId: provider.userId,
          action: 'suspended',
          note: input.reason,
          actorId: user.id,
          at: now,
        });
        await enqueue(
          tx,
          { type: 'listing.decision', payload: { providerId: provider.userId, reviewId }, key: `listing.decision:${reviewId}` },
          now,
        );
      }
      if (input.openBookings === 'cancel') {
        for (const b of await openBookingsOfProvider(tx, provider.userId, openStatuses)) {
          await refuseAboveLimit(tx, user, await amountPaidFor(tx, b.id), b.currency);
          await applyCommand(
            tx,
            b,
            { type: 'cancel', reason: `The provider is no longer available: ${input.reason}`, refund: { kind: 'full' } },
            { kind: 'admin', userId: user.id },
            now,
          );
          cancelled.push(b.reference);
        }
      }
    }
    await recordAudit(
      tx,
      {
        actor: user,
        action: 'user.suspend',
        subjectType: 'user',
        subjectId: input.userId,
        reason: input.reason,
        before: { suspended: false, listingStatus: listingBefore },
        after: {
          suspended: true,
          listingStatus: provider ? 'suspended' : null,
          sessionsRevoked: revoked,
          openBookings: input.openBookings,
          cancelled,
        },
      },
      now,
    );
  });
  return operatorPerson(deps, input.userId);
}

/** Lifts a suspension: sign-in again, and a provider's listing back in search when it is still complete. */
export async function reactivatePerson(deps: ServiceDeps, user: SessionUser, input: { userId: string; reason: string }) {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const found = await personById(tx, input.userId);
    if (!found) throw new DomainError('NOT_FOUND', 'We could not find that person.');
    if (!found.user.suspendedAt) throw new DomainError('ILLEGAL_TRANSITION', 'This person is not suspended.');
    await setSuspension(tx, input.userId, { suspendedAt: null, suspendedReason: null, at: now });
    const provider = await findProvider(tx, input.userId);
    let listingAfter: string | null = null;
    if (provider && provider.listingStatus === 'suspended') {
      const active = isListed('approved', await listingFactsOf(tx, provider));
      await updateListing(tx, provider.userId, {
        listingStatus: 'approved',
        active,
        reviewNote: null,
        reviewedAt: now,
        reviewedBy: user.id,
        updatedAt: now,
      });
      const reviewId = randomUUID();
      await insertProviderReview(tx, {
        id: reviewId,
        providerId: provider.userId,
        action: 'reinstated',
        note: input.reason,
        actorId: user.id,
        at: now,
      });
      await enqueue(
        tx,
        { type: 'listing.decision', payload: { providerId: provider.userId, reviewId }, key: `listing.decision:${reviewId}` },
        now,
      );
      listingAfter = active ? 'approved (listed)' : 'approved (not listed: incomplete)';
    }
    await recordAudit(
      tx,
      {
        actor: user,
        action: 'user.reactivate',
        subjectType: 'user',
        subjectId: input.userId,
        reason: input.reason,
        before: { suspended: true, suspendedReason: found.user.suspendedReason },
        after: { suspended: false, listingStatus: listingAfter },
      },
      now,
    );
  });
  return operatorPerson(deps, input.userId);
}

/** Marks the email verified by hand (the operator checked it another way). */
export async function verifyEmailByHand(deps: ServiceDeps, user: SessionUser, input: { userId: string; reason: string }) {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const found = await personById(tx, input.userId);
    if (!found) throw new DomainError('NOT_FOUND', 'We could not find that person.');
    if (found.user.emailVerified) throw new DomainError('ILLEGAL_TRANSITION', 'This email address is already verified.');
    await setEmailVerified(tx, input.userId, now);
    await recordAudit(
      tx,
      {
        actor: user,
        action: 'user.verify_email',
        subjectType: 'user',
        subjectId: input.userId,
        reason: input.reason,
        before: { emailVerified: false, email: found.user.email },
        after: { emailVerified: true },
      },
      now,
    );
  });
  return operatorPerson(deps, input.userId);
}

/**
 * Records that an operator sent a password-reset link (the site asks the auth server to mail it
 * to the address on file: the operator never sees the link).
 */
export async function recordPasswordReset(deps: ServiceDeps, user: SessionUser, input: { userId: string; reason: string }) {
  const now = deps.now();
  const found = await personById(deps.db, input.userId);
  if (!found) throw new DomainError('NOT_FOUND', 'We could not find that person.');
  await deps.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        actor: user,
        action: 'user.password_reset_link',
        subjectType: 'user',
        subjectId: input.userId,
        reason: input.reason,
        after: { email: found.user.email },
      },
      now,
    ),
  );
  return { email: found.user.email };
}

/** The audit log, filtered, with the operators to filter by. */
export async function auditLogView(deps: ServiceDeps, filter: AuditFilter) {
  const [rows, operators] = await Promise.all([auditFiltered(deps.db, filter), operatorsList(deps.db)]);
  return { entries: await auditRowsView(deps, rows), operators };
}

/** The overview's queues: how many wait, and since when (the oldest). */
export async function operatorOverview(deps: ServiceDeps) {
  const now = deps.now();
  const [q, money] = await Promise.all([operatorQueues(deps.db, now), adminOverview(deps)]);
  const age = (d: Date | null) => (d ? Math.max(0, Math.round((now.getTime() - d.getTime()) / 1000)) : null);
  const item = (x: { count: number; oldest: Date | null }) => ({ count: x.count, oldestAt: iso(x.oldest), ageSeconds: age(x.oldest) });
  return {
    now: now.toISOString(),
    queues: {
      providersToVet: item(q.providersToVet),
      reviewsFlagged: item(q.reviewsFlagged),
      reviewReports: item(q.reviewReports),
      stuckJobs: item(q.stuckJobs),
      failedWebhooks: item(q.failedWebhooks),
    },
    money,
  };
}
