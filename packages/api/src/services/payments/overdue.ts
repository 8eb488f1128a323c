import { DomainError } from '@handled/core/errors';
import { graceEndsAt, instalmentStanding } from '@handled/core/payments';
import { findBooking } from '../../repositories/bookings.ts';
import { instalmentById, updateInstalment } from '../../repositories/instalments.ts';
import { invoiceById } from '../../repositories/invoices.ts';
import { notify } from '../notifications/service.ts';
import { userById } from '../../repositories/providers.ts';
import { applyCommand } from '../bookings/apply-command.ts';
import { enqueue } from '../jobs.ts';
import type { ServiceDeps } from '../deps.ts';
import { overdueGraceDays } from './plan.ts';
import { MINUTE_MS } from '@handled/core/durations';
import { translator } from '../notifications/i18n/index.ts';

/**
 * Job `instalment.check`, run at an instalment's due date and again when its grace ends: an unpaid
 * instalment becomes overdue and the client is reminded; past the grace period the system cancels
 * the booking, which follows the cancellation policy as if the client cancelled (the machine's
 * `cancel.unpaid`; a booking already under way is left for an admin, who sees it among the stuck items).
 */
export async function checkInstalment(deps: ServiceDeps, instalmentId: string): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const inst = await instalmentById(db, instalmentId);
  if (!inst) return;
  const booking = await findBooking(db, inst.bookingId);
  if (!booking) return;
  // The grace never runs past the start: a job that has happened is not cancelled for a late payment.
  const standing = instalmentStanding(inst, now, overdueGraceDays, booking.startsAt);
  if (standing === 'settled' || standing === 'not_due') return;
  const graceEnd = graceEndsAt(inst.dueAt, overdueGraceDays, booking.startsAt);
  if (standing === 'overdue') {
    const client = await userById(db, booking.clientId);
    const invoice = inst.invoiceId ? await invoiceById(db, inst.invoiceId) : undefined;
    // In the client's language and zone.
    const tr = translator(client?.language);
    const zone = client?.timeZone ?? booking.timeZone;
    const words = {
      amount: tr.money(inst.amount, inst.currency),
      ref: booking.reference,
      due: tr.when(inst.dueAt, zone),
      until: tr.when(graceEnd, zone),
    };
    const body = tr.t('payment.overdue.body', { ...words, hasLink: invoice?.hostedUrl ? 'yes' : 'no', link: invoice?.hostedUrl ?? '' });
    await db.transaction(async (tx) => {
      await updateInstalment(tx, inst.id, { status: 'overdue', remindersSent: inst.remindersSent + 1 });
      // In the centre, by email and (with consent) by SMS, through the notification service.
      if (inst.remindersSent === 0 && client)
        await notify(
          tx,
          {
            key: `payment.overdue:${inst.id}`,
            userId: booking.clientId,
            bookingId: booking.id,
            group: 'payments',
            title: tr.t('payment.overdue.title', words),
            body,
            link: invoice?.hostedUrl ?? `${deps.config.webUrl}/bookings/${booking.id}`,
            sms: tr.t('payment.overdue.sms', words),
          },
          now,
        );
      await enqueue(
        tx,
        {
          type: 'instalment.check',
          payload: { instalmentId: inst.id, bookingId: booking.id },
          key: `instalment.check:${inst.id}:grace`,
          runAt: new Date(graceEnd.getTime() + MINUTE_MS),
        },
        now,
      );
    });
    return;
  }
  // Past the grace period.
  await db.transaction(async (tx) => {
    await updateInstalment(tx, inst.id, { status: 'overdue' });
    const current = await findBooking(tx, booking.id);
    if (!current || (current.status !== 'accepted' && current.status !== 'confirmed')) return;
    try {
      // The system cancels (the audit trail says so); the machine settles it as the client's cancellation.
      await applyCommand(
        tx,
        current,
        { type: 'cancel', reason: `Payment ${inst.seq} is overdue and its grace period has ended` },
        { kind: 'system' },
        now,
      );
    } catch (e) {
      if (!(e instanceof DomainError && e.code === 'ILLEGAL_TRANSITION')) throw e;
    }
  });
}
