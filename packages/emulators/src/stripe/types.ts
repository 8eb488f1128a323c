/**
 * The Stripe objects the emulator keeps, in their wire shape (API version in `api-version.ts`).
 * Only the fields the emulator reads or writes are typed; the rest are filled in when the
 * object is built and carried along untouched.
 */
export type Metadata = Record<string, string>;

export interface StripeObject {
  id: string;
  object: string;
  [field: string]: unknown;
}

export interface Customer extends StripeObject {
  object: 'customer';
  created: number;
  /** Negative: credit the customer holds, taken off their next finalized invoices. */
  balance: number;
  email: string | null;
  name: string | null;
  currency: string | null;
  invoice_prefix: string;
  next_invoice_sequence: number;
  metadata: Metadata;
}

/** A change to a customer's credit balance (negative: credit the customer; applied to their next invoices by Stripe). */
export interface CustomerBalanceTransaction extends StripeObject {
  object: 'customer_balance_transaction';
  amount: number;
  created: number;
  currency: string;
  customer: string;
  description: string | null;
  ending_balance: number;
  /** The invoice the balance was applied to (`applied_to_invoice`) or returned from (`unapplied_from_invoice`). */
  invoice: string | null;
  metadata: Metadata;
  type:
    | 'adjustment'
    | 'applied_to_invoice'
    | 'unapplied_from_invoice'
    | 'credit_note'
    | 'initial'
    | 'invoice_overpaid'
    | 'invoice_too_large'
    | 'invoice_too_small'
    | 'unspent_receiver_credit';
}

export interface TaxRate extends StripeObject {
  object: 'tax_rate';
  display_name: string;
  percentage: number;
  effective_percentage: number;
  inclusive: boolean;
  active: boolean;
}

export interface LineTax {
  amount: number;
  tax_behavior: 'exclusive' | 'inclusive';
  tax_rate_details: { tax_rate: string };
  taxability_reason: string;
  taxable_amount: number;
  type: 'tax_rate_details';
}

export interface InvoiceItem extends StripeObject {
  object: 'invoiceitem';
  amount: number;
  currency: string;
  customer: string;
  description: string | null;
  invoice: string | null;
  quantity: number;
  quantity_decimal: string;
  tax_rates: TaxRate[] | null;
  pricing: { type: 'price_details'; price_details?: { price: string; product: string }; unit_amount_decimal: string | null } | null;
  metadata: Metadata;
  period: { start: number; end: number };
}

export interface InvoiceLine extends StripeObject {
  object: 'line_item';
  amount: number;
  currency: string;
  description: string | null;
  invoice: string;
  quantity: number | null;
  taxes: LineTax[];
  subtotal: number;
}

export interface ApiList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  total_count?: number;
  url: string;
}

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

export interface Invoice extends StripeObject {
  object: 'invoice';
  created: number;
  customer: string;
  currency: string;
  status: InvoiceStatus;
  collection_method: 'charge_automatically' | 'send_invoice';
  number: string | null;
  description: string | null;
  due_date: number | null;
  hosted_invoice_url: string | null;
  invoice_pdf: string | null;
  amount_due: number;
  amount_paid: number;
  amount_paid_off_stripe: number;
  amount_remaining: number;
  /** The customer's balance when the invoice was finalized (negative: credit), and after it was applied (null until finalized). */
  starting_balance: number;
  ending_balance: number | null;
  subtotal: number;
  subtotal_excluding_tax: number;
  total: number;
  total_excluding_tax: number;
  total_taxes: LineTax[];
  default_tax_rates: TaxRate[];
  lines: ApiList<InvoiceLine>;
  attempted: boolean;
  attempt_count: number;
  customer_email: string | null;
  customer_name: string | null;
  account_name: string | null;
  metadata: Metadata;
  status_transitions: {
    finalized_at: number | null;
    marked_uncollectible_at: number | null;
    paid_at: number | null;
    voided_at: number | null;
  };
  payments?: ApiList<InvoicePayment>;
  post_payment_credit_notes_amount: number;
  webhooks_delivered_at: number | null;
}

export interface InvoicePayment extends StripeObject {
  object: 'invoice_payment';
  amount_paid: number | null;
  amount_requested: number;
  currency: string;
  invoice: string;
  is_default: boolean;
  payment: { type: 'payment_intent' | 'charge' | 'out_of_band_payment'; payment_intent?: string; charge?: string };
  status: 'open' | 'paid' | 'canceled';
  status_transitions: { canceled_at: number | null; paid_at: number | null };
}

export interface PaymentIntent extends StripeObject {
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  customer: string | null;
  status: string;
  latest_charge: string | null;
  last_payment_error: Record<string, unknown> | null;
  metadata: Metadata;
}

export interface Charge extends StripeObject {
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  currency: string;
  customer: string | null;
  payment_intent: string | null;
  paid: boolean;
  refunded: boolean;
  status: 'succeeded' | 'pending' | 'failed';
  transfer_group: string | null;
  metadata: Metadata;
}

export interface Refund extends StripeObject {
  object: 'refund';
  amount: number;
  charge: string;
  currency: string;
  payment_intent: string | null;
  status: string;
  metadata: Metadata;
}

export interface CreditNote extends StripeObject {
  object: 'credit_note';
  invoice: string;
  amount: number;
  total: number;
}

export interface Account extends StripeObject {
  object: 'account';
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  capabilities: Record<string, 'active' | 'inactive' | 'pending'>;
  requirements: {
    currently_due: string[];
    eventually_due: string[];
    past_due: string[];
    pending_verification: string[];
    disabled_reason: string | null;
    [k: string]: unknown;
  };
  metadata: Metadata;
}

export interface AccountLink {
  object: 'account_link';
  url: string;
  created: number;
  expires_at: number;
  account: string;
  refresh_url: string;
  return_url: string;
  used: boolean;
}

export interface Transfer extends StripeObject {
  object: 'transfer';
  amount: number;
  amount_reversed: number;
  currency: string;
  destination: string;
  reversed: boolean;
  reversals: ApiList<StripeObject>;
  metadata: Metadata;
}

export type PayoutStatus = 'pending' | 'in_transit' | 'paid' | 'failed' | 'canceled';

/** A payout to a bank account. `account` is the emulator's own note of whose balance it moves ('platform' or a connected account); it is not on the wire. */
export interface Payout extends StripeObject {
  object: 'payout';
  account: string;
  amount: number;
  arrival_date: number;
  automatic: boolean;
  created: number;
  currency: string;
  destination: string | null;
  failure_code: string | null;
  failure_message: string | null;
  status: PayoutStatus;
  metadata: Metadata;
  /** Emulator only: a failure forced by the control endpoint. */
  fail_with?: string;
}

export interface Dispute extends StripeObject {
  object: 'dispute';
  amount: number;
  charge: string;
  currency: string;
  payment_intent: string | null;
  reason: string;
  status: 'warning_needs_response' | 'needs_response' | 'under_review' | 'won' | 'lost';
  is_charge_refundable: boolean;
  metadata: Metadata;
}

export interface StripeEvent {
  id: string;
  object: 'event';
  account?: string;
  api_version: string;
  created: number;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}
