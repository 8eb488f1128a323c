import { and, asc, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { statementOf, type Db, type DbOrTx, type InStatement } from '@handled/db';
import { jobs } from '@handled/db/schema';

export type JobRow = typeof jobs.$inferSelect;
export type NewJobRow = typeof jobs.$inferInsert;

/** Writes a job unless one with its idempotency key exists. */
export async function insertJob(db: DbOrTx, row: NewJobRow): Promise<void> {
  await db.insert(jobs).values(row).onConflictDoNothing({ target: jobs.idempotencyKey });
}

/** Jobs as one statement built now, to run later in a write transaction; keys already written are skipped. */
export function insertJobsStatement(db: Db, rows: NewJobRow[]): InStatement {
  return statementOf(db.insert(jobs).values(rows).onConflictDoNothing({ target: jobs.idempotencyKey }));
}

/** Due at `now`: pending or failed and due, or running with its lease run out (its worker died). */
const dueAt = (now: Date) =>
  or(and(inArray(jobs.status, ['pending', 'failed']), lte(jobs.runAt, now)), and(eq(jobs.status, 'running'), lte(jobs.lockedUntil, now)));

/**
 * Takes the next due job with a lease and counts the attempt, in one statement (an UPDATE of the
 * oldest due job, chosen by its subquery): SQLite runs it atomically under the write lock, so two
 * workers never hold the same job, and the lock is held for one native call. When nothing is due —
 * an idle poll, the end of every drain — a plain read says so and the write lock is never taken, so
 * idle workers don't make other processes' writers wait. A job that becomes due just after that
 * read is taken by the next poll or wake-up.
 */
export async function takeNextDueJob(db: Db, workerId: string, now: Date, leaseMs: number): Promise<JobRow | null> {
  const [due] = await db.select({ id: jobs.id }).from(jobs).where(dueAt(now)).limit(1);
  if (!due) return null;
  const oldestDue = db.select({ id: jobs.id }).from(jobs).where(dueAt(now)).orderBy(asc(jobs.runAt)).limit(1);
  const [claimed] = await db
    .update(jobs)
    .set({ status: 'running', lockedBy: workerId, lockedUntil: new Date(now.getTime() + leaseMs), attempts: sql`${jobs.attempts} + 1` })
    .where(inArray(jobs.id, oldestDue))
    .returning();
  return claimed ?? null;
}

/** Ends a job's run (done, failed or dead), if this worker still holds it. */
export async function endJobRun(
  db: DbOrTx,
  jobId: string,
  workerId: string,
  patch: Pick<NewJobRow, 'status' | 'lastError'> & { runAt?: Date },
): Promise<void> {
  await db
    .update(jobs)
    .set({ ...patch, lockedBy: null, lockedUntil: null })
    .where(and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId)));
}

/** The queue at a glance: jobs per status, how many pending are due now, the oldest due one, and those running past their lease. */
export async function jobQueueAt(db: DbOrTx, now: Date) {
  const due = and(eq(jobs.status, 'pending'), lte(jobs.runAt, now));
  const [byStatus, [dueCount], [oldestDue], [stuckRunning]] = await Promise.all([
    db
      .select({ status: jobs.status, n: sql<number>`count(*)` })
      .from(jobs)
      .groupBy(jobs.status),
    db
      .select({ n: sql<number>`count(*)` })
      .from(jobs)
      .where(due),
    db.select({ id: jobs.id, type: jobs.type, runAt: jobs.runAt }).from(jobs).where(due).orderBy(jobs.runAt).limit(1),
    db
      .select({ n: sql<number>`count(*)` })
      .from(jobs)
      .where(and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, now))),
  ]);
  return { byStatus, due: Number(dueCount?.n ?? 0), oldestDue, stuckRunning: Number(stuckRunning?.n ?? 0) };
}

/** Jobs that need a look, last touched first: failed (will retry), dead (gave up), running past their lease. */
export async function jobsNeedingALook(db: DbOrTx, now: Date, limit: number): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(or(inArray(jobs.status, ['failed', 'dead']), and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, now))))
    .orderBy(desc(jobs.updatedAt))
    .limit(limit);
}

/** Failed and dead jobs of these types, last touched first. */
export async function failedJobsOfTypes(db: DbOrTx, types: readonly string[], limit: number): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(and(inArray(jobs.type, [...types]), inArray(jobs.status, ['failed', 'dead'])))
    .orderBy(desc(jobs.updatedAt))
    .limit(limit);
}

/** A failed or dead job runs again now, from its first attempt; returns whether there was one. */
export async function retryFailedJob(db: DbOrTx, jobId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: 'pending', attempts: 0, runAt: now, lastError: null })
    .where(and(eq(jobs.id, jobId), inArray(jobs.status, ['failed', 'dead'])))
    .returning({ id: jobs.id });
  return rows.length > 0;
}
