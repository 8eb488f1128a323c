import { Hono } from 'hono';
import { html, layout } from '../shared/html.ts';
import { completeOnboarding } from './accounts.ts';
import { noRequest, type StripeStore } from './store.ts';

/**
 * `/_/stripe/connect/onboard/:link`: the Connect onboarding a provider goes through.
 * Links are single use and expire; a spent or expired link sends the person to `refresh_url`.
 */
export function onboardingRoutes(store: StripeStore): Hono {
  const app = new Hono();
  const usable = (id: string) => {
    const link = store.data.account_links[id];
    if (!link) return { link: undefined, ok: false };
    return { link, ok: !link.used && link.expires_at > store.now() };
  };

  app.get('/_/stripe/connect/onboard/:link', (c) => {
    const { link, ok } = usable(c.req.param('link'));
    if (!link) return c.html(layout('Link not found', html`<p class="card error">This onboarding link is not valid.</p>`), 404);
    if (!ok) return c.redirect(link.refresh_url, 302);
    const account = store.data.accounts[link.account];
    if (!account) return c.html(layout('Account not found', html`<p class="card error">The account no longer exists.</p>`), 404);
    return c.html(
      layout(
        `Set up payouts with ${store.accountName}`,
        html`<div class="card">
          <div class="muted">${store.accountName} partners with Stripe for secure payments and payouts.</div>
          <h1>Tell us about your business</h1>
          <form method="post">
            <label for="name">Business or your full name</label><input id="name" name="name" value="${account.email ?? ''}" required />
            <div class="row">
              <div><label for="first">First name</label><input id="first" name="first_name" value="Jenny" required /></div>
              <div><label for="last">Last name</label><input id="last" name="last_name" value="Rosen" required /></div>
            </div>
            <label for="routing">Routing number</label><input id="routing" name="routing" value="110000000" required />
            <label for="acct">Account number</label><input id="acct" name="account_number" value="000123456789" required />
            <p class="muted">Test mode: the values above are Stripe's test bank details (account 000111111116 makes payouts fail).</p>
            <p><button type="submit">Agree and submit</button></p>
          </form>
          <p><a href="${link.return_url}">Save and finish later</a></p>
        </div>`,
      ),
    );
  });

  app.post('/_/stripe/connect/onboard/:link', async (c) => {
    const { link, ok } = usable(c.req.param('link'));
    if (!link) return c.html(layout('Link not found', html`<p class="card error">This onboarding link is not valid.</p>`), 404);
    if (!ok) return c.redirect(link.refresh_url, 303);
    const account = store.data.accounts[link.account];
    if (!account) return c.text('No such account', 404);
    const form = await c.req.parseBody();
    const routing = String(form.routing ?? '');
    if (!/^\d{9}$/.test(routing))
      return c.html(layout('Check your details', html`<p class="card error">The routing number must have 9 digits.</p>`), 400);
    const accountNumber = String(form.account_number ?? '000123456789');
    if (!/^\d{4,17}$/.test(accountNumber))
      return c.html(layout('Check your details', html`<p class="card error">The account number must have 4 to 17 digits.</p>`), 400);
    link.used = true;
    completeOnboarding(store, account, { name: String(form.name ?? ''), accountNumber }, noRequest);
    return c.redirect(link.return_url, 303);
  });

  return app;
}
