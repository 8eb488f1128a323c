import { Hono } from 'hono';
import { escapeHtml } from '@handled/core/html';

const id = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * `/open/bookings/<id>` (and `/open/messages/<id>`): the web address Telegram buttons carry for
 * the desk app, since Telegram takes only web links. The page hands the booking to the app
 * (`handled-desk://bookings/<id>`, registered with the OS by the installed desk) and offers the desk
 * in the browser beside it for where the app is not installed. No script: a link and a refresh.
 */
export function openDeskRoutes(opts: { deskUrl: string }) {
  const app = new Hono();
  app.get('/open/:kind{bookings|messages}/:id', (c) => {
    const kind = c.req.param('kind');
    const target = c.req.param('id');
    if (!id.test(target)) return c.json({ error: 'Not found' }, 404);
    const appLink = `handled-desk://${kind}/${target}`;
    const browserLink = `${opts.deskUrl.replace(/\/$/, '')}/#/${kind}/${target}`;
    const what = kind === 'bookings' ? 'this booking' : 'this conversation';
    return c.html(
      `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="referrer" content="no-referrer">` +
        `<meta http-equiv="refresh" content="0; url=${escapeHtml(appLink)}"><title>Open in Handled Desk</title>` +
        `<body style="font:16px system-ui;max-width:34rem;margin:3rem auto;padding:0 1rem"><h1>Opening Handled Desk…</h1>` +
        `<p><a data-app href="${escapeHtml(appLink)}" style="display:inline-block;padding:12px 18px;border-radius:10px;background:#0f766e;color:#fff;text-decoration:none;font-weight:600">Open ${what} in Handled Desk</a></p>` +
        `<p>No desk app on this computer? <a data-browser href="${escapeHtml(browserLink)}">Open ${what} in your browser</a>.</p></body>`,
    );
  });
  return app;
}
