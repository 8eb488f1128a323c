/**
 * The rules of the desk's outbox, with no browser in them: what a queued action looks like, what
 * the job looks like with the queued actions applied, which step buttons are open (the server's
 * job steps, moved on by the queue and the clock), whether an action already reached the server
 * (a retry after a lost answer), and how a refusal is explained to the provider.
 */

export type PhotoKind = 'before' | 'after';

export type JobAction =
  | { kind: 'on_my_way' }
  | { kind: 'start' }
  | { kind: 'checklist'; item: string; done: boolean }
  | { kind: 'photo'; photoKind: PhotoKind; fileKey: string; name: string; type: string; size: number }
  | { kind: 'notes'; notes: string }
  | { kind: 'complete'; actualHours: number; checklist: string[]; notes: string };

export type OutboxState = 'waiting' | 'sending' | 'conflict';

export interface OutboxEntry {
  /** Queue order (IndexedDB's key). */
  seq: number;
  id: string;
  /** Whose action it is: only sent while they are signed in. */
  userId: string;
  bookingId: string;
  action: JobAction;
  queuedAt: string;
  state: OutboxState;
  attempts: number;
  /** Why it was not sent (a conflict), in words for the provider. */
  error: string | null;
  /** A refusal that stops the booking's later actions too (a start refused, a cancelled booking): they are held with it. */
  holds?: boolean;
  /** Photos: the ids already on the server when the first upload began (to spot a retry of one that arrived). */
  knownPhotoIds?: string[];
}

export interface ServerJob {
  status: string;
  onMyWayAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  checklist: { item: string; done: boolean }[];
  completionNotes: string | null;
  actualHours: number | null;
}

export interface ProjectedJob extends ServerJob {
  /** Which of these come from actions still in the outbox. */
  queued: { onMyWay: boolean; start: boolean; complete: boolean; checklist: Set<string>; notes: boolean };
}

/** The job as it will be once the outbox is sent: what the screen shows while offline. */
export function projectJob(server: ServerJob, pending: readonly JobAction[]): ProjectedJob {
  const p: ProjectedJob = {
    ...server,
    checklist: server.checklist.map((c) => ({ ...c })),
    queued: { onMyWay: false, start: false, complete: false, checklist: new Set(), notes: false },
  };
  for (const a of pending) {
    if (a.kind === 'on_my_way' && !p.onMyWayAt) {
      p.queued.onMyWay = true;
    } else if (a.kind === 'start' && p.status === 'confirmed') {
      p.status = 'in_progress';
      p.queued.start = true;
    } else if (a.kind === 'checklist') {
      const c = p.checklist.find((x) => x.item === a.item);
      if (c) c.done = a.done;
      p.queued.checklist.add(a.item);
    } else if (a.kind === 'notes') {
      p.completionNotes = a.notes;
      p.queued.notes = true;
    } else if (a.kind === 'complete' && p.status === 'in_progress') {
      p.status = 'completed';
      p.completionNotes = a.notes;
      p.actualHours = a.actualHours;
      for (const c of p.checklist) c.done = a.checklist.includes(c.item) || c.done;
      p.queued.complete = true;
    }
  }
  return p;
}

export type StepCommand = 'mark_on_my_way' | 'start' | 'complete';

/** A job step as the API describes it (bookings.get → jobSteps), from the core's guards. */
export interface ServerStep {
  command: StepCommand;
  state: 'done' | 'open' | 'blocked' | 'skipped';
  reason: string | null;
  opensAt: string | null;
  closesAt: string | null;
}

export interface StepView {
  command: StepCommand;
  state: 'done' | 'queued' | 'open' | 'blocked' | 'skipped';
  reason: string | null;
  /** Blocked only until this time (the guard's window): the screen says "from 9:30 AM". */
  opensAt: string | null;
}

/**
 * The step buttons: the server's steps (the machine's answer at `asOf`), moved on by what is
 * queued and by the clock — a start window that opened while offline opens the button; a queued
 * start makes "complete" possible (the machine takes complete from in progress, no guard).
 */
export function stepViews(steps: readonly ServerStep[], asOf: string, job: ProjectedJob, now: Date): StepView[] {
  const at = now.getTime();
  const timeOnly = (s: ServerStep) => s.state === 'blocked' && s.opensAt !== null && Date.parse(asOf) < Date.parse(s.opensAt);
  const inWindow = (s: ServerStep) =>
    s.opensAt !== null && at >= Date.parse(s.opensAt) && (s.closesAt === null || at < Date.parse(s.closesAt));
  return steps.map((s): StepView => {
    const base = { command: s.command, reason: s.reason, opensAt: null };
    if (s.state === 'done' || s.state === 'skipped') return { ...base, state: s.state };
    if (s.command === 'mark_on_my_way') {
      if (job.queued.onMyWay) return { ...base, state: 'queued', reason: null };
      if (['in_progress', 'completed', 'disputed'].includes(job.status))
        return { ...base, state: 'skipped', reason: 'The job started without "on my way".' };
    }
    if (s.command === 'start') {
      if (job.queued.start) return { ...base, state: 'queued', reason: null };
      if (job.status !== 'confirmed') return { ...base, state: s.state === 'open' ? 'done' : s.state };
    }
    if (s.command === 'complete') {
      if (job.queued.complete) return { ...base, state: 'queued', reason: null };
      if (job.status === 'in_progress') return { ...base, state: 'open', reason: null };
      return { ...base, state: s.state === 'open' ? 'blocked' : s.state };
    }
    if (s.state === 'open') return { ...base, state: 'open', reason: null };
    if (timeOnly(s) && inWindow(s)) return { ...base, state: 'open', reason: null };
    return { ...base, state: 'blocked', opensAt: timeOnly(s) ? s.opensAt : null };
  });
}

export interface ServerPhoto {
  id: string;
  kind: string;
}

/** Whether an action already took effect on the server (its answer was lost): then it is not sent again. */
export function alreadyApplied(
  entry: Pick<OutboxEntry, 'action' | 'knownPhotoIds'>,
  job: ServerJob,
  photos: readonly ServerPhoto[] | null,
): boolean {
  const a = entry.action;
  switch (a.kind) {
    case 'on_my_way':
      return job.onMyWayAt !== null;
    case 'start':
      return ['in_progress', 'completed', 'disputed'].includes(job.status);
    case 'checklist':
      return job.checklist.some((c) => c.item === a.item && c.done === a.done);
    case 'notes':
      return (job.completionNotes ?? '') === a.notes.trim();
    case 'complete':
      return ['completed', 'disputed'].includes(job.status);
    case 'photo':
      return !!entry.knownPhotoIds && !!photos && photos.some((p) => p.kind === a.photoKind && !entry.knownPhotoIds!.includes(p.id));
  }
}

/** What the provider calls each action, for the sync list and conflicts. */
export function actionLabel(a: JobAction): string {
  switch (a.kind) {
    case 'on_my_way':
      return '“On my way”';
    case 'start':
      return 'Start job';
    case 'checklist':
      return `${a.done ? 'Ticked' : 'Unticked'} “${a.item}”`;
    case 'photo':
      return `${a.photoKind === 'before' ? 'Before' : 'After'} photo ${a.name}`;
    case 'notes':
      return 'Notes';
    case 'complete':
      return 'Complete job';
  }
}

export interface BookingNow {
  status: string;
  cancelledBy: string | null;
  clientName: string;
}

/**
 * Why a queued action was refused, said plainly: the booking changed while the provider was
 * offline (the client cancelled), or the server's own reason.
 */
export function explainConflict(a: JobAction, serverMessage: string, booking: BookingNow | null): string {
  const what = actionLabel(a);
  if (booking?.status === 'cancelled') {
    const who =
      booking.cancelledBy === 'client'
        ? booking.clientName
        : booking.cancelledBy === 'admin'
          ? 'Handled support'
          : booking.cancelledBy === 'provider'
            ? 'You'
            : 'Someone';
    return `${who} cancelled this booking while you were offline, so ${what} was not sent.`;
  }
  return `${what} was not sent: ${serverMessage}`;
}

/**
 * A new action replaces the last one still waiting for the same booking when it says the same
 * thing newer (notes typed on, a checklist item ticked and unticked): the queue stays short and
 * still goes out in order. Returns the index to replace, or -1.
 */
export function replaceableIndex(entries: readonly OutboxEntry[], bookingId: string, a: JobAction): number {
  const mine = entries.map((e, i) => [e, i] as const).filter(([e]) => e.bookingId === bookingId);
  const last = mine.at(-1);
  if (!last || last[0].state !== 'waiting') return -1;
  const prev = last[0].action;
  if (a.kind === 'notes' && prev.kind === 'notes') return last[1];
  if (a.kind === 'checklist' && prev.kind === 'checklist' && prev.item === a.item) return last[1];
  return -1;
}

const closed = new Set(['cancelled', 'declined', 'expired', 'no_show']);

/** Whether a refused action holds back the booking's later ones: they could not go through either. */
export function refusalHolds(a: JobAction, booking: BookingNow | null): boolean {
  return a.kind === 'start' || (booking !== null && closed.has(booking.status));
}
