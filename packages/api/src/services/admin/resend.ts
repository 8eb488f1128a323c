import { z } from 'zod';
import { DomainError } from '@handled/core/errors';
import type { SessionUser } from '../../context.ts';
import { findBooking } from '../../repositories/bookings.ts';
import { invoicesOfBooking } from '../../repositories/invoices.ts';
import { notifyJobsOfBooking } from '../../repositories/operator.ts';
import { recordAudit } from '../audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { enqueue } from '../jobs.ts';
import { jobPayloads } from '../job-types.ts';

const notifyPayload = jobPayloads.notify;

/** The notifications a booking has had, one per template (the last of each): what an operator may send again. */
export async function resendableNotifications(deps: ServiceDeps, bookingId: string) {
  const seen = new Map<string, { template: string; to: 'client' | 'provider' | 'both'; at: string }>();
  for (const j of await notifyJobsOfBooking(deps.db, bookingId)) {
    const p = notifyPayload.safeParse(j.payload);
    if (!p.success || p.data.resendKey || seen.has(p.data.template)) continue;
    seen.set(p.data.template, { template: p.data.template, to: p.data.to, at: j.createdAt.toISOString() });
  }
  return [...seen.values()];
}

/**
 * Sends a booking's last notification of a kind again (issue 18): the same message to the same
 * side(s), under a new key (`resendKey`, the audit entry's id) so every channel sends it once more.
 * The audit entry (with the reason) and the job are one transaction.
 */
export async function resendNotification(
  deps: ServiceDeps,
  user: SessionUser,
  input: { bookingId: string; template: string; reason: string },
) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const booking = await findBooking(tx, input.bookingId);
    if (!booking) throw new DomainError('NOT_FOUND', 'We could not find that booking.');
    let last: z.output<typeof notifyPayload> | null = null;
    for (const j of await notifyJobsOfBooking(tx, booking.id)) {
      const p = notifyPayload.safeParse(j.payload);
      if (p.success && !p.data.resendKey && p.data.template === input.template) {
        last = p.data;
        break;
      }
    }
    if (!last)
      throw new DomainError('INVALID_INPUT', 'This booking has had no notification of that kind, so there is nothing to send again.', {
        field: 'template',
      });
    const row = await recordAudit(
      tx,
      {
        actor: user,
        action: 'booking.notification_resend',
        subjectType: 'booking',
        subjectId: booking.id,
        reason: input.reason,
        after: { template: last.template, to: last.to },
      },
      now,
    );
    await enqueue(
      tx,
      {
        type: 'notify',
        payload: {
          bookingId: booking.id,
          to: last.to,
          template: last.template,
          ...(last.eventId !== undefined ? { eventId: last.eventId } : {}),
          resendKey: row.id,
          afterQuietHours: true,
        },
        key: `notify:resend:${row.id}`,
      },
      now,
    );
    return { auditId: row.id, template: last.template, to: last.to };
  });
}

/**
 * Sends a booking's open invoice again (issue 18): Stripe's sendInvoice (job `invoice.resend`, keyed
 * by the audit entry) and the client's "Pay … to confirm" notification (`invoice.sent`, the pay link) under a new
 * key, both written with the audit entry and its reason in one transaction.
 */
export async function resendInvoice(deps: ServiceDeps, user: SessionUser, input: { bookingId: string; reason: string }) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const booking = await findBooking(tx, input.bookingId);
    if (!booking) throw new DomainError('NOT_FOUND', 'We could not find that booking.');
    const open = (await invoicesOfBooking(tx, booking.id, { live: true })).filter((i) => i.status === 'open' && i.stripeInvoiceId).at(-1);
    if (!open?.stripeInvoiceId)
      throw new DomainError('INVALID_INPUT', 'This booking has no open invoice to send again (it is paid, void or not made yet).');
    const row = await recordAudit(
      tx,
      {
        actor: user,
        action: 'booking.invoice_resend',
        subjectType: 'booking',
        subjectId: booking.id,
        reason: input.reason,
        after: { invoiceId: open.id, stripeInvoiceId: open.stripeInvoiceId },
      },
      now,
    );
    await enqueue(
      tx,
      {
        type: 'invoice.resend',
        payload: { bookingId: booking.id, stripeInvoiceId: open.stripeInvoiceId, auditId: row.id },
        key: `invoice.resend:${row.id}`,
      },
      now,
    );
    await enqueue(
      tx,
      {
        type: 'notify',
        payload: { bookingId: booking.id, to: 'client', template: 'invoice.sent', resendKey: row.id, afterQuietHours: true },
        key: `notify:resend:${row.id}`,
      },
      now,
    );
    return { auditId: row.id, stripeInvoiceId: open.stripeInvoiceId };
  });
}

/** Job `invoice.resend`: Stripe emails the hosted invoice again (a retry sends once: the key is the audit entry's). */
export async function sendInvoiceAgain(deps: ServiceDeps, p: { stripeInvoiceId: string; auditId: string }) {
  await deps.stripe.invoices.sendInvoice(p.stripeInvoiceId, {}, { idempotencyKey: `invoice.resend:${p.auditId}` });
}
