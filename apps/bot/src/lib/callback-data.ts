import { z } from 'zod';
import { declineReasonCodes, type DeclineReasonCode } from '@handled/core/decline-reasons';

/**
 * Inline-button callback data for bookings. The server's notifications write `bk:accept:<id>`
 * and `bk:decline:<id>`; the bot adds the rest. Telegram caps callback data at 64 bytes.
 */
export const bookingIdSchema = z.string().regex(/^[\w-]{1,48}$/);

/** A quick reason's code (the core's list), or `other`: the provider then types their own. */
export type DeclineChoice = DeclineReasonCode | 'other';
export const declineChoices: readonly [DeclineChoice, ...DeclineChoice[]] = [...declineReasonCodes, 'other'];

const callbackSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('view'), id: bookingIdSchema }),
  z.strictObject({ action: z.literal('accept'), id: bookingIdSchema }),
  z.strictObject({ action: z.literal('back'), id: bookingIdSchema }),
  z.strictObject({ action: z.literal('decline'), id: bookingIdSchema, reason: z.enum(declineChoices).optional() }),
  // `bk:noshow:<id>` asks (with the consequence); `bk:noshow:<id>:yes` reports.
  z.strictObject({ action: z.literal('noshow'), id: bookingIdSchema, reason: z.literal('yes').optional() }),
]);
export type BookingCallback = z.infer<typeof callbackSchema>;

/** `bk:<action>:<id>[:<reason>]` → a checked value, or null for anything else. */
export function parseBookingCallback(data: string | undefined): BookingCallback | null {
  if (!data) return null;
  const [prefix, action, id, reason, ...rest] = data.split(':');
  if (prefix !== 'bk' || rest.length > 0) return null;
  const parsed = callbackSchema.safeParse({ action, id, ...(reason === undefined ? {} : { reason }) });
  return parsed.success ? parsed.data : null;
}

export const bookingButtons = {
  view: (id: string) => `bk:view:${id}`,
  accept: (id: string) => `bk:accept:${id}`,
  decline: (id: string) => `bk:decline:${id}`,
  declineWith: (id: string, reason: DeclineChoice) => `bk:decline:${id}:${reason}`,
  back: (id: string) => `bk:back:${id}`,
  noShow: (id: string) => `bk:noshow:${id}`,
  noShowConfirm: (id: string) => `bk:noshow:${id}:yes`,
};

/** A link code as the site shows it; people type it in any case, with stray spaces. */
export const linkCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{4,16}$/, 'A link code is 4-16 letters and digits, like 7KQ2M9XA.');
