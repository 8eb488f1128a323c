import { z } from 'zod';

/**
 * The quick reasons a provider can decline a request with (desk chips, bot buttons): a short
 * label for the button and the words the client reads. Providers may also write their own.
 */
export const declineReasons = {
  booked: { label: 'Fully booked', text: "I'm fully booked at that time." },
  area: { label: 'Outside my area', text: 'That address is outside the area I cover.' },
  job: { label: 'Not the right job', text: "This job isn't the right fit for my services." },
} as const;

export type DeclineReasonCode = keyof typeof declineReasons;
export const declineReasonCodes = Object.keys(declineReasons) as [DeclineReasonCode, ...DeclineReasonCode[]];

/** A decline reason as the client will read it: a quick reason's text or the provider's own words. */
export const declineReasonSchema = z
  .string()
  .trim()
  .min(2, 'Tell the client why, briefly')
  .max(500, 'Please keep it under 500 characters.');
