import { createServer } from 'node:net';

/**
 * A free loopback port, kept bound until `release()`: nothing else can be given it meanwhile, and
 * then it is free for the process meant to bind it.
 */
export function holdPort(): Promise<{ port: number; release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({ port, release: () => new Promise<void>((done) => srv.close(() => done())) });
    });
  });
}

/** Asks the OS for a free loopback port (released at once: another server may take it before you do). */
export async function freePort(): Promise<number> {
  const held = await holdPort();
  await held.release();
  return held.port;
}
