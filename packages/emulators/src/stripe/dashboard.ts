import { Hono } from 'hono';
import { formatMoney, formatTime, html, layout } from '../shared/html.ts';
import type { StripeStore } from './store.ts';

/** `/_/stripe`: what a developer would look at in the Stripe dashboard, plus webhook deliveries. */
export function dashboardRoutes(store: StripeStore): Hono {
  const app = new Hono();

  app.get('/_/stripe', (c) => {
    const invoices = Object.values(store.data.invoices).reverse().slice(0, 100);
    const customers = Object.values(store.data.customers).reverse().slice(0, 100);
    const events = store.data.events.slice(-100).reverse();
    const deliveries = store.deliveries;
    const lastDelivery = (id: string) => deliveries.filter((d) => d.eventId === id).at(-1);
    const body = html`<h1>Stripe (test mode)</h1>
      <div class="card">
        <h2>Invoices</h2>
        <table>
          <thead>
            <tr>
              <th>Number</th>
              <th>Customer</th>
              <th>Status</th>
              <th class="num">Total</th>
              <th class="num">Due</th>
            </tr>
          </thead>
          <tbody>
            ${invoices.map(
              (i) =>
                html`<tr>
                  <td>
                    ${i.hosted_invoice_url ? html`<a href="/_/stripe/invoices/${i.id}">${i.number}</a>` : html`<span class="muted">${i.id}</span>`}
                  </td>
                  <td>${i.customer_email ?? i.customer}</td>
                  <td><span class="badge ${i.status}">${i.status}</span></td>
                  <td class="num">${formatMoney(i.total, i.currency)}</td>
                  <td class="num">${formatMoney(i.amount_remaining, i.currency)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${invoices.length === 0 ? html`<p class="muted">No invoices yet.</p>` : ''}
      </div>
      <div class="card">
        <h2>Customers</h2>
        <table>
          <tbody>
            ${customers.map(
              (cu) =>
                html`<tr>
                  <td>${cu.name ?? ''}</td>
                  <td>${cu.email ?? ''}</td>
                  <td class="muted">${cu.id}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="card">
        <h2>Webhook endpoints</h2>
        ${store.dispatcher.endpoints.length === 0 ? html`<p class="muted">None configured (STRIPE_WEBHOOK_URL).</p>` : ''}
        <ul>
          ${store.dispatcher.endpoints.map((e) => html`<li>${e.url}${e.connect ? ' (connect)' : ''}</li>`)}
        </ul>
      </div>
      <div class="card">
        <h2>Events</h2>
        <table>
          <thead>
            <tr>
              <th>Type</th>
              <th>Created</th>
              <th>Delivery</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${events.map((e) => {
              const d = lastDelivery(e.id);
              return html`<tr>
                <td>
                  ${e.type}
                  <div class="muted">${e.id}</div>
                </td>
                <td class="muted">${formatTime(e.created)}</td>
                <td>
                  ${d ? html`<span class="badge ${d.ok ? 'ok' : 'failed'}">${d.status ?? 'error'}</span> <span class="muted">try ${d.attempt}</span>` : html`<span class="muted">—</span>`}
                </td>
                <td>
                  <form method="post" action="/_/stripe/events/${e.id}/redeliver">
                    <button class="secondary" type="submit">Resend</button>
                  </form>
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>`;
    return c.html(layout('Stripe', body));
  });

  app.post('/_/stripe/events/:id/redeliver', (c) => {
    const id = c.req.param('id');
    if (!store.data.events.some((e) => e.id === id)) return c.text('No such event', 404);
    store.redeliver(id);
    return c.redirect('/_/stripe', 303);
  });

  app.get('/_/stripe/events/:id', (c) => {
    const event = store.data.events.find((e) => e.id === c.req.param('id'));
    return event ? c.json(event) : c.json({ error: 'not found' }, 404);
  });

  return app;
}
