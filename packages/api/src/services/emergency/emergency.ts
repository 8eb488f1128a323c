import { DomainError } from '@handled/core/errors';
import type { SessionUser } from '../../context.ts';
import { bookingWithParties, insertBookingEvent, type BookingRow } from '../../repositories/bookings.ts';
import {
  alertById,
  alertsList,
  alertsOfBooking,
  countAlertsSince,
  deleteEmergencyContact,
  emergencyContactOf,
  insertAlert,
  operatorRecipients,
  saveEmergencyContact,
  updateAlert,
  type AlertStatus,
  type EmergencyAlertRow,
} from '../../repositories/emergency.ts';
import type { ServiceDeps } from '../deps.ts';
import { recordAudit } from '../audit.ts';
import { notify, notifyContact } from '../notifications/service.ts';
import { languageOf, translator, type Language } from '../notifications/i18n/index.ts';
import { languagesOf } from '../../repositories/notification-delivery.ts';

/** At most this many alerts per booking per hour (a reason is required for each). */
export const MAX_ALERTS_PER_BOOKING_PER_HOUR = 3;
const HOUR_MS = 3_600_000;

/** The numbers to call where the job is, the usual one first. */
function emergencyNumbers(country: string): [string] | [string, string] {
  const c = country.toUpperCase();
  if (c === 'US' || c === 'CA') return ['911'];
  if (c === 'GB') return ['999', '112'];
  if (c === 'AU') return ['000', '112'];
  return ['112'];
}

/** The number to call where the job is ("999 or 112"), in `language`'s words. */
export function emergencyNumber(country: string, language: Language = 'en'): string {
  const [a, b] = emergencyNumbers(country);
  return b ? translator(language).t('emergency.or', { a, b }) : a;
}

// ---------------------------------------------------------------------------------------------
// The person's own emergency contact.

export async function myEmergencyContact(deps: ServiceDeps, user: SessionUser) {
  const c = await emergencyContactOf(deps.db, user.id);
  return {
    contact: c ? { name: c.name, phone: c.phone, relation: c.relation, email: c.email, updatedAt: c.updatedAt.toISOString() } : null,
  };
}

export async function setEmergencyContact(
  deps: ServiceDeps,
  user: SessionUser,
  input: { name: string; phone: string; relation: string; email?: string | null | undefined },
) {
  const saved = await saveEmergencyContact(deps.db, {
    userId: user.id,
    name: input.name,
    phone: input.phone,
    relation: input.relation,
    email: input.email || null,
    updatedAt: deps.now(),
  });
  return {
    contact: {
      name: saved.name,
      phone: saved.phone,
      relation: saved.relation,
      email: saved.email,
      updatedAt: saved.updatedAt.toISOString(),
    },
  };
}

export async function removeEmergencyContact(deps: ServiceDeps, user: SessionUser) {
  await deleteEmergencyContact(deps.db, user.id);
  return { contact: null };
}

// ---------------------------------------------------------------------------------------------
// Raising an alert.

/** During a job: the provider said they are on their way, or the job is in progress. */
export function emergencyOpen(b: Pick<BookingRow, 'status' | 'onMyWayAt'>): boolean {
  return b.status === 'in_progress' || (b.status === 'confirmed' && b.onMyWayAt !== null);
}

const notFound = () => new DomainError('NOT_FOUND', 'We could not find that booking.');

function addressLine(a: BookingRow['address']): string {
  return [a.line1, a.line2, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ');
}

function alertView(a: EmergencyAlertRow) {
  return {
    id: a.id,
    bookingId: a.bookingId,
    side: a.side,
    reason: a.reason,
    status: a.status,
    raisedAt: a.createdAt.toISOString(),
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    resolutionNotes: a.resolutionNotes,
  };
}

/**
 * An alert's title, text and SMS in the reader's language, the time in their zone, the number to
 * call in their words; `t` and `values` for the operator's and the contact's own sentences.
 */
export function emergencyTexts(
  a: { raiser: string; reference: string; category: string; where: string; startsAt: Date; endsAt: Date; country: string; reason: string },
  language: Language,
  zone: string,
) {
  const tr = translator(language);
  const values = {
    raiser: a.raiser,
    ref: a.reference,
    category: a.category.toLowerCase(),
    where: a.where,
    when: tr.span(a.startsAt, a.endsAt, zone),
    call: emergencyNumber(a.country, language),
  };
  return {
    t: tr.t,
    values,
    title: tr.t('emergency.title', values),
    body: tr.t('emergency.body', { ...values, reason: a.reason }),
    sms: tr.t('emergency.sms', { ...values, reason: a.reason.slice(0, 160) }),
  };
}

/**
 * Either side of a job under way presses Emergency with a reason. In one transaction: the alert
 * (with the person's emergency contact as it is now), the booking's timeline event, and the
 * messages — to the other side and every operator (`notify`, urgent: every channel, whatever their
 * preferences and quiet hours) and to the emergency contact (`notifyContact`: SMS, and email when
 * known) — each with the address, the time and the number to call. At most three per booking per hour.
 */
export async function raiseEmergency(deps: ServiceDeps, user: SessionUser, input: { bookingId: string; reason: string }) {
  const found = await bookingWithParties(deps.db, input.bookingId);
  const side = found?.booking.clientId === user.id ? 'client' : found?.booking.providerId === user.id ? 'provider' : null;
  if (!found || !side) throw notFound();
  const b = found.booking;
  const call = emergencyNumber(b.address.country);
  if (!emergencyOpen(b))
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `The Emergency button works while a job is under way (on the way or in progress). If anyone is in danger, call ${call} now.`,
      { status: b.status },
    );
  const now = deps.now();
  const contact = await emergencyContactOf(deps.db, user.id);
  const raiser = side === 'client' ? found.client.name : found.provider.displayName;
  const other =
    side === 'client'
      ? {
          id: found.provider.id,
          name: found.provider.displayName,
          timeZone: found.provider.timeZone,
          link: `${deps.config.deskUrl}/#/jobs/${b.id}`,
        }
      : { id: found.client.id, name: found.client.name, timeZone: found.client.timeZone, link: `${deps.config.webUrl}/bookings/${b.id}` };
  const where = addressLine(b.address);
  const alertFacts = {
    raiser,
    reference: b.reference,
    category: found.category.name,
    where,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    country: b.address.country,
    reason: input.reason,
  };
  const words = (language: Language, zone: string) => emergencyTexts(alertFacts, language, zone);

  const alert = await deps.db.transaction(async (tx) => {
    if ((await countAlertsSince(tx, b.id, new Date(now.getTime() - HOUR_MS))) >= MAX_ALERTS_PER_BOOKING_PER_HOUR)
      throw new DomainError(
        'RATE_LIMITED',
        `${MAX_ALERTS_PER_BOOKING_PER_HOUR} alerts were raised on this booking in the last hour; our team is already on it. If anyone is in danger, call ${call} now.`,
      );
    const alert = await insertAlert(tx, {
      bookingId: b.id,
      raisedBy: user.id,
      side,
      reason: input.reason,
      contactName: contact?.name ?? null,
      contactPhone: contact?.phone ?? null,
      createdAt: now,
    });
    await insertBookingEvent(tx, {
      bookingId: b.id,
      type: 'booking.emergency_raised',
      fromStatus: b.status,
      toStatus: b.status,
      actorKind: side,
      actorId: user.id,
      reason: input.reason,
      data: { alertId: alert.id, contactNotified: Boolean(contact) },
      at: now,
    });
    const key = `emergency:${alert.id}`;
    const operators = await operatorRecipients(tx);
    const languages = await languagesOf(tx, [other.id, user.id, ...operators.map((op) => op.id)]);
    const toOther = words(languageOf(languages.get(other.id)), other.timeZone);
    await notify(
      tx,
      {
        key,
        userId: other.id,
        bookingId: b.id,
        group: 'safety',
        urgent: true,
        title: toOther.title,
        body: toOther.body,
        link: other.link,
        sms: toOther.sms,
      },
      now,
    );
    for (const op of operators) {
      const toOp = words(languageOf(languages.get(op.id)), b.timeZone);
      await notify(
        tx,
        {
          key,
          userId: op.id,
          bookingId: b.id,
          group: 'safety',
          urgent: true,
          title: toOp.title,
          body: toOp.t('emergency.operatorBody', { body: toOp.body, side }),
          link: `${deps.config.webUrl}/admin/emergencies`,
          sms: toOp.sms,
        },
        now,
      );
    }
    if (contact) {
      // Someone without an account has no language of their own: the person who named them's.
      const language = languageOf(languages.get(user.id));
      const toContact = words(language, b.timeZone);
      await notifyContact(
        tx,
        {
          key,
          name: contact.name,
          phone: contact.phone,
          email: contact.email,
          language,
          title: toContact.t('emergency.contactTitle', toContact.values),
          body: toContact.t('emergency.contactBody', { name: contact.name, raiser, relation: contact.relation, body: toContact.body }),
          sms: toContact.t('emergency.contactSms', { ...toContact.values, reason: input.reason.slice(0, 140) }),
        },
        now,
      );
    }
    return alert;
  });
  return { alert: alertView(alert), call, contactNotified: Boolean(contact) };
}

/** A booking's alerts for its two sides (the page says one is open and when it was raised). */
export async function bookingAlerts(deps: ServiceDeps, user: SessionUser, input: { bookingId: string }) {
  const found = await bookingWithParties(deps.db, input.bookingId);
  if (!found || (found.booking.clientId !== user.id && found.booking.providerId !== user.id)) throw notFound();
  return {
    canRaise: emergencyOpen(found.booking),
    call: emergencyNumber(found.booking.address.country),
    alerts: (await alertsOfBooking(deps.db, found.booking.id)).map(alertView),
  };
}

// ---------------------------------------------------------------------------------------------
// Operators.

export async function listAlerts(deps: ServiceDeps, input: { status: 'active' | 'resolved' | 'all' }) {
  const statuses: AlertStatus[] =
    input.status === 'active'
      ? ['open', 'acknowledged']
      : input.status === 'resolved'
        ? ['resolved']
        : ['open', 'acknowledged', 'resolved'];
  const rows = await alertsList(deps.db, statuses, 200);
  return {
    alerts: rows.map((r) => ({
      ...alertView(r.alert),
      reference: r.reference,
      address: addressLine(r.address),
      startsAt: r.startsAt.toISOString(),
      timeZone: r.timeZone,
      bookingStatus: r.bookingStatus,
      raisedByName: r.raisedByName,
      contactName: r.alert.contactName,
      contactPhone: r.alert.contactPhone,
      acknowledgedBy: r.alert.acknowledgedBy,
      resolvedBy: r.alert.resolvedBy,
    })),
  };
}

async function operatorStep(
  deps: ServiceDeps,
  admin: SessionUser,
  alertId: string,
  from: readonly AlertStatus[],
  patch: Parameters<typeof updateAlert>[3],
  event: { type: string; action: string; reason: string | null },
) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const before = await alertById(tx, alertId);
    if (!before) throw new DomainError('NOT_FOUND', 'We could not find that alert.');
    const after = await updateAlert(tx, alertId, from, patch);
    if (!after)
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        before.status === 'resolved' ? 'This alert is already resolved.' : 'This alert was already acknowledged.',
        { status: before.status },
      );
    const booking = await bookingWithParties(tx, before.bookingId);
    await insertBookingEvent(tx, {
      bookingId: before.bookingId,
      type: event.type,
      fromStatus: booking?.booking.status ?? null,
      toStatus: booking?.booking.status ?? 'in_progress',
      actorKind: 'admin',
      actorId: admin.id,
      reason: event.reason,
      data: { alertId },
      at: now,
    });
    await recordAudit(
      tx,
      {
        actor: admin,
        action: event.action,
        subjectType: 'emergency_alert',
        subjectId: alertId,
        reason: event.reason,
        before: { status: before.status },
        after: { status: after.status },
      },
      now,
    );
    return { alert: alertView(after) };
  });
}

export function acknowledgeAlert(deps: ServiceDeps, admin: SessionUser, input: { alertId: string }) {
  const now = deps.now();
  return operatorStep(
    deps,
    admin,
    input.alertId,
    ['open'],
    { status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: admin.id },
    { type: 'booking.emergency_acknowledged', action: 'emergency.acknowledge', reason: null },
  );
}

export function resolveAlert(deps: ServiceDeps, admin: SessionUser, input: { alertId: string; notes: string }) {
  const now = deps.now();
  return operatorStep(
    deps,
    admin,
    input.alertId,
    ['open', 'acknowledged'],
    { status: 'resolved', resolvedAt: now, resolvedBy: admin.id, resolutionNotes: input.notes },
    { type: 'booking.emergency_resolved', action: 'emergency.resolve', reason: input.notes },
  );
}
