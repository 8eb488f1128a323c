import { Hono } from 'hono';
import { html, layout } from '../shared/html.ts';
import type { ResendData } from './api.ts';

/** `/_/mailbox`: every email sent, rendered as the recipient would see it. */
export function mailboxRoutes(data: () => ResendData): Hono {
  const app = new Hono();
  const find = (id: string) => data().emails.find((e) => e.id === id);

  app.get('/_/mailbox', (c) => {
    const to = c.req.query('to');
    const emails = [...data().emails].reverse().filter((e) => !to || e.to.some((a) => a.includes(to)));
    return c.html(
      layout(
        'Mailbox',
        html`<h1>Mailbox</h1>
          <form class="row" method="get">
            <input name="to" placeholder="Filter by recipient" value="${to ?? ''}" /><button type="submit" class="secondary">Filter</button>
          </form>
          <div class="card">
            <table>
              <thead>
                <tr>
                  <th>To</th>
                  <th>Subject</th>
                  <th>Sent</th>
                </tr>
              </thead>
              <tbody>
                ${emails.map(
                  (e) =>
                    html`<tr>
                      <td>${e.to.join(', ')}</td>
                      <td><a href="/_/mailbox/${e.id}">${e.subject}</a></td>
                      <td class="muted">${e.created_at.replace('T', ' ').slice(0, 19)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
            ${emails.length === 0 ? html`<p class="muted">No emails yet.</p>` : ''}
          </div>`,
      ),
    );
  });

  /** JSON for tests of other packages: `?to=` filters by recipient. */
  app.get('/_/mailbox/messages', (c) => {
    const to = c.req.query('to');
    return c.json({ emails: [...data().emails].reverse().filter((e) => !to || e.to.some((a) => a.includes(to))) });
  });

  app.get('/_/mailbox/:id', (c) => {
    const email = find(c.req.param('id'));
    if (!email) return c.html(layout('Not found', html`<p class="card error">No such email.</p>`), 404);
    return c.html(
      layout(
        email.subject,
        html`<h1>${email.subject}</h1>
          <div class="card">
            <table>
              <tbody>
                <tr>
                  <th>From</th>
                  <td>${email.from}</td>
                </tr>
                <tr>
                  <th>To</th>
                  <td>${email.to.join(', ')}</td>
                </tr>
                ${
                  email.cc
                    ? html`<tr>
                        <th>Cc</th>
                        <td>${email.cc.join(', ')}</td>
                      </tr>`
                    : ''
                }
                ${
                  email.reply_to
                    ? html`<tr>
                        <th>Reply-To</th>
                        <td>${email.reply_to.join(', ')}</td>
                      </tr>`
                    : ''
                }
                <tr>
                  <th>Sent</th>
                  <td>${email.created_at}</td>
                </tr>
                ${
                  email.tags.length
                    ? html`<tr>
                        <th>Tags</th>
                        <td>${email.tags.map((t) => `${t.name}=${t.value}`).join(', ')}</td>
                      </tr>`
                    : ''
                }
                ${
                  email.attachments.length
                    ? html`<tr>
                        <th>Attachments</th>
                        <td>${email.attachments.map((a) => `${a.filename} (${a.size} B)`).join(', ')}</td>
                      </tr>`
                    : ''
                }
              </tbody>
            </table>
          </div>
          ${email.html !== null ? html`<iframe title="Email body" sandbox src="/_/mailbox/${email.id}/html" style="width:100%;height:70vh;border:1px solid #e3e8ee;border-radius:10px;background:#fff"></iframe>` : ''}
          ${
            email.text !== null
              ? html`<h2>Plain text</h2>
                  <pre>${email.text}</pre>`
              : ''
          }`,
      ),
    );
  });

  app.get('/_/mailbox/:id/html', (c) => {
    const email = find(c.req.param('id'));
    if (!email || email.html === null) return c.text('No HTML body', 404);
    // The email's own HTML, sandboxed: no scripts, no same-origin access.
    return c.html(email.html, 200, {
      'content-security-policy': "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline' *",
    });
  });

  return app;
}
