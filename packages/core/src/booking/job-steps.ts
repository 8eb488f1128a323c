import { DomainError } from '../errors.ts';
import { MINUTE_MS } from '../durations.ts';
import { allowedCommands, transition } from './state-machine.ts';
import { defaultBookingRules, type Actor, type BookingRules, type BookingSnapshot, type BookingStatus } from './types.ts';

/** The provider's three steps on the day, in the order a job screen shows them. */
export const jobStepCommands = ['mark_on_my_way', 'start', 'complete'] as const;
export type JobStepCommand = (typeof jobStepCommands)[number];

/**
 * One step as a button: `done` (it happened), `open` (the machine takes it now), `blocked` (not
 * now: `reason` says why, in the machine's own words) or `skipped` (its moment passed without it,
 * e.g. started without saying "on my way").
 */
export interface JobStep {
  command: JobStepCommand;
  state: 'done' | 'open' | 'blocked' | 'skipped';
  reason: string | null;
  /**
   * The time window the step's guards allow (from `opensAt`, until `closesAt`), so a screen can
   * say "from 9:30 AM" and, with no connection, open the button when the time comes.
   */
  opensAt: Date | null;
  closesAt: Date | null;
}

const started: readonly BookingStatus[] = ['in_progress', 'completed', 'disputed'];
const finished: readonly BookingStatus[] = ['completed', 'disputed'];

/** The window each step's time guards allow (see `onMyWayWindowOpen` and `startWindowOpen`). */
function windowOf(command: JobStepCommand, b: BookingSnapshot, rules: BookingRules): { opensAt: Date | null; closesAt: Date | null } {
  const start = b.startsAt.getTime();
  if (command === 'mark_on_my_way') return { opensAt: new Date(start - rules.onMyWayEarlyMinutes * MINUTE_MS), closesAt: b.endsAt };
  if (command === 'start') return { opensAt: new Date(start - rules.startEarlyMinutes * MINUTE_MS), closesAt: null };
  return { opensAt: null, closesAt: null };
}

/** Why the machine refuses `command` now: its guard's or its state's message. */
function refusal(b: BookingSnapshot, command: JobStepCommand, actor: Actor, now: Date, rules: BookingRules): string {
  // Before the client pays, and before the start for "complete", say what comes first rather
  // than the bare state ("it is confirmed").
  if (command !== 'complete' && (b.status === 'requested' || b.status === 'accepted'))
    return b.status === 'requested'
      ? 'Accept the request first; the job steps open once the client has paid.'
      : 'The client has not paid yet; the job steps open once they do.';
  if (command === 'complete' && (b.status === 'confirmed' || b.status === 'requested' || b.status === 'accepted'))
    return 'Start the job first: you can complete it once it is in progress.';
  try {
    transition(b, { type: command }, actor, now, rules);
  } catch (e) {
    if (e instanceof DomainError) return e.message;
    throw e;
  }
  return 'Not possible right now.';
}

/**
 * What the job screen shows as the steps on the day: each step's state, and when not open the
 * reason from the machine's guards ("You can start from 60 min before the start time."), with the
 * time window those guards allow. Pure; `allowedCommands` decides what is open.
 */
export function jobSteps(b: BookingSnapshot, actor: Actor, now: Date, rules?: Partial<BookingRules>): JobStep[] {
  const r: BookingRules = { ...defaultBookingRules, ...rules };
  const allowed = new Set(allowedCommands(b, actor, now, r));
  return jobStepCommands.map((command) => {
    const window = windowOf(command, b, r);
    const done =
      command === 'mark_on_my_way' ? !!b.onMyWayAt : command === 'start' ? started.includes(b.status) : finished.includes(b.status);
    if (done) return { command, state: 'done', reason: null, ...window };
    if (command === 'mark_on_my_way' && started.includes(b.status))
      return { command, state: 'skipped', reason: 'The job started without "on my way".', ...window };
    if (allowed.has(command)) return { command, state: 'open', reason: null, ...window };
    return { command, state: 'blocked', reason: refusal(b, command, actor, now, r), ...window };
  });
}
