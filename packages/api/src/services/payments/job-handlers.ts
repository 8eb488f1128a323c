import type { JobHandlers } from '../job-types.ts';
import { runCustomerCredit } from '../admin/credits.ts';
import { checkInstalment } from './overdue.ts';
import { freezePayout, runPayoutTransfer, schedulePayout } from './payouts.ts';
import { chargeCancellationFee, refundBooking, repriceInvoice, voidBookingInvoices } from './refunds.ts';

/** The payments side of the machine's effects, plus payouts, instalments and repricing. */
export const paymentJobHandlers = {
  'payment.refund': (deps, p) =>
    refundBooking(deps, { bookingId: p.bookingId, amount: p.amount, reason: p.reason, intentKey: `refund:${p.eventId}` }),
  'payment.cancellation_fee': (deps, p) => chargeCancellationFee(deps, { bookingId: p.bookingId, amount: p.amount, eventId: p.eventId }),
  'payment.credit': (deps, p) => runCustomerCredit(deps, p),
  'void.invoice': (deps, p) => voidBookingInvoices(deps, p.bookingId),
  'schedule.payout': (deps, p) => schedulePayout(deps, p.bookingId, p.reason),
  'freeze.payout': (deps, p) => freezePayout(deps, p.bookingId),
  'payout.transfer': (deps, p) => runPayoutTransfer(deps, p.bookingId, p.kind),
  'instalment.check': (deps, p) => checkInstalment(deps, p.instalmentId),
  'invoice.reprice': (deps, p) =>
    repriceInvoice(deps, { bookingId: p.bookingId, eventId: p.eventId, newTotal: p.newTotal, price: p.price }),
} satisfies Partial<JobHandlers>;
