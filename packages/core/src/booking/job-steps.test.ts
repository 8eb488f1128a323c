import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jobSteps, type JobStep } from './job-steps.ts';
import { transition } from './state-machine.ts';
import { bookingStatuses } from './types.ts';
import { at, booking, DAY, HOUR, MINUTE, price, provider } from './test-fixtures.ts';

const PAID = { paymentStatus: 'paid', amountPaid: price.total } as const;
const byCommand = (steps: JobStep[]) => Object.fromEntries(steps.map((s) => [s.command, s]));

describe('jobSteps (the buttons on the day)', () => {
  it('six days ahead: nothing is open, each says why and from when', () => {
    const s = byCommand(jobSteps(booking({ status: 'confirmed', ...PAID }), provider, at(-6 * DAY)));
    expect(s['mark_on_my_way']).toMatchObject({
      state: 'blocked',
      reason: 'You can say you are on your way from 3 h before the start.',
      opensAt: at(-3 * HOUR),
      closesAt: at(2 * HOUR),
    });
    expect(s['start']).toMatchObject({ state: 'blocked', reason: 'You can start from 60 min before the start time.', opensAt: at(-HOUR) });
    expect(s['complete']).toMatchObject({ state: 'blocked', reason: 'Start the job first: you can complete it once it is in progress.' });
  });

  it('half an hour before: on my way and start are open, complete is not', () => {
    const s = byCommand(jobSteps(booking({ status: 'confirmed', ...PAID }), provider, at(-30 * MINUTE)));
    expect([s['mark_on_my_way']!.state, s['start']!.state, s['complete']!.state]).toEqual(['open', 'open', 'blocked']);
  });

  it('on the way, then started: done steps, a skipped "on my way" when started without it', () => {
    const onWay = byCommand(jobSteps(booking({ status: 'confirmed', ...PAID, onMyWayAt: at(-40 * MINUTE) }), provider, at(-30 * MINUTE)));
    expect(onWay['mark_on_my_way']!.state).toBe('done');
    const inProgress = byCommand(jobSteps(booking({ status: 'in_progress', ...PAID }), provider, at(HOUR)));
    expect([inProgress['mark_on_my_way']!.state, inProgress['start']!.state, inProgress['complete']!.state]).toEqual([
      'skipped',
      'done',
      'open',
    ]);
  });

  it('a cancelled booking says so', () => {
    const s = byCommand(jobSteps(booking({ status: 'cancelled' }), provider, at(-30 * MINUTE)));
    expect(s['start']!.state).toBe('blocked');
    expect(s['start']!.reason).toMatch(/cancelled/);
  });

  it('an unpaid booking waits for the payment', () => {
    const s = byCommand(jobSteps(booking({ status: 'accepted' }), provider, at(-30 * MINUTE)));
    expect(s['start']!.reason).toMatch(/not paid yet/);
  });

  it('open means the machine takes the command; blocked and skipped mean it refuses', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...bookingStatuses),
        fc.boolean(),
        fc.integer({ min: -8 * 24 * 60, max: 8 * 60 }),
        (status, onMyWay, minutes) => {
          const b = booking({
            status,
            ...PAID,
            onMyWayAt: onMyWay ? at(-4 * HOUR) : null,
            completedAt: status === 'completed' ? at(2 * HOUR) : null,
          });
          const now = at(minutes * MINUTE);
          for (const step of jobSteps(b, provider, now)) {
            if (step.state === 'done') continue;
            const run = () => transition(b, { type: step.command }, provider, now);
            if (step.state === 'open') expect(run).not.toThrow();
            else {
              expect(run).toThrow();
              expect(step.reason).toBeTruthy();
            }
          }
        },
      ),
    );
  });
});
