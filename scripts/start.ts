/**
 * `pnpm start`: the whole marketplace on one machine, offline — emulators, API + worker, the
 * client site, the desk app's renderer and the Telegram bot — on a seeded libSQL file.
 *
 * `pnpm start` builds a release (scripts/build.ts) and runs this file compiled, as
 * releases/<id>/start.mjs: every process is plain `node` on that release's compiled JavaScript
 * (server/, bot/, emulators/, seed/ — scripts/lib/bundle.ts), with no tsx or esbuild running.
 * `pnpm dev` runs this file from source with tsx and the site and desk renderer in dev mode (hot reload).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run, waitFor, type ManagedProcess } from './lib/processes.ts';
import { holdRelease } from './lib/releases.ts';
import { serveSpa } from './lib/static-server.ts';

const dev = process.argv.includes('--dev');
// Compiled, this module is releases/<id>/start.mjs (node runs its real path, never `current`).
const release = existsSync(join(import.meta.dirname, 'release.json')) ? import.meta.dirname : null;
const root = resolve(import.meta.dirname, release ? '../..' : '..');
const dataDir = resolve(root, process.env['DATA_DIR'] ?? '.data');
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
// Other ports (beside another sandbox, or for the memory benchmark): API_PORT, WEB_PORT, DESK_PORT, EMULATORS_PORT.
const ports = {
  api: port('API_PORT', 8787),
  web: port('WEB_PORT', 3000),
  desk: port('DESK_PORT', 5174),
  emulators: port('EMULATORS_PORT', 8790),
};
const host = '127.0.0.1';
const url = (port: number) => `http://${host}:${port}`;

/** How to run one of the Node apps: its compiled bundle with node, or its source with tsx (dev). */
function appCommand(app: 'server' | 'bot' | 'emulators' | 'seed'): [string, string[]] {
  if (release) return [process.execPath, [join(release, app, 'main.mjs')]];
  const source = {
    server: 'apps/server/src/main.ts',
    bot: 'apps/bot/src/main.ts',
    emulators: 'packages/emulators/src/main.ts',
    seed: 'db/src/seed/cli.ts',
  }[app];
  return [resolve(root, 'node_modules/.bin/tsx'), [source]];
}

interface SeedResult {
  demoAccounts: { role: string; email: string; password: string; name: string }[];
}

/** Migrates and seeds in a process of its own, which exits: the seed's modules never stay in memory. */
function seedDatabase(env: Record<string, string>): Promise<SeedResult> {
  const [command, args] = appCommand('seed');
  return new Promise((ok, fail) => {
    const child = spawn(command, [...args, '--data-dir', dataDir, '--json'], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1);
      if (code !== 0 || !line) return fail(new Error(`Seeding failed (exit ${code})`));
      ok(JSON.parse(line) as SeedResult);
    });
  });
}

const shared: Record<string, string> = {
  DATA_DIR: dataDir,
  API_URL: url(ports.api),
  PUBLIC_API_URL: url(ports.api),
  WEB_URL: url(ports.web),
  DESK_URL: url(ports.desk),
  EMULATORS_URL: url(ports.emulators),
  EMULATORS_PORT: String(ports.emulators),
  STRIPE_WEBHOOK_URL: `${url(ports.api)}/webhooks/stripe`,
  STRIPE_WEBHOOK_SECRET: process.env['STRIPE_WEBHOOK_SECRET'] ?? 'whsec_sandbox_handled_local_secret',
  // Resend's delivery webhooks (the mailbox emulator signs them through Svix).
  RESEND_WEBHOOK_URL: `${url(ports.api)}/webhooks/resend`,
  TELEGRAM_API_ROOT: url(ports.emulators),
  VITE_API_URL: url(ports.api),
};

async function main() {
  if (!dev && !release) throw new Error('Run pnpm start (it builds a release and runs releases/<id>/start.mjs) or pnpm dev.');
  console.log(`Preparing the database in ${dataDir} …`);
  const seeded = await seedDatabase(shared);
  // The release this process serves stays (is not pruned) while it runs, whatever later builds do.
  if (release) holdRelease(release);

  const procs: ManagedProcess[] = [];
  const stopAll = () => {
    for (const p of procs) p.child.kill('SIGTERM');
  };
  process.on('SIGINT', () => {
    stopAll();
    process.exit(0);
  });
  process.on('SIGTERM', () => {
    stopAll();
    process.exit(0);
  });

  procs.push(run('emulators', ...appCommand('emulators'), shared, 0, root));
  await waitFor(`${url(ports.emulators)}/_/`);
  procs.push(run('api', ...appCommand('server'), { ...shared, PORT: String(ports.api) }, 1, root));
  await waitFor(`${url(ports.api)}/health`);

  if (dev) {
    procs.push(run('web', 'pnpm', ['--filter', '@handled/web', 'dev'], shared, 2, root));
    procs.push(run('desk', 'pnpm', ['--filter', '@handled/desk', 'web:dev'], shared, 3, root));
  } else if (release) {
    // This process's own release, held while it runs: a later `pnpm build` or `pnpm test` switches
    // releases/current without touching these files.
    console.log(`Serving release ${release}`);
    const web = { ...shared, HOST: host, PORT: String(ports.web), ORIGIN: url(ports.web), WEB_BUILD_DIR: join(release, 'web') };
    procs.push(run('web', process.execPath, ['apps/web/serve.js'], web, 2, root));
    await serveSpa(join(release, 'desk'), host, ports.desk);
  }
  procs.push(run('bot', ...appCommand('bot'), shared, 4, root));
  await Promise.all([waitFor(url(ports.web)), waitFor(url(ports.desk))]);

  for (const p of procs)
    p.child.on('exit', (code) => {
      if (code !== null && code !== 0) console.error(`${p.name} exited with code ${code}`);
    });

  const line = '─'.repeat(72);
  console.log(`\n${line}\n Handled is running (offline sandbox)\n${line}`);
  console.log(` Client site        ${url(ports.web)}`);
  console.log(` Provider desk app  ${url(ports.desk)}   (Electron: pnpm --filter @handled/desk electron)`);
  console.log(` Admin screens      ${url(ports.web)}/admin   (sign in as the admin below)`);
  console.log(` API                ${url(ports.api)}   (/trpc, /health)`);
  console.log(` Stripe emulator    ${url(ports.emulators)}/_/stripe   (pay with 4242 4242 4242 4242)`);
  console.log(` Cal.com emulator   ${url(ports.emulators)}/_/calcom   (providers' calendars: add events, move jobs)`);
  console.log(` Mailbox            ${url(ports.emulators)}/_/mailbox`);
  console.log(` Telegram chats     ${url(ports.emulators)}/_/telegram`);
  console.log(` SMS log            ${url(ports.emulators)}/_/sms`);
  console.log(`${line}\n Demo logins (password for all: ${seeded.demoAccounts[0]?.password ?? ''})`);
  for (const a of seeded.demoAccounts) console.log(`   ${a.role.padEnd(9)} ${a.email.padEnd(28)} ${a.name}`);
  console.log(`${line}\n Data: ${dataDir}   ·   Ctrl+C stops everything\n`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
