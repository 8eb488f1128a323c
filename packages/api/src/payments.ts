// Payment use cases called directly: the reconcile script (scripts/reconcile.ts) and the payment tests.
export { reconcile, type ReconcileDifference, type ReconcileReport } from './services/payments/reconcile.ts';
export { refundBooking, repriceInvoice, voidBookingInvoices } from './services/payments/refunds.ts';
