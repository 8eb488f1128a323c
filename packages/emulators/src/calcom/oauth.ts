import { Hono, type Context } from 'hono';
import { html, layout } from '../shared/html.ts';
import { CalcomApiError, type CalcomStore } from './store.ts';

/**
 * OAuth 2 authorization code with PKCE: a page where a person picks their Cal.com account and
 * allows access (`/auth/oauth2/authorize`, as on app.cal.com), and the token endpoint
 * (`POST /v2/auth/oauth2/token`, form or JSON) for `authorization_code` and `refresh_token`.
 */
export function oauthRoutes(store: CalcomStore): Hono {
  const app = new Hono();

  const oauthError = (c: Context, status: number, error: string, description: string) =>
    c.json({ error, error_description: description }, status as 400);

  app.get('/auth/oauth2/authorize', (c) => {
    const q = c.req.query();
    const missing = ['client_id', 'redirect_uri', 'code_challenge'].filter((k) => !q[k]);
    if (missing.length || (q['code_challenge_method'] ?? 'S256') !== 'S256')
      return c.html(
        layout(
          'Cal.com — authorize',
          html`<h1>Cannot authorize</h1>
            <p class="error">Missing ${missing.join(', ') || 'code_challenge_method=S256'}</p>`,
        ),
        400,
      );
    const users = store.data.users;
    return c.html(
      layout(
        'Cal.com — authorize',
        html`<h1>Allow Handled to use your Cal.com calendar?</h1>
          <div class="card">
            <p>
              <strong>${q['client_id']}</strong> wants to read your schedules and busy times, and create, reschedule and cancel bookings.
            </p>
            ${users.length === 0 ? html`<p class="muted">No Cal.com account exists in the emulator yet.</p>` : ''}
            <form method="post" action="/auth/oauth2/authorize">
              ${Object.entries(q).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`)}
              <label for="user">Signed in as</label>
              <select id="user" name="user_id">
                ${users.map((u) => html`<option value="${u.id}">${u.name} (${u.email})</option>`)}
              </select>
              <div class="row" style="margin-top:14px">
                <button type="submit" name="decision" value="allow">Allow</button>
                <button class="secondary" type="submit" name="decision" value="deny">Deny</button>
              </div>
            </form>
          </div>`,
      ),
    );
  });

  app.post('/auth/oauth2/authorize', async (c) => {
    const f = await c.req.parseBody();
    const str = (k: string) => (typeof f[k] === 'string' ? f[k] : '');
    const redirect = new URL(str('redirect_uri'));
    if (str('state')) redirect.searchParams.set('state', str('state'));
    if (str('decision') !== 'allow') {
      redirect.searchParams.set('error', 'access_denied');
      return c.redirect(redirect.toString(), 302);
    }
    const user = store.user(Number(str('user_id')));
    redirect.searchParams.set(
      'code',
      store.issueCode({ clientId: str('client_id'), redirectUri: str('redirect_uri'), challenge: str('code_challenge'), userId: user.id }),
    );
    return c.redirect(redirect.toString(), 302);
  });

  app.post('/v2/auth/oauth2/token', async (c) => {
    const type = c.req.header('content-type') ?? '';
    const raw: Record<string, unknown> = type.includes('json')
      ? ((await c.req.json().catch(() => ({}))) as Record<string, unknown>)
      : await c.req.parseBody();
    const s = (k: string) => (typeof raw[k] === 'string' ? raw[k] : '');
    try {
      if (s('grant_type') === 'authorization_code') {
        if (!s('code_verifier')) return oauthError(c, 400, 'invalid_request', 'code_verifier is required (PKCE)');
        return c.json(
          store.exchangeCode({ code: s('code'), clientId: s('client_id'), redirectUri: s('redirect_uri'), verifier: s('code_verifier') }),
        );
      }
      if (s('grant_type') === 'refresh_token') return c.json(store.refresh({ refreshToken: s('refresh_token'), clientId: s('client_id') }));
      return oauthError(c, 400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
    } catch (e) {
      if (e instanceof CalcomApiError) return oauthError(c, e.status, e.code, e.message);
      throw e;
    }
  });

  return app;
}
