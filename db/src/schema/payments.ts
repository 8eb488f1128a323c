import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Currency } from '@handled/core/money';
import { createdAt, id, instant, updatedAt } from './columns.ts';
import { users } from './auth.ts';
import { attachments, bookings, paymentStatusValues } from './bookings.ts';
import { providerProfiles } from './providers.ts';

/** The Stripe customer we reuse for each client. */
export const billingCustomers = sqliteTable('billing_customer', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  stripeCustomerId: text('stripe_customer_id').notNull(),
  createdAt: createdAt(),
});

export const invoices = sqliteTable(
  'invoice',
  {
    id: id(),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id),
    stripeInvoiceId: text('stripe_invoice_id'),
    number: text('number'),
    status: text('status', { enum: ['draft', 'open', 'paid', 'uncollectible', 'void'] })
      .notNull()
      .default('draft'),
    paymentStatus: text('payment_status', { enum: paymentStatusValues }).notNull().default('open'),
    currency: text('currency').$type<Currency>().notNull(),
    total: integer('total').notNull(),
    amountPaid: integer('amount_paid').notNull().default(0),
    amountRemaining: integer('amount_remaining').notNull(),
    hostedUrl: text('hosted_url'),
    pdfUrl: text('pdf_url'),
    dueAt: instant('due_at'),
    paidAt: instant('paid_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('invoice_stripe_uq').on(t.stripeInvoiceId), index('invoice_booking_idx').on(t.bookingId)],
);

export const payments = sqliteTable(
  'payment',
  {
    id: id(),
    invoiceId: text('invoice_id')
      .notNull()
      .references(() => invoices.id),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id),
    stripePaymentIntentId: text('stripe_payment_intent_id'),
    stripeChargeId: text('stripe_charge_id'),
    amount: integer('amount').notNull(),
    currency: text('currency').$type<Currency>().notNull(),
    status: text('status', { enum: ['succeeded', 'failed', 'refunded', 'partially_refunded'] }).notNull(),
    refunded: integer('refunded').notNull().default(0),
    paidAt: instant('paid_at').notNull(),
  },
  (t) => [uniqueIndex('payment_intent_uq').on(t.stripePaymentIntentId), index('payment_booking_idx').on(t.bookingId)],
);

export const payoutKinds = ['earnings', 'tip'] as const;
/** job: the client's payment for the job; late_cancellation, no_show: the fee the client owes; tip: a tip. */
export const payoutReasons = ['job', 'late_cancellation', 'no_show', 'tip'] as const;

export const payouts = sqliteTable(
  'payout',
  {
    id: id(),
    providerId: text('provider_id')
      .notNull()
      .references(() => providerProfiles.userId),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id),
    /** A booking has at most one of each: its earnings (the job's, or a fee's) and a tip. */
    kind: text('kind', { enum: payoutKinds }).notNull().default('earnings'),
    /** What the money is for, as the provider's payouts list says it. */
    reason: text('reason', { enum: payoutReasons }).notNull().default('job'),
    stripeTransferId: text('stripe_transfer_id'),
    amount: integer('amount').notNull(),
    currency: text('currency').$type<Currency>().notNull(),
    status: text('status', { enum: ['pending', 'scheduled', 'paid', 'failed', 'frozen', 'reversed', 'cancelled'] }).notNull(),
    scheduledFor: instant('scheduled_for'),
    paidAt: instant('paid_at'),
    /** The charge the transfer is funded from (`source_transaction`). */
    stripeChargeId: text('stripe_charge_id'),
    amountReversed: integer('amount_reversed').notNull().default(0),
    /** Taken back from the provider by refunds but not recoverable by a reversal: the provider owes it. */
    amountOwed: integer('amount_owed').notNull().default(0),
    /** Why the payout waits (not ready, dispute, frozen by a problem report). */
    holdReason: text('hold_reason'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('payout_booking_kind_uq').on(t.bookingId, t.kind), index('payout_provider_idx').on(t.providerId)],
);

/**
 * Double-entry ledger: every movement is a transaction of entries whose amounts sum to zero.
 * Accounts: client_receivable, platform_cash (Stripe balance), platform_fees, provider_payable:<id>,
 * tax_payable, refunds.
 */
export const ledgerEntries = sqliteTable(
  'ledger_entry',
  {
    id: id(),
    txId: text('tx_id').notNull(),
    bookingId: text('booking_id').references(() => bookings.id),
    account: text('account').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').$type<Currency>().notNull(),
    kind: text('kind', {
      enum: ['charge', 'fee', 'tax', 'transfer', 'refund', 'reversal', 'dispute', 'adjustment'],
    }).notNull(),
    externalRef: text('external_ref'),
    at: instant('at').notNull(),
  },
  (t) => [
    uniqueIndex('ledger_tx_account_uq').on(t.txId, t.account),
    index('ledger_tx_idx').on(t.txId),
    index('ledger_booking_idx').on(t.bookingId),
    index('ledger_account_idx').on(t.account),
  ],
);

/**
 * The schedule of what the client pays for a booking on its one invoice: the whole amount, a
 * deposit and a balance, or instalments. Each row is paid by its own PaymentIntent attached to
 * the invoice (Stripe's partial payments).
 */
export const paymentInstalments = sqliteTable(
  'payment_instalment',
  {
    id: id(),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id),
    invoiceId: text('invoice_id').references(() => invoices.id),
    seq: integer('seq').notNull(),
    kind: text('kind', { enum: ['full', 'deposit', 'balance', 'instalment'] }).notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').$type<Currency>().notNull(),
    dueAt: instant('due_at').notNull(),
    status: text('status', { enum: ['scheduled', 'open', 'paid', 'failed', 'overdue', 'void', 'refunded'] })
      .notNull()
      .default('scheduled'),
    stripePaymentIntentId: text('stripe_payment_intent_id'),
    remindersSent: integer('reminders_sent').notNull().default(0),
    paidAt: instant('paid_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('instalment_booking_seq_uq').on(t.bookingId, t.seq), index('instalment_due_idx').on(t.status, t.dueAt)],
);

/** Each refund, with the credit note that records it on the invoice and what the provider gave back. */
export const refunds = sqliteTable(
  'refund',
  {
    id: id(),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id),
    /** Derived from the job that asked for it, so a retried job refunds once. */
    intentKey: text('intent_key').notNull(),
    stripeRefundId: text('stripe_refund_id'),
    stripeChargeId: text('stripe_charge_id'),
    stripeCreditNoteId: text('stripe_credit_note_id'),
    amount: integer('amount').notNull(),
    currency: text('currency').$type<Currency>().notNull(),
    reason: text('reason').notNull(),
    /** Taken back from the provider's transfer. */
    reversed: integer('reversed').notNull().default(0),
    /** The provider's share that could not be reversed (owed by the provider). */
    unrecovered: integer('unrecovered').notNull().default(0),
    status: text('status', { enum: ['pending', 'succeeded', 'failed'] })
      .notNull()
      .default('pending'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('refund_intent_uq').on(t.intentKey),
    uniqueIndex('refund_stripe_uq').on(t.stripeRefundId),
    index('refund_booking_idx').on(t.bookingId),
  ],
);

/** Card disputes (chargebacks) as Stripe reports them. */
export const disputes = sqliteTable(
  'dispute',
  {
    id: id(),
    stripeDisputeId: text('stripe_dispute_id').notNull(),
    bookingId: text('booking_id').references(() => bookings.id),
    stripeChargeId: text('stripe_charge_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').$type<Currency>().notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    openedAt: instant('opened_at').notNull(),
    closedAt: instant('closed_at'),
  },
  (t) => [uniqueIndex('dispute_stripe_uq').on(t.stripeDisputeId), index('dispute_booking_idx').on(t.bookingId)],
);

/**
 * A provider's bank payout: Stripe moving their connected balance to their bank account
 * (`payout.*` events on the connected account), on their payout schedule.
 */
export const bankPayouts = sqliteTable(
  'bank_payout',
  {
    id: id(),
    providerId: text('provider_id')
      .notNull()
      .references(() => providerProfiles.userId),
    stripeAccountId: text('stripe_account_id').notNull(),
    stripePayoutId: text('stripe_payout_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').$type<Currency>().notNull(),
    status: text('status', { enum: ['pending', 'in_transit', 'paid', 'failed', 'canceled'] }).notNull(),
    automatic: integer('automatic', { mode: 'boolean' }).notNull().default(true),
    arrivalDate: instant('arrival_date'),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('bank_payout_stripe_uq').on(t.stripePayoutId), index('bank_payout_provider_idx').on(t.providerId, t.createdAt)],
);

/**
 * A tip the client gives after the job: paid on an invoice of its own (never mixed with the
 * booking's), all of it transferred to the provider — no fee, no commission. One per booking.
 */
export const tips = sqliteTable(
  'tip',
  {
    id: id(),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id),
    amount: integer('amount').notNull(),
    currency: text('currency').$type<Currency>().notNull(),
    status: text('status', { enum: ['open', 'paid', 'void'] })
      .notNull()
      .default('open'),
    stripeInvoiceId: text('stripe_invoice_id'),
    hostedUrl: text('hosted_url'),
    stripePaymentIntentId: text('stripe_payment_intent_id'),
    stripeChargeId: text('stripe_charge_id'),
    paidAt: instant('paid_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('tip_booking_uq').on(t.bookingId), uniqueIndex('tip_stripe_invoice_uq').on(t.stripeInvoiceId)],
);

/**
 * Materials and expenses the provider paid for a job, each with the photo of its receipt; added
 * while the job is in progress and folded into the final price at completion (in full to the
 * provider, no fee or commission).
 */
export const bookingExpenses = sqliteTable(
  'booking_expense',
  {
    id: id(),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').$type<Currency>().notNull(),
    receiptId: text('receipt_id')
      .notNull()
      .references(() => attachments.id),
    createdAt: createdAt(),
  },
  (t) => [index('booking_expense_booking_idx').on(t.bookingId)],
);
