import { Hono } from 'hono';
import { html, layout } from '../shared/html.ts';
import type { TwilioData } from './api.ts';

/** `/_/sms`: the SMS log, newest first, with delivery status and callbacks. */
export function smsLogRoutes(data: () => TwilioData): Hono {
  const app = new Hono();
  app.get('/_/sms', (c) => {
    const to = c.req.query('to');
    const messages = [...data().messages].reverse().filter((m) => !to || m.to === to);
    return c.html(
      layout(
        'SMS log',
        html`<h1>SMS log</h1>
          <form class="row" method="get">
            <input name="to" placeholder="Filter by number (+1555…)" value="${to ?? ''}" /><button type="submit" class="secondary">
              Filter
            </button>
          </form>
          <div class="card" style="overflow-x:auto">
            <table>
              <thead>
                <tr>
                  <th>To</th>
                  <th>Message</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                ${messages.map(
                  (m) =>
                    html`<tr>
                      <td>
                        ${m.to}
                        <div class="muted">from ${m.from}</div>
                      </td>
                      <td style="white-space:pre-wrap;overflow-wrap:anywhere">${m.body}</td>
                      <td>
                        <span class="badge ${m.status === 'delivered' ? 'ok' : m.status === 'failed' ? 'failed' : 'pending'}"
                          >${m.status}</span
                        >
                        <div class="muted">${m.date_created}</div>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
            ${messages.length === 0 ? html`<p class="muted">No messages yet.</p>` : ''}
          </div>`,
      ),
    );
  });
  app.get('/_/sms/messages', (c) => {
    const to = c.req.query('to');
    return c.json({ messages: [...data().messages].reverse().filter((m) => !to || m.to === to), callbacks: data().callbacks });
  });
  return app;
}
