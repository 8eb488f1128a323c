import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** `X-Cal-Signature-256`: hex HMAC-SHA256 of the exact raw body with the webhook's secret, no prefix. */
export function signCalcomPayload(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex');
}

export function verifyCalcomSignature(rawBody: string, signature: string | undefined | null, secret: string): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signCalcomPayload(rawBody, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature.toLowerCase(), 'hex'));
}

export const calcomWebhookSchema = z.object({
  triggerEvent: z.string(),
  createdAt: z.string(),
  payload: z
    .object({
      uid: z.string().optional(),
      bookingId: z.number().optional(),
      startTime: z.string().optional(),
      endTime: z.string().optional(),
      title: z.string().optional(),
      status: z.string().optional(),
      organizer: z
        .object({ id: z.number().optional(), email: z.string().optional(), username: z.string().nullable().optional() })
        .optional(),
      metadata: z.record(z.string(), z.unknown()).optional(),
      rescheduleUid: z.string().optional(),
      rescheduleStartTime: z.string().optional(),
      cancellationReason: z.string().nullable().optional(),
    })
    .loose(),
});
export type CalcomWebhook = z.infer<typeof calcomWebhookSchema>;

/** Cal.com sends no event id; the trigger, booking and creation time name one delivery. */
export function calcomEventId(hook: CalcomWebhook): string {
  return `${hook.triggerEvent}:${hook.payload.uid ?? hook.payload.bookingId ?? 'none'}:${hook.createdAt}`;
}
