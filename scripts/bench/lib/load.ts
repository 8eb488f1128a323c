import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const TICK_MS = 10; // CLK_TCK is 100 on Linux

export interface LoadSpec {
  url: string;
  connections?: number;
  durationS?: number;
  /** Stop after this many requests instead of after `durationS`. */
  amount?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Request bodies, sent round-robin. */
  bodies?: string[];
  /** Paths (with their query) on `url`'s host, asked round-robin instead of `url`'s own. */
  paths?: string[];
  /** Start at this instant (epoch ms) rather than as soon as the process is up: several load processes start together. */
  startAt?: number;
}

export interface LoadResult {
  requests: number;
  /** How long the load ran: to its last answer when it stopped after `amount` requests. */
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, { count: number }>;
  bytesPerResponse: number;
  /** The load process's own CPU time (user + system) from its start to its last answer, in ms. */
  cpuMs: number;
}

/** Runs autocannon in a separate process (scripts/bench/lib/load-child.mjs) and returns its figures. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  // Long specs (thousands of paths) go through a file: an argument may not pass 128 KB.
  let arg = JSON.stringify(spec);
  let file: string | null = null;
  if (arg.length > 100_000) {
    file = join(mkdtempSync(join(tmpdir(), 'handled-load-')), 'spec.json');
    writeFileSync(file, arg);
    arg = `@${file}`;
  }
  return new Promise<LoadResult>((resolve, reject) => {
    const child = spawn(process.execPath, [here('./load-child.mjs'), arg], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1);
      if (code !== 0 || !line) return reject(new Error(`load process exited ${code}: ${err.slice(0, 400)}`));
      resolve(JSON.parse(line) as LoadResult);
    });
  }).finally(() => {
    if (file) rmSync(dirname(file), { recursive: true, force: true });
  });
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) — utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** CPU time of a process and its descendants (the API and its job worker), in ms. */
export function treeCpuMs(pid: number): number {
  return processTree(pid).reduce((n, p) => {
    try {
      return n + cpuMs(p);
    } catch {
      return n; // ended meanwhile
    }
  }, 0);
}

export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** The process and all its descendants (from /proc), e.g. everything `pnpm start` runs. */
export function processTree(rootPid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parentOf) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

export interface HttpFigures extends LoadResult {
  /** Server CPU ms per request: the figure a noisy, shared machine disturbs least. */
  cpuMsPerRequest: number;
}

/** Loads `spec.url` from a separate process while reading the serving process's CPU time. */
export async function measureHttp(serverPid: number, spec: LoadSpec): Promise<HttpFigures> {
  const before = cpuMs(serverPid);
  const r = await runLoad(spec);
  const used = cpuMs(serverPid) - before;
  return { ...r, cpuMsPerRequest: r.requests ? used / r.requests : NaN };
}

/** A child process that prints one JSON line with its port once it listens. */
export function startListening(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; port: number; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /\{"port":(\d+)\}/.exec(out);
      if (m)
        resolve({
          child,
          port: Number(m[1]),
          stop: () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM')))),
        });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code} before listening`)));
  });
}

/** The bare Hono `{ok:true}` baseline, in its own process. */
export function startBareHono() {
  return startListening(process.execPath, [here('./bare-hono.mjs')]);
}
