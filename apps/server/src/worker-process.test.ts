import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoSlotsOf } from '@handled/core/availability';
import { demoEmails } from '@handled/db/seed';
import { bookings, jobs, notifications } from '@handled/db/schema';
import { eventually, freePort, startTestStack, type TestStack } from '@handled/testing';

/**
 * The API as `main.ts` runs it (and `pnpm start`, compiled): the job queue in a process of its own
 * at a lower CPU priority, woken over IPC after writes that enqueued jobs. The worker's own poll is
 * set to a minute here, so a job run within seconds proves the wake-up crossed the processes.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const entry = fileURLToPath(new URL('./main.ts', import.meta.url));

let stack: TestStack;
let api: ChildProcess;
let apiUrl = '';
let out = '';

/** /proc/<pid>/stat fields after the command name: state, ppid, … nice is the 19th field overall. */
function statOf(pid: number): { ppid: number; nice: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return f[0] === 'Z' ? null : { ppid: Number(f[1]), nice: Number(f[16]) };
  } catch {
    return null;
  }
}

/** The worker's pid as the API last logged it (at start, and after each restart). */
function workerPids(): number[] {
  return out.split('\n').flatMap((l) => {
    try {
      const o = JSON.parse(l) as { msg?: string; pid?: number; workerPid?: number };
      return o.msg === 'job worker running' && o.pid ? [o.pid] : [];
    } catch {
      return [];
    }
  });
}

beforeAll(async () => {
  stack = await startTestStack({ providers: 4, worker: false });
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  api = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      DATA_DIR: stack.dataDir,
      PUBLIC_API_URL: apiUrl,
      EMULATORS_URL: stack.emulatorsUrl,
      WEB_URL: stack.env.WEB_URL,
      LOG_LEVEL: 'info',
      JOB_WORKER: 'process',
      JOB_POLL_MS: '60000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  api.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await eventually(
    async () => {
      const res = await fetch(`${apiUrl}/health`);
      expect(res.status).toBe(200);
      expect(workerPids().length).toBe(1);
    },
    60_000,
    200,
  );
}, 120_000);

afterAll(async () => {
  if (api && api.exitCode === null) api.kill('SIGKILL');
  await stack?.close();
});

async function requestBooking(token: string, startIndex: number): Promise<string> {
  const now = stack.deps.now();
  const range = new URLSearchParams({
    input: JSON.stringify({
      providerId: 'sam-okafor',
      from: now.toISOString(),
      to: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
      hours: 1,
      viewerTimeZone: 'UTC',
    }),
  });
  const slots = (await (await fetch(`${apiUrl}/trpc/catalog.slots?${range.toString()}`)).json()) as {
    result: { data: Parameters<typeof isoSlotsOf>[0] };
  };
  const sam = (await (await fetch(`${apiUrl}/trpc/catalog.provider?input=${encodeURIComponent('{"id":"sam-okafor"}')}`)).json()) as {
    result: { data: { id: string; categories: { id: string }[] } };
  };
  const res = await fetch(`${apiUrl}/trpc/bookings.request`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      providerId: sam.result.data.id,
      categoryId: sam.result.data.categories[0]!.id,
      // Far apart, so the two requests never touch.
      startsAt: isoSlotsOf(slots.result.data)[startIndex]!.start,
      hours: 1,
      details: 'Worker process test: a dripping tap',
      address: { line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US' },
      contactPhone: '+1 212 555 0100',
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { result: { data: { id: string } } }).result.data.id;
}

/** The request's notification job has run: done, and both parties have the in-app message. */
async function notified(bookingId: string) {
  await eventually(async () => {
    const [job] = await stack.deps.db
      .select({ status: jobs.status })
      .from(jobs)
      .where(and(eq(jobs.type, 'notify'), like(jobs.payload, `%${bookingId}%`)));
    expect(job?.status).toBe('done');
    const rows = await stack.deps.db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(eq(notifications.bookingId, bookingId), eq(notifications.channel, 'in_app')));
    expect(rows.length).toBe(2);
  }, 15_000);
}

describe('the job worker process', () => {
  it('runs beside the API at a lower priority and is woken over IPC after a write that enqueued jobs', async () => {
    const [pid] = workerPids();
    expect(statOf(pid!)).toEqual({ ppid: api.pid, nice: 10 });
    const { token } = await stack.signIn(demoEmails.maya);
    const bookingId = await requestBooking(token, 0);
    const [row] = await stack.deps.db.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, bookingId));
    expect(row?.status).toBe('requested');
    await notified(bookingId);
  });

  it('is started again when it dies, and the next request is still answered and notified', async () => {
    const [first] = workerPids();
    process.kill(first!, 'SIGKILL');
    await eventually(async () => expect(workerPids().length).toBe(2), 15_000);
    const second = workerPids()[1]!;
    expect(second).not.toBe(first);
    expect(statOf(second)?.ppid).toBe(api.pid);
    const { token } = await stack.signIn(demoEmails.maya);
    await notified(await requestBooking(token, 40));
  });

  it('stops with the API', async () => {
    const worker = workerPids().at(-1)!;
    const exited = new Promise((r) => api.once('exit', r));
    api.kill('SIGTERM');
    await exited;
    await eventually(async () => expect(statOf(worker)).toBeNull(), 15_000);
  });
});
