/**
 * `pnpm start`: the whole marketplace on one machine, offline — emulators, API + worker, the
 * client site, the desk app's renderer and the Telegram bot — on a seeded libSQL file.
 * `pnpm dev` does the same with the site and desk renderer in dev mode (hot reload).
 */
import { join, resolve } from 'node:path';
import { createDb, prepareDb, systemNow } from '@handled/db';
import { seed } from '@handled/db/seed';
import { run, waitFor, type ManagedProcess } from './lib/processes.ts';
import { useCurrentRelease } from './lib/releases.ts';
import { serveSpa } from './lib/static-server.ts';

const dev = process.argv.includes('--dev');
const root = resolve(import.meta.dirname, '..');
const dataDir = resolve(root, process.env['DATA_DIR'] ?? '.data');
const ports = { api: 8787, web: 3000, desk: 5174, emulators: 8790 };
const host = '127.0.0.1';
const url = (port: number) => `http://${host}:${port}`;

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
  TELEGRAM_API_ROOT: url(ports.emulators),
  VITE_API_URL: url(ports.api),
};

async function main() {
  console.log(`Preparing the database in ${dataDir} …`);
  const db = createDb({ url: process.env['DATABASE_URL'] ?? `file:${resolve(dataDir, 'handled.db')}` });
  await prepareDb(db);
  const seeded = await seed(db, { dataDir, now: systemNow() });
  db.$client.close();

  const tsx = resolve(root, 'node_modules/.bin/tsx');
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

  procs.push(run('emulators', tsx, ['packages/emulators/src/main.ts'], shared, 0, root));
  await waitFor(`${url(ports.emulators)}/_/`);
  procs.push(run('api', tsx, ['apps/server/src/main.ts'], { ...shared, PORT: String(ports.api) }, 1, root));
  await waitFor(`${url(ports.api)}/health`);

  if (dev) {
    procs.push(run('web', 'pnpm', ['--filter', '@handled/web', 'dev'], shared, 2, root));
    procs.push(run('desk', 'pnpm', ['--filter', '@handled/desk', 'web:dev'], shared, 3, root));
  } else {
    // The release releases/current points at now, held (and kept from pruning) while this runs: a
    // later `pnpm build` or `pnpm test` switches releases/current without touching these files.
    const release = useCurrentRelease();
    console.log(`Serving release ${release.id}`);
    const web = { ...shared, HOST: host, PORT: String(ports.web), ORIGIN: url(ports.web), WEB_BUILD_DIR: join(release.dir, 'web') };
    procs.push(run('web', 'node', ['apps/web/serve.js'], web, 2, root));
    await serveSpa(join(release.dir, 'desk'), host, ports.desk);
  }
  procs.push(run('bot', tsx, ['apps/bot/src/main.ts'], shared, 4, root));
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
