import type { RouterOutputs } from '@handled/client';

export type CalendarSettings = RouterOutputs['calendar']['settings'];
export type CalendarConnection = CalendarSettings['connection'];
export type CalendarRules = NonNullable<CalendarSettings['rules']>;
export type SlotPreviewData = RouterOutputs['calendar']['preview'];
export type CalendarConflict = RouterOutputs['calendar']['conflicts'][number];
export type EventTypeOption = RouterOutputs['calendar']['eventTypes'][number];

/** Rules as the engine defaults them when a provider has never saved any (core's scheduleSchema). */
export const defaultRules: CalendarRules = {
  bufferBeforeMin: 0,
  bufferAfterMin: 0,
  minNoticeMin: 0,
  horizonDays: 60,
  slotIntervalMin: 30,
  maxJobsPerDay: null,
  maxJobsPerWeek: null,
};

/** Whether the onboarding step was answered on this machine ("keep my availability in Handled"). */
const onboardingKey = (userId: string) => `handled:calendar-onboarding:${userId}`;
export function onboardingAnswered(userId: string): boolean {
  try {
    return localStorage.getItem(onboardingKey(userId)) !== null;
  } catch {
    return false;
  }
}
export function answerOnboarding(userId: string, answer: 'app' | 'calcom') {
  try {
    localStorage.setItem(onboardingKey(userId), answer);
  } catch {
    // Private mode: the step shows again next time, nothing else breaks.
  }
}
