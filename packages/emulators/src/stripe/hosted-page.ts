import { Hono } from 'hono';
import { formatDate, formatMoney, html, layout, type Html } from '../shared/html.ts';
import { checkCardInput, parseExpiry } from './cards.ts';
import { appliedBalance } from './invoice-math.ts';
import { nextPaymentIntent, payInvoiceWithCard } from './payments.ts';
import { noRequest, type StripeStore } from './store.ts';
import type { Charge, Invoice } from './types.ts';

interface FormState {
  error?: string;
  values?: Record<string, string>;
}

function summary(store: StripeStore, invoice: Invoice): Html {
  const money = (n: number) => formatMoney(n, invoice.currency);
  const rateName = (id: string) => {
    const rate = store.data.tax_rates[id];
    return rate ? `${rate.display_name} (${rate.percentage}%${rate.inclusive ? ' incl.' : ''})` : 'Tax';
  };
  return html`<table>
    <thead>
      <tr>
        <th>Description</th>
        <th class="num">Qty</th>
        <th class="num">Amount</th>
      </tr>
    </thead>
    <tbody>
      ${invoice.lines.data.map(
        (l) =>
          html`<tr>
            <td>${l.description ?? 'Item'}</td>
            <td class="num">${l.quantity ?? 1}</td>
            <td class="num">${money(l.amount)}</td>
          </tr>`,
      )}
    </tbody>
    <tfoot>
      <tr>
        <td colspan="2">Subtotal</td>
        <td class="num">${money(invoice.subtotal)}</td>
      </tr>
      ${invoice.total_taxes.map(
        (t) =>
          html`<tr>
            <td colspan="2">${rateName(t.tax_rate_details.tax_rate)}</td>
            <td class="num">${money(t.amount)}</td>
          </tr>`,
      )}
      <tr>
        <th colspan="2">Total</th>
        <th class="num">${money(invoice.total)}</th>
      </tr>
      ${
        appliedBalance(invoice) > 0
          ? html`<tr>
              <td colspan="2">Applied balance</td>
              <td class="num">${money(-appliedBalance(invoice))}</td>
            </tr>`
          : ''
      }
      ${
        invoice.amount_paid > 0
          ? html`<tr>
              <td colspan="2">Amount paid</td>
              <td class="num">${money(invoice.amount_paid)}</td>
            </tr>`
          : ''
      }
      <tr>
        <th colspan="2">Amount due</th>
        <th class="num">${money(invoice.amount_remaining)}</th>
      </tr>
    </tfoot>
  </table>`;
}

function cardForm(store: StripeStore, invoice: Invoice, state: FormState): Html {
  const v = state.values ?? {};
  // A deposit or instalment the platform attached is what is due now; otherwise the rest.
  const dueNow = nextPaymentIntent(store, invoice)?.amount ?? invoice.amount_remaining;
  return html`<form class="card" method="post" action="/_/stripe/invoices/${invoice.id}/pay" autocomplete="off">
    <h2>
      Pay
      ${formatMoney(dueNow, invoice.currency)}${dueNow < invoice.amount_remaining ? ` of ${formatMoney(invoice.amount_remaining, invoice.currency)} due` : ''}
    </h2>
    ${state.error ? html`<p class="error" role="alert">${state.error}</p>` : ''}
    <label for="number">Card number</label>
    <input id="number" name="number" inputmode="numeric" placeholder="4242 4242 4242 4242" value="${v.number ?? ''}" required />
    <div class="row">
      <div>
        <label for="exp">Expiry (MM / YY)</label><input id="exp" name="exp" placeholder="12 / 34" value="${v.exp ?? ''}" required />
      </div>
      <div>
        <label for="cvc">CVC</label><input id="cvc" name="cvc" inputmode="numeric" placeholder="123" value="${v.cvc ?? ''}" required />
      </div>
    </div>
    <label for="postal_code">ZIP / postal code</label>
    <input id="postal_code" name="postal_code" placeholder="94107" value="${v.postal_code ?? ''}" required />
    <p><button type="submit">Pay ${formatMoney(dueNow, invoice.currency)}</button></p>
    <p class="muted">Test mode. 4242 4242 4242 4242 succeeds; 4000 0000 0000 0002 is declined; any future expiry, any CVC.</p>
  </form>`;
}

/** Where the invoice came from (our `metadata.booking_url`), when it is a web address. */
function bookingUrlOf(invoice: Invoice): string | null {
  const url = invoice.metadata['booking_url'];
  return typeof url === 'string' && /^https?:\/\//.test(url) ? url : null;
}

function receipt(invoice: Invoice, charge: Charge | undefined): Html {
  const card = (charge?.payment_method_details as { card?: { brand: string; last4: string } } | undefined)?.card;
  const back = bookingUrlOf(invoice);
  return html`<div class="card success">
    <strong>Paid ${formatMoney(invoice.amount_paid, invoice.currency)}</strong> on
    ${formatDate(invoice.status_transitions.paid_at)}${card ? html` with ${card.brand} •••• ${card.last4}` : ' (outside Stripe)'}.
    ${charge ? html`<div class="muted">Receipt: <a href="/_/stripe/receipts/${charge.id}">${charge.id}</a></div>` : ''}
    ${back ? html`<p><a class="button" href="${back}" data-testid="back-to-booking">Back to your booking</a></p>` : ''}
  </div>`;
}

export function renderInvoicePage(store: StripeStore, invoice: Invoice, state: FormState = {}): Html {
  const paidCharge = Object.values(store.data.charges).find(
    (ch) =>
      ch.status === 'succeeded' &&
      Object.values(store.data.invoice_payments).some(
        (p) => p.invoice === invoice.id && p.status === 'paid' && p.payment.payment_intent === ch.payment_intent,
      ),
  );
  const body = html`<div class="card">
      <div class="muted">${store.accountName}</div>
      <h1>Invoice ${invoice.number ?? ''} <span class="badge ${invoice.status}">${invoice.status}</span></h1>
      <p>${formatMoney(invoice.amount_due, invoice.currency)} due ${formatDate(invoice.due_date)}</p>
      <p class="muted">To ${invoice.customer_name ?? ''} ${invoice.customer_email ? html`&lt;${invoice.customer_email}&gt;` : ''}</p>
      ${invoice.description ? html`<p>${invoice.description}</p>` : ''} ${summary(store, invoice)}
      ${invoice.footer ? html`<p class="muted">${invoice.footer}</p>` : ''}
      <p class="muted">
        <a href="${invoice.invoice_pdf ?? '#'}">Download invoice</a
        >${invoice.status !== 'paid' && bookingUrlOf(invoice) ? html` · <a href="${bookingUrlOf(invoice) ?? '#'}">Back to your booking</a>` : ''}
      </p>
    </div>
    ${invoice.status === 'open' ? cardForm(store, invoice, state) : ''} ${invoice.status === 'paid' ? receipt(invoice, paidCharge) : ''}
    ${invoice.status === 'void' ? html`<p class="card error">This invoice has been voided and can no longer be paid.</p>` : ''}
    ${invoice.status === 'uncollectible' ? html`<p class="card error">This invoice was marked uncollectible.</p>` : ''}`;
  return layout(`${store.accountName} invoice ${invoice.number ?? invoice.id}`, body);
}

/** The customer-facing pages: hosted invoice (pay with a test card), printable invoice, receipt. */
export function hostedInvoiceRoutes(store: StripeStore): Hono {
  const app = new Hono();
  const finalized = (id: string) => {
    const invoice = store.data.invoices[id];
    return invoice && invoice.status !== 'draft' ? invoice : undefined;
  };

  app.get('/_/stripe/invoices/:id', (c) => {
    const invoice = finalized(c.req.param('id'));
    if (!invoice) return c.html(layout('Invoice not found', html`<p class="card error">No such invoice.</p>`), 404);
    return c.html(renderInvoicePage(store, invoice));
  });

  app.get('/_/stripe/invoices/:id/pdf', (c) => {
    const invoice = finalized(c.req.param('id'));
    if (!invoice) return c.text('No such invoice', 404);
    return c.html(
      layout(
        `Invoice ${invoice.number}`,
        html`<div class="card">
          <h1>${store.accountName}</h1>
          <p>
            Invoice ${invoice.number} · issued ${formatDate(invoice.status_transitions.finalized_at)} · due ${formatDate(invoice.due_date)}
          </p>
          <p>Bill to: ${invoice.customer_name ?? ''} ${invoice.customer_email ?? ''}</p>
          ${summary(store, invoice)}
        </div>`,
      ),
    );
  });

  app.post('/_/stripe/invoices/:id/pay', async (c) => {
    const invoice = finalized(c.req.param('id'));
    if (!invoice) return c.html(layout('Invoice not found', html`<p class="card error">No such invoice.</p>`), 404);
    const form = await c.req.parseBody();
    const values = Object.fromEntries(['number', 'exp', 'cvc', 'postal_code'].map((k) => [k, String(form[k] ?? '')]));
    if (invoice.status !== 'open')
      return c.html(renderInvoicePage(store, invoice, { error: `This invoice is ${invoice.status} and cannot be paid.` }), 409);
    const exp = parseExpiry(values.exp ?? '');
    const card = {
      number: (values.number ?? '').replace(/[\s-]/g, ''),
      expMonth: exp.month,
      expYear: exp.year < 100 ? 2000 + exp.year : exp.year,
      cvc: values.cvc ?? '',
      postalCode: values.postal_code ?? '',
    };
    const problem = checkCardInput(card, new Date(store.clock()));
    if (problem) return c.html(renderInvoicePage(store, invoice, { error: problem.message, values }), 400);
    const outcome = payInvoiceWithCard(store, invoice, card, noRequest);
    if (!outcome.ok) return c.html(renderInvoicePage(store, invoice, { error: outcome.decline.message, values }), 402);
    return c.redirect(`/_/stripe/invoices/${invoice.id}`, 303);
  });

  app.get('/_/stripe/receipts/:id', (c) => {
    const charge = store.data.charges[c.req.param('id')];
    if (!charge || charge.status !== 'succeeded') return c.text('No such receipt', 404);
    const card = (charge.payment_method_details as { card: { brand: string; last4: string } }).card;
    return c.html(
      layout(
        `Receipt from ${store.accountName}`,
        html`<div class="card">
          <div class="muted">${store.accountName}</div>
          <h1>Receipt</h1>
          <p>
            ${formatMoney(charge.amount, charge.currency)} paid ${formatDate(Number(charge.created))} with ${card.brand} •••• ${card.last4}
          </p>
          ${charge.amount_refunded ? html`<p>Refunded ${formatMoney(charge.amount_refunded, charge.currency)}</p>` : ''}
          <p class="muted">${charge.description ?? ''} · ${charge.id}</p>
        </div>`,
      ),
    );
  });

  return app;
}
