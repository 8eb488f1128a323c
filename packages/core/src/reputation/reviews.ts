import { DAY_MS, HOUR_MS } from '../durations.ts';

/**
 * Double-blind reviews after a job (as Sharetribe's): the client reviews the provider and the
 * provider the client; neither sees the other's — nor does anyone else — until both have written
 * or the window closes. One per side per booking, editable for a while after writing.
 */
export interface ReviewSettings {
  /** Days after the job was completed during which either side may review. */
  windowDays: number;
  /** Hours after writing during which the author may change a review (never past the window). */
  editHours: number;
  /** Days before the window closes that the side still to write is reminded. */
  reminderDaysBefore: number;
}

export const defaultReviewSettings: ReviewSettings = { windowDays: 14, editHours: 48, reminderDaysBefore: 3 };

export type ReviewDirection = 'client_to_provider' | 'provider_to_client';

export function reviewWindowClosesAt(completedAt: Date, s: ReviewSettings): Date {
  return new Date(completedAt.getTime() + s.windowDays * DAY_MS);
}

export function reviewWindowOpen(completedAt: Date | null, now: Date, s: ReviewSettings): boolean {
  return completedAt !== null && now.getTime() >= completedAt.getTime() && now < reviewWindowClosesAt(completedAt, s);
}

/** Until when the author may edit: `editHours` after writing, and not after the window closes. */
export function editableUntil(writtenAt: Date, completedAt: Date, s: ReviewSettings): Date {
  return new Date(Math.min(writtenAt.getTime() + s.editHours * HOUR_MS, reviewWindowClosesAt(completedAt, s).getTime()));
}

/** When the reviews of a booking become visible: at the second one written, or at the window's close. */
export function revealAt(completedAt: Date, written: { client: Date | null; provider: Date | null }, s: ReviewSettings): Date {
  const closes = reviewWindowClosesAt(completedAt, s);
  if (written.client && written.provider) {
    const second = Math.max(written.client.getTime(), written.provider.getTime());
    return new Date(Math.min(second, closes.getTime()));
  }
  return closes;
}

export function revealed(completedAt: Date, written: { client: Date | null; provider: Date | null }, now: Date, s: ReviewSettings) {
  return now >= revealAt(completedAt, written, s);
}

/** When to remind the side still to write. */
export function reviewReminderAt(completedAt: Date, s: ReviewSettings): Date {
  return new Date(reviewWindowClosesAt(completedAt, s).getTime() - s.reminderDaysBefore * DAY_MS);
}

export const subRatings = ['quality', 'punctuality', 'communication', 'value'] as const;
export type SubRating = (typeof subRatings)[number];
export const subRatingLabels: Record<SubRating, string> = {
  quality: 'Quality of work',
  punctuality: 'Punctuality',
  communication: 'Communication',
  value: 'Value for money',
};

export const maxReviewPhotos = 4;

/**
 * "responds within N hours" from the median answer time in minutes, rounded up to the hour (a
 * provider who answers in 70 minutes responds "within 2 hours"); null before any answer.
 */
export function respondsWithin(medianMinutes: number | null): string | null {
  if (medianMinutes === null || !Number.isFinite(medianMinutes)) return null;
  const hours = Math.max(1, Math.ceil(medianMinutes / 60));
  if (hours === 1) return 'within an hour';
  if (hours < 24) return `within ${hours} hours`;
  const days = Math.ceil(hours / 24);
  return days === 1 ? 'within a day' : `within ${days} days`;
}
