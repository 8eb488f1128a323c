import { Hono, type Context } from 'hono';
import type { ServiceDeps } from '@handled/api';
import {
  handleInboundSms,
  recordEmailEvent,
  recordSmsStatus,
  resendEventSchema,
  twilioInboundSchema,
  twilioStatusSchema,
  unsubscribeByLink,
} from '@handled/api/webhooks';
import { verifyResendWebhook } from '@handled/integrations/email';
import { escapeHtml } from '@handled/core/html';

export interface NotificationRouteOptions {
  deps: ServiceDeps;
  /** The address Twilio posts to (its signature covers the full URL). */
  publicApiUrl: string;
  resendWebhookSecret: string;
  onJobsWritten?: () => void;
}

async function formParams(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Delivery status (Resend via Svix, Twilio status callbacks), SMS STOP (Twilio inbound) and unsubscribe links — each signature checked. */
export function notificationRoutes(opts: NotificationRouteOptions) {
  const { deps } = opts;
  const app = new Hono();

  app.post('/webhooks/resend', async (c) => {
    const raw = await c.req.text();
    let payload: unknown;
    try {
      payload = verifyResendWebhook(opts.resendWebhookSecret, raw, {
        'svix-id': c.req.header('svix-id'),
        'svix-timestamp': c.req.header('svix-timestamp'),
        'svix-signature': c.req.header('svix-signature'),
      });
    } catch {
      return c.json({ error: 'Bad signature' }, 400);
    }
    const event = resendEventSchema.safeParse(payload);
    if (!event.success) return c.json({ error: 'Unexpected payload' }, 400);
    await recordEmailEvent(deps, event.data);
    opts.onJobsWritten?.();
    return c.json({ received: true });
  });

  const twilioChecked = async (c: Context, path: string) => {
    const params = await formParams(c);
    const signature = c.req.header('x-twilio-signature') ?? '';
    if (!deps.sms || !deps.sms.verify(signature, `${opts.publicApiUrl}${path}`, params)) return null;
    return params;
  };

  app.post('/webhooks/twilio/status', async (c) => {
    const params = await twilioChecked(c, '/webhooks/twilio/status');
    if (!params) return c.text('Bad signature', 403);
    const parsed = twilioStatusSchema.safeParse(params);
    if (!parsed.success) return c.text('Unexpected payload', 400);
    await recordSmsStatus(deps, parsed.data);
    opts.onJobsWritten?.();
    return c.body(null, 204);
  });

  app.post('/webhooks/twilio/inbound', async (c) => {
    const params = await twilioChecked(c, '/webhooks/twilio/inbound');
    if (!params) return c.text('Bad signature', 403);
    const parsed = twilioInboundSchema.safeParse(params);
    if (!parsed.success) return c.text('Unexpected payload', 400);
    const res = await handleInboundSms(deps, parsed.data);
    const reply =
      res === 'stopped'
        ? 'You will get no more texts from Handled. Reply START to undo.'
        : res === 'started'
          ? 'Texts from Handled can resume: turn them on again in your account.'
          : null;
    return c.body(
      `<?xml version="1.0" encoding="UTF-8"?><Response>${reply ? `<Message>${escapeHtml(reply)}</Message>` : ''}</Response>`,
      200,
      {
        'content-type': 'text/xml',
      },
    );
  });

  const page = (c: Context, title: string, text: string, form?: string) =>
    c.html(
      `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title><body style="font:16px system-ui;max-width:34rem;margin:3rem auto;padding:0 1rem"><h1>${title}</h1><p>${text}</p>${form ?? ''}<p><a href="${deps.config.webUrl}/account#notifications">Your notification settings</a></p></body>`,
    );
  // The link in the email shows a button (a mail scanner following links unsubscribes nobody); the button and
  // mail clients' one-click (RFC 8058, List-Unsubscribe-Post) POST the same address.
  app.get('/notifications/unsubscribe', (c) => {
    const q = c.req.query();
    const action = `/notifications/unsubscribe?${new URLSearchParams({ u: q.u ?? '', g: q.g ?? '', s: q.s ?? '' }).toString()}`;
    return page(
      c,
      'Unsubscribe',
      `Stop emails about ${escapeHtml(q.g ?? 'these events')}? You still see them in Handled.`,
      `<form method="post" action="${escapeHtml(action)}"><button style="font:inherit;padding:.6rem 1rem">Unsubscribe</button></form>`,
    );
  });
  app.post('/notifications/unsubscribe', async (c) => {
    const group = await unsubscribeByLink(deps, c.req.query());
    if (!group) return page(c, 'Link not valid', 'This unsubscribe link is not valid. Change your choices in your account instead.');
    return page(c, 'Unsubscribed', `You will get no more emails about ${escapeHtml(group)}. You can turn them on again in your account.`);
  });

  return app;
}
