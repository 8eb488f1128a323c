import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Persistence {
  /** The saved state, or undefined when there is no file yet. */
  load(): Record<string, unknown> | undefined;
  /** Ask for a write soon; many changes in a burst give one write. */
  schedule(): void;
  /** Write now if a write is pending. */
  flush(): void;
}

/**
 * JSON state on disk, written debounced and atomically (temp file + rename) so that a
 * kill in the middle of a write leaves the previous state intact.
 */
export function createPersistence(file: string, snapshot: () => Record<string, unknown>, debounceMs = 200): Persistence {
  let timer: NodeJS.Timeout | undefined;
  const write = () => {
    timer = undefined;
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(snapshot()));
    renameSync(tmp, file);
  };
  return {
    load() {
      if (!existsSync(file)) return undefined;
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
    },
    schedule() {
      if (timer) return;
      timer = setTimeout(write, debounceMs);
      timer.unref();
    },
    flush() {
      if (!timer) return;
      clearTimeout(timer);
      write();
    },
  };
}
