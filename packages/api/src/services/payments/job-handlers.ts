import type { PriceSnapshot } from '@handled/core/pricing';
import type { ServiceDeps } from '../deps.ts';
import { checkInstalment } from './overdue.ts';
import { freezePayout, runPayoutTransfer, schedulePayout } from './payouts.ts';
import { chargeCancellationFee, refundBooking, repriceInvoice, voidBookingInvoices } from './refunds.ts';

type Handler = (deps: ServiceDeps, payload: Record<string, unknown>) => Promise<void>;

function str(p: Record<string, unknown>, key: string): string {
  const v = p[key];
  if (typeof v !== 'string') throw new Error(`Job payload is missing ${key}`);
  return v;
}
function int(p: Record<string, unknown>, key: string): number {
  const v = p[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new Error(`Job payload is missing ${key}`);
  return v;
}

/** The payments side of the machine's effects, plus payouts, instalments and repricing. */
export const paymentJobHandlers: Record<string, Handler> = {
  'payment.refund': (deps, p) =>
    refundBooking(deps, { bookingId: str(p, 'bookingId'), amount: int(p, 'amount'), reason: str(p, 'reason'), intentKey: `refund:${str(p, 'eventId')}` }),
  'payment.cancellation_fee': (deps, p) => chargeCancellationFee(deps, { bookingId: str(p, 'bookingId'), amount: int(p, 'amount'), eventId: str(p, 'eventId') }),
  'void.invoice': (deps, p) => voidBookingInvoices(deps, str(p, 'bookingId')),
  'schedule.payout': (deps, p) => schedulePayout(deps, str(p, 'bookingId')),
  'freeze.payout': (deps, p) => freezePayout(deps, str(p, 'bookingId')),
  'payout.transfer': (deps, p) => runPayoutTransfer(deps, str(p, 'bookingId')),
  'instalment.check': (deps, p) => checkInstalment(deps, str(p, 'instalmentId')),
  'invoice.reprice': (deps, p) =>
    repriceInvoice(deps, { bookingId: str(p, 'bookingId'), eventId: str(p, 'eventId'), newTotal: int(p, 'newTotal'), price: p['price'] as PriceSnapshot }),
};
