import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  acquireBuildLock,
  currentRelease,
  holdRelease,
  liveHolders,
  newRelease,
  publishRelease,
  pruneReleases,
  useCurrentRelease,
  type BuildLock,
} from '../lib/releases.ts';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir() {
  const d = mkdtempSync(join(tmpdir(), 'handled-releases-'));
  dirs.push(d);
  return d;
}

/** A real process that keeps running until killed. */
function sleeper(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((r) => child.on('exit', r));
  return child.pid ?? Number.NaN;
}

const exited = (c: ChildProcess) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.on('exit', r)));

function build(lock: BuildLock, marker: string): string {
  const { id, dir } = newRelease(lock);
  mkdirSync(join(dir, 'web'));
  writeFileSync(join(dir, 'web', 'handler.js'), `// ${marker}\n`);
  publishRelease(lock, id, ['web']);
  return id;
}

describe('releases', () => {
  it('a build switches current to the new release; a holder keeps resolving its own', async () => {
    const root = tempDir();
    expect(currentRelease(root)).toBeNull();
    expect(() => useCurrentRelease(root)).toThrow(/run pnpm build first/);
    const lock = await acquireBuildLock(root);
    const first = build(lock, 'first');
    const held = useCurrentRelease(root);
    expect(held.id).toBe(first);
    const second = build(lock, 'second');
    expect(currentRelease(root)).toBe(join(root, second));
    expect(readFileSync(join(held.dir, 'web', 'handler.js'), 'utf8')).toContain('first');
    held.release();
    lock.release();
  });

  it('pruning keeps current, the release it replaced and releases a live process serves; never follows a symlink out', async () => {
    const root = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'keep.txt'), 'dependency');
    const lock = await acquireBuildLock(root);

    const servedByLive = build(lock, 'a');
    const servedByDead = build(lock, 'b');
    symlinkSync(outside, join(root, servedByDead, 'web', 'node_modules'));
    const previous = build(lock, 'c');
    const current = build(lock, 'd');
    const halfBuilt = newRelease(lock).id; // a build killed before it published

    const server = sleeper();
    holdRelease(join(root, servedByLive), server.pid);
    holdRelease(join(root, servedByDead), await deadPid());

    expect(pruneReleases(lock)).toEqual({ kept: [servedByLive, previous, current].sort(), removed: [servedByDead, halfBuilt].sort() });
    expect(readFileSync(join(outside, 'keep.txt'), 'utf8')).toBe('dependency');
    expect(currentRelease(root)).toBe(join(root, current));
    expect(liveHolders(join(root, servedByLive))).toEqual([server.pid]);

    server.kill('SIGTERM');
    await exited(server);
    expect(pruneReleases(lock)).toEqual({ kept: [previous, current].sort(), removed: [servedByLive] });
    expect(existsSync(join(root, servedByLive))).toBe(false);
    lock.release();
  });

  it('builds take turns: a second build waits for the lock; a lock left by a dead build is taken over', async () => {
    const root = tempDir();
    const first = await acquireBuildLock(root);
    let waitingFor: number | null = null;
    let secondHasLock = false;
    const second = acquireBuildLock(root, (pid) => (waitingFor = pid)).then((l) => {
      secondHasLock = true;
      return l;
    });
    await expect.poll(() => waitingFor).toBe(process.pid);
    expect(secondHasLock).toBe(false);
    first.release();
    (await second).release();
    expect(secondHasLock).toBe(true);

    writeFileSync(join(root, '.build.lock'), `${await deadPid()}\n`);
    const taken = await acquireBuildLock(root, () => {
      throw new Error('waited for a dead build');
    });
    expect(readFileSync(join(root, '.build.lock'), 'utf8')).toBe(`${process.pid}\n`);
    taken.release();
    expect(existsSync(join(root, '.build.lock'))).toBe(false);
  });
});
