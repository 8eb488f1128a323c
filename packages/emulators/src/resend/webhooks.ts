import { randomUUID } from 'node:crypto';
import { Webhook } from 'svix';
import type { Clock } from '../shared/emulator.ts';
import { outcomeFor, type StoredEmail } from './api.ts';

export interface ResendWebhookEndpoint {
  url: string;
  /** The endpoint's signing secret, `whsec_…` as Resend's dashboard shows it. */
  secret: string;
}

export interface ResendWebhookDelivery {
  id: string;
  type: string;
  email_id: string;
  url: string;
  status: number | null;
}

/**
 * Resend's webhooks as Resend sends them: through Svix, signed (`svix-id`, `svix-timestamp`,
 * `svix-signature`), `email.sent` then `email.delivered` — or `email.bounced` / `email.complained`
 * for Resend's test addresses (bounced@resend.dev, complained@resend.dev).
 */
export function createResendWebhooks(endpoints: ResendWebhookEndpoint[], clock: Clock, delayMs = 200) {
  const deliveries: ResendWebhookDelivery[] = [];
  const timers = new Set<NodeJS.Timeout>();

  async function post(type: string, email: StoredEmail) {
    const created = new Date(clock());
    const body = JSON.stringify({
      type,
      created_at: created.toISOString(),
      data: {
        created_at: email.created_at,
        email_id: email.id,
        from: email.from,
        to: email.to,
        subject: email.subject,
        ...(type === 'email.bounced'
          ? { bounce: { message: 'The recipient address does not exist.', subType: 'General', type: 'Permanent' } }
          : {}),
      },
    });
    for (const ep of endpoints) {
      const id = `msg_${randomUUID().replace(/-/g, '')}`;
      const signature = new Webhook(ep.secret).sign(id, created, body);
      const status = await fetch(ep.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'svix-id': id,
          'svix-timestamp': String(Math.floor(created.getTime() / 1000)),
          'svix-signature': signature,
          'user-agent': 'Svix-Webhooks/1.0',
        },
        body,
        signal: AbortSignal.timeout(10_000),
      }).then(
        (r) => r.status,
        () => null,
      );
      deliveries.push({ id, type, email_id: email.id, url: ep.url, status });
    }
  }

  function later(fn: () => Promise<void>, ms: number) {
    const t = setTimeout(() => {
      timers.delete(t);
      void fn();
    }, ms);
    timers.add(t);
  }

  return {
    deliveries,
    sent(email: StoredEmail) {
      if (!endpoints.length || email.scheduled_at) return;
      const outcome = outcomeFor(email.to[0] ?? '');
      later(async () => {
        await post('email.sent', email);
        later(() => post(`email.${outcome}`, email), delayMs);
      }, delayMs);
    },
    close() {
      timers.forEach((t) => clearTimeout(t));
    },
  };
}
