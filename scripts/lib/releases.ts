/**
 * Built apps live in releases, so a build never writes into a folder a running process serves:
 *
 *   releases/<id>/release.json     what the release holds, and the release it replaced
 *   releases/<id>/web/             the site (adapter-node's output) + node_modules -> apps/web/node_modules
 *   releases/<id>/desk/            the desk renderer's browser build
 *   releases/<id>/server/ bot/ emulators/ seed/ start.mjs migrations/
 *                                  the Node apps and the supervisor compiled to plain JavaScript
 *                                  (scripts/lib/bundle.ts); pnpm start runs start.mjs with node
 *   releases/<id>/.in-use/<pid>    one marker per process serving this release
 *   releases/current -> <id>       the newest complete release, switched with one rename
 *   releases/.build.lock           the pid of the build running now (builds take turns)
 *
 * A server resolves `current` to its real folder once, at start, and keeps loading its own files
 * from there. A build makes a new folder, switches `current`, then removes the releases that are
 * neither current, nor the one it replaced, nor marked by a live process. One id across every app.
 */
import {
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const releasesDir = resolve(repoRoot, 'releases');

const MANIFEST = 'release.json';
const IN_USE = '.in-use';
const CURRENT = 'current';
const LOCK = '.build.lock';

export interface ReleaseManifest {
  id: string;
  builtAt: string;
  /** The release `current` pointed at when this one replaced it (kept by the next prune). */
  previous: string | null;
  apps: string[];
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** True while `pid` runs (EPERM: it runs as another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errno(e) === 'EPERM';
  }
}

export function readManifest(releaseDir: string): ReleaseManifest | null {
  try {
    return JSON.parse(readFileSync(join(releaseDir, MANIFEST), 'utf8')) as ReleaseManifest;
  } catch {
    return null;
  }
}

/** The real folder `current` points at (it stays valid after `current` moves), or null before the first build. */
export function currentRelease(dir = releasesDir): string | null {
  try {
    const real = realpathSync(join(dir, CURRENT));
    return existsSync(join(real, MANIFEST)) ? real : null;
  } catch {
    return null;
  }
}

/** Marks `releaseDir` as served by `pid`; the returned function removes the mark (done on exit when `pid` is this process). */
export function holdRelease(releaseDir: string, pid = process.pid): () => void {
  const markers = join(releaseDir, IN_USE);
  try {
    mkdirSync(markers); // not recursive: a release removed meanwhile gives ENOENT instead of a new folder
  } catch (e) {
    if (errno(e) !== 'EEXIST') throw e;
  }
  const marker = join(markers, String(pid));
  writeFileSync(marker, `${JSON.stringify({ pid, since: new Date().toISOString(), argv: process.argv.slice(1) })}\n`);
  const release = () => {
    rmSync(marker, { force: true });
    process.off('exit', release);
  };
  if (pid === process.pid) process.on('exit', release);
  return release;
}

/**
 * Resolves `current` to its real folder and marks it as used by `pid` until `release()` (or exit).
 * Throws when nothing was built yet.
 */
export function useCurrentRelease(dir = releasesDir, pid = process.pid): { dir: string; id: string; release: () => void } {
  for (let attempt = 0; attempt < 5; attempt++) {
    const real = currentRelease(dir);
    if (!real) throw new Error(`No build in ${dir}: run pnpm build first (pnpm start does this for you).`);
    try {
      const release = holdRelease(real, pid);
      // A build may have pruned it between the two steps (only if two builds finished meanwhile).
      if (existsSync(join(real, MANIFEST))) return { dir: real, id: basename(real), release };
      release();
    } catch (e) {
      if (errno(e) !== 'ENOENT') throw e;
    }
  }
  throw new Error(`${join(dir, CURRENT)} keeps moving: is a build looping?`);
}

/** The live pids serving `releaseDir`; markers of exited processes are removed. */
export function liveHolders(releaseDir: string): number[] {
  let names: string[];
  try {
    names = readdirSync(join(releaseDir, IN_USE));
  } catch {
    return [];
  }
  const live: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) live.push(pid);
    else rmSync(join(releaseDir, IN_USE, name), { force: true });
  }
  return live;
}

/** Held while building: only one build at a time writes apps/web/.svelte-kit, apps/desk/out and the releases. */
export interface BuildLock {
  dir: string;
  release(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits for the build lock (`releases/.build.lock`, holding the builder's pid). A lock left by a
 * build that died is taken over.
 */
export async function acquireBuildLock(dir = releasesDir, onWait: (pid: number) => void = () => {}): Promise<BuildLock> {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, LOCK);
  const mine = `${process.pid}\n`;
  const draft = join(dir, `${LOCK}.${process.pid}.${Math.random().toString(36).slice(2)}`);
  let waitedFor: number | null = null;
  for (;;) {
    // Written in full, then linked into place: nobody ever reads a half-written lock; link fails if one exists.
    writeFileSync(draft, mine);
    try {
      linkSync(draft, lock);
      rmSync(draft, { force: true });
      return {
        dir,
        release() {
          try {
            if (readFileSync(lock, 'utf8') === mine) rmSync(lock, { force: true });
          } catch {
            // already gone
          }
        },
      };
    } catch (e) {
      rmSync(draft, { force: true });
      if (errno(e) !== 'EEXIST') throw e;
    }
    let seen: string;
    try {
      seen = readFileSync(lock, 'utf8');
    } catch {
      continue; // released meanwhile
    }
    const holder = Number(seen.trim());
    if (!Number.isInteger(holder) || holder <= 0 || !isAlive(holder)) {
      breakStaleLock(lock, seen);
      continue;
    }
    if (waitedFor !== holder) onWait(holder);
    waitedFor = holder;
    await sleep(300);
  }
}

/** Removes a lock whose builder is gone, unless another waiter replaced it meanwhile. */
function breakStaleLock(lock: string, seen: string) {
  const aside = `${lock}.stale.${process.pid}`;
  try {
    renameSync(lock, aside);
  } catch {
    return; // someone else broke it
  }
  if (readFileSync(aside, 'utf8') !== seen) {
    try {
      linkSync(aside, lock); // a live lock taken aside by mistake: put it back
    } catch {
      // a new lock is already there
    }
  }
  rmSync(aside, { force: true });
}

/** A new, empty release folder (under the build lock). */
export function newRelease(lock: BuildLock): { id: string; dir: string } {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (let n = 0; ; n++) {
    const id = n ? `${stamp}-${n}` : stamp;
    const dir = join(lock.dir, id);
    try {
      mkdirSync(dir);
      return { id, dir };
    } catch (e) {
      if (errno(e) !== 'EEXIST') throw e;
    }
  }
}

/** Writes the manifest and points `current` at the release in one rename (a temp symlink moved over the old one). */
export function publishRelease(lock: BuildLock, id: string, apps: string[]): ReleaseManifest {
  const previousDir = currentRelease(lock.dir);
  const manifest: ReleaseManifest = { id, builtAt: new Date().toISOString(), previous: previousDir ? basename(previousDir) : null, apps };
  writeFileSync(join(lock.dir, id, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  const temp = join(lock.dir, `.current-${process.pid}`);
  rmSync(temp, { force: true });
  symlinkSync(id, temp);
  renameSync(temp, join(lock.dir, CURRENT));
  return manifest;
}

/**
 * Removes every release but `current`, the one it replaced and those a live process serves (under
 * the build lock). Symlinks inside a release (its node_modules) are removed, never followed.
 */
export function pruneReleases(lock: BuildLock): { kept: string[]; removed: string[] } {
  const current = currentRelease(lock.dir);
  const keep = new Set<string>();
  if (current) {
    keep.add(basename(current));
    const previous = readManifest(current)?.previous;
    if (previous) keep.add(previous);
  }
  const kept: string[] = [];
  const removed: string[] = [];
  for (const entry of readdirSync(lock.dir, { withFileTypes: true })) {
    const path = join(lock.dir, entry.name);
    if (!entry.isDirectory()) {
      if (entry.name.startsWith('.current-')) rmSync(path, { force: true }); // left by a build killed mid-switch
      continue;
    }
    if (keep.has(entry.name) || liveHolders(path).length > 0) {
      kept.push(entry.name);
      continue;
    }
    rmSync(path, { recursive: true, force: true });
    removed.push(entry.name);
  }
  return { kept: kept.sort(), removed: removed.sort() };
}
