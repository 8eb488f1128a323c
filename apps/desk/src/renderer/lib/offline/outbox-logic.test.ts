import { describe, expect, it } from 'vitest';
import {
  alreadyApplied,
  explainConflict,
  projectJob,
  replaceableIndex,
  stepViews,
  type JobAction,
  type OutboxEntry,
  type ServerJob,
  type ServerStep,
} from './outbox-logic.ts';

const START = Date.parse('2026-03-10T15:00:00Z');
const iso = (offsetMin: number) => new Date(START + offsetMin * 60_000).toISOString();

const job = (over: Partial<ServerJob> = {}): ServerJob => ({
  status: 'confirmed',
  onMyWayAt: null,
  startedAt: null,
  completedAt: null,
  checklist: [
    { item: 'Water off', done: false },
    { item: 'Leak tested', done: false },
  ],
  completionNotes: null,
  actualHours: null,
  ...over,
});

// What the API said 6 days ahead: nothing open, each step with the machine's reason and window.
const farSteps: ServerStep[] = [
  {
    command: 'mark_on_my_way',
    state: 'blocked',
    reason: 'You can say you are on your way from 3 h before the start.',
    opensAt: iso(-180),
    closesAt: iso(120),
  },
  { command: 'start', state: 'blocked', reason: 'You can start from 60 min before the start time.', opensAt: iso(-60), closesAt: null },
  {
    command: 'complete',
    state: 'blocked',
    reason: 'Start the job first: you can complete it once it is in progress.',
    opensAt: null,
    closesAt: null,
  },
];
const asOfFar = iso(-6 * 24 * 60);

describe('the step buttons offline', () => {
  it('six days ahead nothing is open, each with its reason and when it opens', () => {
    const v = stepViews(farSteps, asOfFar, projectJob(job(), []), new Date(asOfFar));
    expect(v.map((s) => s.state)).toEqual(['blocked', 'blocked', 'blocked']);
    expect(v[1]).toMatchObject({ reason: 'You can start from 60 min before the start time.', opensAt: iso(-60) });
    expect(v[2]!.opensAt).toBeNull();
  });

  it('a window that opened since (no connection to ask) opens the button; complete waits for a start', () => {
    const v = stepViews(farSteps, asOfFar, projectJob(job(), []), new Date(iso(-30)));
    expect(v.map((s) => s.state)).toEqual(['open', 'open', 'blocked']);
  });

  it('queued on my way and start: both show as queued, "on my way" not offered twice, complete opens', () => {
    const queued: JobAction[] = [{ kind: 'on_my_way' }, { kind: 'start' }];
    const v = stepViews(farSteps, asOfFar, projectJob(job(), queued), new Date(iso(-20)));
    expect(v.map((s) => s.state)).toEqual(['queued', 'queued', 'open']);
  });

  it('a start queued without "on my way" skips it', () => {
    const v = stepViews(farSteps, asOfFar, projectJob(job(), [{ kind: 'start' }]), new Date(iso(-20)));
    expect(v[0]!.state).toBe('skipped');
  });

  it('a cancelled booking stays blocked with the server’s reason', () => {
    const cancelled: ServerStep[] = farSteps.map((s) => ({
      ...s,
      state: 'blocked',
      reason: 'You cannot start this booking: it is cancelled.',
      opensAt: null,
    }));
    const v = stepViews(cancelled, iso(-30), projectJob(job({ status: 'cancelled' }), []), new Date(iso(-20)));
    expect(v.map((s) => s.state)).toEqual(['blocked', 'blocked', 'blocked']);
  });
});

describe('the job with the queue applied', () => {
  it('start, two items, notes and complete', () => {
    const p = projectJob(job(), [
      { kind: 'start' },
      { kind: 'checklist', item: 'Water off', done: true },
      { kind: 'checklist', item: 'Leak tested', done: true },
      { kind: 'notes', notes: 'New washer' },
      { kind: 'complete', actualHours: 2.5, checklist: ['Water off', 'Leak tested'], notes: 'New washer' },
    ]);
    expect(p.status).toBe('completed');
    expect(p.checklist.every((c) => c.done)).toBe(true);
    expect(p.completionNotes).toBe('New washer');
    expect(p.actualHours).toBe(2.5);
    expect(p.queued.checklist.size).toBe(2);
  });
});

describe('a retry after a lost answer is not sent twice', () => {
  it('reads the server', () => {
    expect(alreadyApplied({ action: { kind: 'on_my_way' } }, job({ onMyWayAt: iso(-20) }), null)).toBe(true);
    expect(alreadyApplied({ action: { kind: 'start' } }, job(), null)).toBe(false);
    expect(alreadyApplied({ action: { kind: 'start' } }, job({ status: 'in_progress' }), null)).toBe(true);
    expect(
      alreadyApplied(
        { action: { kind: 'checklist', item: 'Water off', done: true } },
        job({ checklist: [{ item: 'Water off', done: true }] }),
        null,
      ),
    ).toBe(true);
    expect(alreadyApplied({ action: { kind: 'notes', notes: ' New washer ' } }, job({ completionNotes: 'New washer' }), null)).toBe(true);
    const photo = { kind: 'photo', photoKind: 'after', fileKey: 'f1', name: 'a.jpg', type: 'image/jpeg', size: 10 } as const;
    expect(alreadyApplied({ action: photo, knownPhotoIds: ['p1'] }, job(), [{ id: 'p1', kind: 'after' }])).toBe(false);
    expect(
      alreadyApplied({ action: photo, knownPhotoIds: ['p1'] }, job(), [
        { id: 'p1', kind: 'after' },
        { id: 'p2', kind: 'after' },
      ]),
    ).toBe(true);
    expect(alreadyApplied({ action: photo }, job(), [{ id: 'p2', kind: 'after' }])).toBe(false);
  });
});

describe('conflicts in words', () => {
  it('says the client cancelled meanwhile', () => {
    expect(
      explainConflict({ kind: 'start' }, 'You cannot start this booking: it is cancelled.', {
        status: 'cancelled',
        cancelledBy: 'client',
        clientName: 'Maya Lopez',
      }),
    ).toBe('Maya Lopez cancelled this booking while you were offline, so Start job was not sent.');
    expect(
      explainConflict({ kind: 'notes', notes: 'x' }, 'Too long.', { status: 'in_progress', cancelledBy: null, clientName: 'Maya' }),
    ).toBe('Notes was not sent: Too long.');
  });
});

describe('the queue stays short', () => {
  const entry = (seq: number, action: JobAction, state: OutboxEntry['state'] = 'waiting'): OutboxEntry => ({
    seq,
    id: `e${seq}`,
    userId: 'u1',
    bookingId: 'b1',
    action,
    queuedAt: '',
    state,
    attempts: 0,
    error: null,
  });
  it('newer notes replace notes still waiting right behind them, not across other actions', () => {
    expect(
      replaceableIndex([entry(1, { kind: 'start' }), entry(2, { kind: 'notes', notes: 'a' })], 'b1', { kind: 'notes', notes: 'ab' }),
    ).toBe(1);
    expect(
      replaceableIndex([entry(1, { kind: 'notes', notes: 'a' }), entry(2, { kind: 'start' })], 'b1', { kind: 'notes', notes: 'ab' }),
    ).toBe(-1);
    expect(replaceableIndex([entry(1, { kind: 'notes', notes: 'a' }, 'sending')], 'b1', { kind: 'notes', notes: 'ab' })).toBe(-1);
    expect(
      replaceableIndex([entry(1, { kind: 'checklist', item: 'A', done: true })], 'b1', { kind: 'checklist', item: 'A', done: false }),
    ).toBe(0);
    expect(
      replaceableIndex([entry(1, { kind: 'checklist', item: 'A', done: true })], 'b1', { kind: 'checklist', item: 'B', done: true }),
    ).toBe(-1);
  });
});
