import { spawn, type ChildProcess } from 'node:child_process';

const colours = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m', '\x1b[31m'];

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
}

/** Starts a child with its output prefixed by its name, so one terminal shows the whole marketplace. */
export function run(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  index: number,
  cwd?: string,
): ManagedProcess {
  const child = spawn(command, args, { env: { ...process.env, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `${colours[index % colours.length]}${name.padEnd(9)}\x1b[0m│ `;
  const pipe = (stream: NodeJS.ReadableStream | null) => {
    let buf = '';
    stream?.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  };
  pipe(child.stdout);
  pipe(child.stderr);
  return { name, child };
}

/** Polls a URL until it answers (any status below 500). */
export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
