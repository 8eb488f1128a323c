import { Mutex } from 'async-mutex';
import type { Client, InStatement, Transaction, TransactionMode } from '@libsql/client';

const readOnly = /^\s*(select|with\s[\s\S]*?\bselect\b|pragma\s+\w+\s*$|explain)/i;

function sqlOf(stmt: InStatement): string {
  return typeof stmt === 'string' ? stmt : stmt.sql;
}

/** Says whether another process holds the write lock right now (without waiting for it). */
export type LockProbe = () => boolean;

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Waits on a timer while `probe` sees another process's write lock, up to `maxMs`: SQLite's busy
 * timeout would wait by sleeping in the event loop, stopping every request of this process.
 */
async function lockFree(probe: LockProbe, maxMs = 10_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  for (let attempt = 0; !probe() && Date.now() < deadline; attempt++) await pause(Math.min(1 + attempt, 8) * (0.5 + Math.random()));
}

/**
 * SQLite allows one writer. Across processes the busy timeout makes writers wait for the lock;
 * inside one process that wait is synchronous and would freeze the event loop while the lock
 * holder (an open transaction of this same process) needs it to finish. So writes and write
 * transactions of a process take turns on an async mutex; reads go straight through (WAL). With a
 * `probe`, a write first waits on a timer until no other process holds the lock, so the busy
 * timeout's synchronous sleep is left for the rare race between the probe and the write.
 */
export function serializeWrites(client: Client, onClose?: () => void, probe?: LockProbe): Client {
  const mutex = new Mutex();
  const exclusive = <T>(fn: () => Promise<T>) =>
    mutex.runExclusive(async () => {
      if (probe) await lockFree(probe);
      return fn();
    });
  return new Proxy(client, {
    get(target, prop, receiver) {
      switch (prop) {
        case 'execute':
          return (stmt: InStatement, args?: unknown) => {
            const run = () => (args === undefined ? target.execute(stmt) : target.execute(stmt as string, args as never));
            return readOnly.test(sqlOf(stmt)) ? run() : exclusive(run);
          };
        case 'batch':
          return (stmts: InStatement[], mode?: TransactionMode) => exclusive(() => target.batch(stmts, mode));
        case 'executeMultiple':
          return (sql: string) => exclusive(() => target.executeMultiple(sql));
        case 'close':
          return () => {
            onClose?.();
            target.close();
          };
        case 'migrate':
          return (stmts: InStatement[]) => exclusive(() => target.migrate(stmts));
        case 'transaction':
          return async (mode?: TransactionMode): Promise<Transaction> => {
            if (mode === 'read') return target.transaction(mode);
            const release = await mutex.acquire();
            let tx: Transaction;
            try {
              if (probe) await lockFree(probe);
              tx = await target.transaction(mode);
            } catch (e) {
              release();
              throw e;
            }
            let released = false;
            const done = () => {
              if (!released) {
                released = true;
                release();
              }
            };
            return new Proxy(tx, {
              get(t, p, r) {
                if (p === 'commit') return () => t.commit().finally(done);
                if (p === 'rollback') return () => t.rollback().finally(done);
                if (p === 'close')
                  return () => {
                    t.close();
                    done();
                  };
                const v: unknown = Reflect.get(t, p, r);
                return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
              },
            });
          };
        default: {
          const v: unknown = Reflect.get(target, prop, receiver);
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        }
      }
    },
  });
}
