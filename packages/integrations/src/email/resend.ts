import { Resend } from 'resend';
import { Webhook } from 'svix';

export interface EmailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post). */
  headers?: Record<string, string>;
  /** Resend deduplicates sends that carry the same key for 24 h. */
  idempotencyKey?: string;
  /** Files sent with the message (e.g. a PDF receipt). */
  attachments?: {
    filename: string;
    content: Buffer;
    contentType?: string;
    /** Shown inline where the HTML says `cid:<contentId>`. */ contentId?: string;
  }[];
}

export interface EmailSender {
  send(message: EmailMessage): Promise<{ id: string }>;
}

export interface ResendConfig {
  apiKey: string;
  from: string;
  /** The emulator's origin in the offline sandbox; unset for the real Resend API. */
  baseUrl?: string;
}

export function createResendSender(config: ResendConfig): EmailSender {
  const resend = config.baseUrl ? new Resend(config.apiKey, { baseUrl: config.baseUrl }) : new Resend(config.apiKey);
  return {
    async send(message) {
      const { data, error } = await resend.emails.send(
        {
          from: config.from,
          to: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
          ...(message.headers ? { headers: message.headers } : {}),
          ...(message.attachments
            ? {
                attachments: message.attachments.map((a) => ({
                  filename: a.filename,
                  content: a.content,
                  ...(a.contentType ? { contentType: a.contentType } : {}),
                  ...(a.contentId ? { contentId: a.contentId } : {}),
                })),
              }
            : {}),
        },
        message.idempotencyKey ? { idempotencyKey: message.idempotencyKey } : undefined,
      );
      if (error || !data) throw new Error(`Email to ${message.to} failed: ${error?.message ?? 'no response'}`);
      return { id: data.id };
    },
  };
}

/**
 * A Resend webhook (email.delivered, email.bounced, email.complained, …) checked against its Svix
 * signature; throws when the signature or timestamp is wrong.
 */
export function verifyResendWebhook(secret: string, body: string, headers: Record<string, string | undefined>): unknown {
  // Throws on a bad signature or a stale timestamp; the payload is the body once the signature holds.
  new Webhook(secret).verify(body, {
    'svix-id': headers['svix-id'] ?? '',
    'svix-timestamp': headers['svix-timestamp'] ?? '',
    'svix-signature': headers['svix-signature'] ?? '',
  });
  return JSON.parse(body) as unknown;
}
