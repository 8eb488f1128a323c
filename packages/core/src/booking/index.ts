/**
 * # Booking core
 *
 * One state machine for a booking's lifecycle, declared as a table (`transitionTable`) and
 * run by `transition`; the cancellation policies and their money; request expiry. Pure: time is
 * passed in, nothing is read or written.
 *
 * ```ts
 * const r = transition(snapshot, { type: 'accept' }, { kind: 'provider', userId }, now);
 * // r.to, r.eventType -> booking_events; r.effects -> outbox jobs; r.patch -> booking row
 * allowedCommands(snapshot, actor, now);          // buttons
 * quoteCancellation(snapshot, actor, now);        // the dialog before "Cancel booking"
 * policySnapshot(provider.cancellationPolicy);    // copied onto a new booking
 * expiryDeadline(now, startsAt, { ttlHours });    // when an unanswered request expires
 * toMermaid();                                    // the diagram, from the table
 * ```
 */
export * from './state-machine.ts';
export * from './cancellation-policy.ts';
export * from './expiry.ts';
export { toMermaid, type MermaidOptions } from './mermaid.ts';
export type { Guard, GuardContext } from './guards.ts';
