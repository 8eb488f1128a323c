import { z } from 'zod';
import { idSchema } from '@handled/core/schemas';

export const MESSAGE_MAX_CHARS = 2000;

/**
 * A message is plain text, shown as text everywhere. Markup is refused rather than stored, so an
 * email digest or a future rich view can never turn it into HTML.
 */
export const messageBodySchema = z
  .string({ error: 'Write a message' })
  .trim()
  .min(1, 'Write a message')
  .max(MESSAGE_MAX_CHARS, `Keep it under ${MESSAGE_MAX_CHARS.toLocaleString('en-US')} characters`)
  .refine((s) => !/<\s*\/?\s*[a-z][^>]*>/i.test(s), 'Messages are plain text: please remove the <tags>');

export const threadsInputSchema = z.object({ limit: z.number().int().min(1).max(100).optional() }).default({});

export const threadInputSchema = z.object({
  bookingId: idSchema,
  /** A message id: return the messages written before it (older history). */
  before: idSchema.optional(),
  limit: z.number().int().min(1).max(200).optional(),
});

export const sendInputSchema = z.object({ bookingId: idSchema, body: messageBodySchema });
export const markReadInputSchema = z.object({ bookingId: idSchema });
export const unreadInputSchema = z.object({}).default({});

export const reportInputSchema = z.object({
  messageId: idSchema,
  reason: z
    .string({ error: 'Say what is wrong with this message' })
    .trim()
    .min(3, 'Say what is wrong with this message')
    .max(500, 'Keep it under 500 characters'),
});

export const reportsInputSchema = z.object({ status: z.enum(['open', 'reviewed', 'all']).default('open') }).default({ status: 'open' });
export const reviewReportInputSchema = z.object({
  reportId: idSchema,
  note: z.string().trim().max(1000, 'Keep the note under 1,000 characters').default(''),
});

export const askInputSchema = z.object({
  /** The provider's id or slug (their page's address). */
  provider: idSchema,
  body: messageBodySchema,
});
export const enquiryInputSchema = z.object({ enquiryId: idSchema });
export const enquiryReplyInputSchema = z.object({ enquiryId: idSchema, body: messageBodySchema });

export const messagingSettingsInputSchema = z.object({
  value: z.object({ maskContactsBeforeConfirmed: z.boolean() }),
  reason: z.string().trim().min(3, 'Say why you change it').max(500),
  expectedVersion: z.int().min(0),
});
