import { z } from 'zod';
import { declineReasonCodes, type DeclineReasonCode } from '@handled/core/decline-reasons';
import { bookingButtonData } from '@handled/core/telegram-buttons';

/**
 * Inline-button callback data for bookings: `bk:<action>:<id>[:<arg>]`, built by
 * `@handled/core/telegram-buttons` (the server's notifications use the same builders) and checked
 * here with zod before anything is called. Telegram caps callback data at 64 bytes.
 */
export const bookingIdSchema = z.string().regex(/^[\w-]{1,48}$/);

/** A quick reason's code (the core's list), or `other`: the provider then types their own. */
export type DeclineChoice = DeclineReasonCode | 'other';
export const declineChoices: readonly [DeclineChoice, ...DeclineChoice[]] = [...declineReasonCodes, 'other'];

const small = (max: number) => z.coerce.number().int().min(0).max(max);

const callbackSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('view'), id: bookingIdSchema }),
  z.strictObject({ action: z.literal('accept'), id: bookingIdSchema }),
  z.strictObject({ action: z.literal('back'), id: bookingIdSchema }),
  z.strictObject({ action: z.literal('decline'), id: bookingIdSchema, arg: z.enum(declineChoices).optional() }),
  // `bk:noshow:<id>` asks (with the consequence); `bk:noshow:<id>:yes` reports.
  z.strictObject({ action: z.literal('noshow'), id: bookingIdSchema, arg: z.literal('yes').optional() }),
  // The quoted fee in minor units: the API refuses if it changed meanwhile.
  z.strictObject({ action: z.literal('cancel'), id: bookingIdSchema, arg: small(1e12).optional() }),
  // Day offset from today (in the reader's zone), 0-59.
  z.strictObject({ action: z.literal('resched'), id: bookingIdSchema, arg: small(59).optional() }),
  z.strictObject({ action: z.literal('slot'), id: bookingIdSchema, arg: small(99) }),
  z.strictObject({ action: z.literal('chyes'), id: bookingIdSchema }),
  z.strictObject({ action: z.literal('chno'), id: bookingIdSchema }),
  z.strictObject({ action: z.literal('done'), id: bookingIdSchema }),
  z.strictObject({ action: z.literal('problem'), id: bookingIdSchema }),
  z.strictObject({ action: z.literal('rate'), id: bookingIdSchema, arg: z.coerce.number().int().min(1).max(5).optional() }),
  z.strictObject({ action: z.literal('msg'), id: bookingIdSchema }),
  z.strictObject({ action: z.literal('sos'), id: bookingIdSchema }),
  z.strictObject({ action: z.literal('omw'), id: bookingIdSchema }),
  z.strictObject({ action: z.literal('start'), id: bookingIdSchema }),
  // Actual quarter hours worked (1 = 15 min … 96 = 24 h).
  z.strictObject({ action: z.literal('finish'), id: bookingIdSchema, arg: z.coerce.number().int().min(1).max(96).optional() }),
]);
export type BookingCallback = z.infer<typeof callbackSchema>;
export type CallbackOf<A extends BookingCallback['action']> = Extract<BookingCallback, { action: A }>;

/** `bk:<action>:<id>[:<arg>]` → a checked value, or null for anything else. */
export function parseBookingCallback(data: string | undefined): BookingCallback | null {
  if (!data) return null;
  const [prefix, action, id, arg, ...rest] = data.split(':');
  if (prefix !== 'bk' || rest.length > 0) return null;
  const parsed = callbackSchema.safeParse({ action, id, ...(arg === undefined ? {} : { arg }) });
  return parsed.success ? parsed.data : null;
}

export const bookingButtons = bookingButtonData;

/** A link code as the site shows it; people type it in any case, with stray spaces. */
export const linkCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{4,16}$/, 'A link code is 4-16 letters and digits, like 7KQ2M9XA.');
