/**
 * # Booking core
 *
 * One state machine for a booking's lifecycle, declared as data (`transitionTable`, one row per
 * command × states × actors, with guards and effects) and run by `transition`; the cancellation
 * policies and their money; request expiry. Pure: time is passed in, nothing is read or written.
 *
 * ```ts
 * const r = transition(snapshot, { type: 'accept' }, { kind: 'provider', userId }, now);
 * // r.to + r.patch -> booking row; r.eventType -> booking_events; r.effects -> outbox jobs
 * requestTransition(draft, { kind: 'client', userId }, now, { requestTtlHours }); // the initial transition: a new booking
 * allowedCommands(snapshot, actor, now);          // buttons
 * quoteCancellation(snapshot, actor, now);        // the dialog before "Cancel booking" (same math as enforcing)
 * policySnapshot(provider.cancellationPolicy);    // copied onto a new booking
 * cancellationPolicySnapshotSchema.parse(row.cancellationPolicy); // reading it back
 * expiryDeadline(now, startsAt, { ttlHours });    // when an unanswered request expires
 * toMermaid();                                    // the diagram, generated from the table
 * ```
 *
 * ## Decisions
 * - **Every change is a row**, creation included: `request` is the initial transition (from no
 *   booking to requested, as Sharetribe's), and a row's patch names the columns it writes
 *   (`declineReason`, `cancellationReason`, `startedAt`, `expiresAt`, …).
 * - **Terminal**: declined, expired, cancelled, no_show. `completed` is not terminal: inside the
 *   confirmation window the client may `raise_problem` (-> disputed). `isSettled(b)` means
 *   "nothing more will happen" (terminal, or completed with its completion confirmed).
 * - **Record-only commands** return `from === to` and still name an event: `payment_received`
 *   outside `accepted` (on a closed booking it refunds the late money, less any fee owed),
 *   `mark_on_my_way`, `confirm_completion` (sets clientConfirmedAt, schedules the payout).
 * - **Not secured, no fee**: cancelling a request or an accepted-but-unpaid booking is free for
 *   everyone. From `confirmed` a client pays the policy fee; the provider, an admin, or a
 *   provider no-show refund everything (provider: `mark_provider_reliability`).
 * - **Fees** are on the service amount only; platform fee and tax are always refunded. If less
 *   was paid than the fee (pay-later, deposit), `charge_cancellation_fee` collects the rest.
 * - **Client no-show** (reported by the provider 15 min after the start) costs what cancelling
 *   at that moment would. **Provider no-show** (reported by the client) refunds everything.
 * - **Accepted but unpaid** expires at the start (`schedule_expiry` at startsAt on accept).
 * - **An instalment unpaid past its grace**: the system cancels (`cancel.unpaid`, only while
 *   payment is due), settled as if the client had cancelled then.
 * - **Admin** cancels anything non-terminal that is not a confirmed completion (full refund) and
 *   resolves disputes; resolving as completed sets clientConfirmedAt so nothing pays out twice.
 * - **Money** needs `amountPaid` on the snapshot for a partly paid booking (INVALID_INPUT
 *   otherwise); a fully paid one defaults to price.total.
 */
export * from './state-machine.ts';
export { jobSteps, jobStepCommands, type JobStep, type JobStepCommand } from './job-steps.ts';
export * from './cancellation-policy.ts';
export * from './expiry.ts';
export { toMermaid, type MermaidOptions } from './mermaid.ts';
export type { Guard, GuardContext } from './guards.ts';
export { reminderAt } from './reminder.ts';
export * from './status-words.ts';
export * from './decline-reasons.ts';
export { describePolicy } from './policy-words.ts';
export { operatorQuote } from './settlement.ts';
