import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Currency } from '@handled/core/money';
import { createdAt, id, instant, updatedAt } from './columns.ts';
import { users } from './auth.ts';
import { bookings, paymentStatusValues } from './bookings.ts';
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
    status: text('status', { enum: ['draft', 'open', 'paid', 'uncollectible', 'void'] }).notNull().default('draft'),
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
    stripeTransferId: text('stripe_transfer_id'),
    amount: integer('amount').notNull(),
    currency: text('currency').$type<Currency>().notNull(),
    status: text('status', { enum: ['pending', 'scheduled', 'paid', 'failed', 'frozen', 'reversed'] }).notNull(),
    scheduledFor: instant('scheduled_for'),
    paidAt: instant('paid_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('payout_booking_uq').on(t.bookingId), index('payout_provider_idx').on(t.providerId)],
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
  (t) => [index('ledger_tx_idx').on(t.txId), index('ledger_booking_idx').on(t.bookingId), index('ledger_account_idx').on(t.account)],
);
