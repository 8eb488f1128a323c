import type { StripeStore } from './store.ts';
import type { Invoice, InvoiceItem, InvoiceLine, LineTax, TaxRate } from './types.ts';

/** Tax on one line for one rate: exclusive adds on top, inclusive is carved out of the amount. */
export function taxFor(amount: number, rate: TaxRate): LineTax {
  const pct = rate.percentage / 100;
  const tax = rate.inclusive ? amount - Math.round(amount / (1 + pct)) : Math.round(amount * pct);
  return {
    amount: tax,
    tax_behavior: rate.inclusive ? 'inclusive' : 'exclusive',
    tax_rate_details: { tax_rate: rate.id },
    taxability_reason: 'standard_rated',
    taxable_amount: rate.inclusive ? amount - tax : amount,
    type: 'tax_rate_details',
  };
}

function lineFor(item: InvoiceItem, invoice: Invoice, rates: TaxRate[]): InvoiceLine {
  return {
    id: `il_${item.id.slice(3)}`,
    object: 'line_item',
    amount: item.amount,
    currency: item.currency,
    description: item.description,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoice.id,
    livemode: false,
    metadata: item.metadata,
    parent: {
      type: 'invoice_item_details',
      invoice_item_details: { invoice_item: item.id, proration: false, proration_details: { credited_items: null }, subscription: null },
      subscription_item_details: null,
    },
    period: item.period,
    pretax_credit_amounts: [],
    pricing: item.pricing,
    quantity: item.quantity,
    quantity_decimal: item.quantity_decimal,
    subscription: null,
    subtotal: item.amount,
    taxes: rates.map((rate) => taxFor(item.amount, rate)),
  };
}

/** Rebuilds an invoice's lines and every total from its items and tax rates. */
export function recomputeInvoice(store: StripeStore, invoice: Invoice): void {
  const items = Object.values(store.data.invoiceitems).filter((i) => i.invoice === invoice.id);
  const lines = items.map((item) => lineFor(item, invoice, item.tax_rates?.length ? item.tax_rates : invoice.default_tax_rates));
  const subtotal = lines.reduce((s, l) => s + l.amount, 0);
  const byRate = new Map<string, LineTax>();
  for (const tax of lines.flatMap((l) => l.taxes)) {
    const prev = byRate.get(tax.tax_rate_details.tax_rate);
    byRate.set(
      tax.tax_rate_details.tax_rate,
      prev ? { ...prev, amount: prev.amount + tax.amount, taxable_amount: prev.taxable_amount + tax.taxable_amount } : { ...tax },
    );
  }
  const totalTaxes = [...byRate.values()];
  const inclusive = totalTaxes.filter((t) => t.tax_behavior === 'inclusive').reduce((s, t) => s + t.amount, 0);
  const exclusive = totalTaxes.filter((t) => t.tax_behavior === 'exclusive').reduce((s, t) => s + t.amount, 0);
  invoice.lines = { object: 'list', data: lines, has_more: false, total_count: lines.length, url: `/v1/invoices/${invoice.id}/lines` };
  invoice.subtotal = subtotal;
  invoice.subtotal_excluding_tax = subtotal - inclusive;
  invoice.total = subtotal + exclusive;
  invoice.total_excluding_tax = subtotal - inclusive;
  invoice.total_taxes = totalTaxes;
  invoice.amount_due = invoice.total;
  invoice.amount_remaining = Math.max(0, invoice.amount_due - invoice.amount_paid);
}

/**
 * What the customer's balance took off (positive: a credit used) or added to (negative: a debit)
 * the invoice at finalization: `ending_balance - starting_balance`; 0 before finalization.
 */
export function appliedBalance(invoice: Invoice): number {
  return invoice.ending_balance === null ? 0 : Number(invoice.ending_balance) - Number(invoice.starting_balance);
}
