/**
 * Migrates and seeds `file:${dataDir}/handled.db`, then prints the demo logins.
 *
 *   pnpm seed [--data-dir DIR] [--providers 72] [--seed 42] [--scale N] [--json]
 *
 * The folder defaults to DATA_DIR, else .data (from the repo root under `pnpm seed`): the database
 * `pnpm start` uses. Seeding is idempotent: an already seeded database is left as it is.
 * `--scale N` also adds N benchmark providers (no photos, no bookings). DATABASE_URL, when set,
 * names the database instead. `--json` ends with the summary as one JSON line (for pnpm start).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, prepareDb } from '../client.ts';
import { systemNow } from '../clock.ts';
import { seed, seedScale } from './index.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: process.env['DATA_DIR'] || '.data' },
    providers: { type: 'string', default: '72' },
    seed: { type: 'string', default: '42' },
    scale: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const dataDir = resolve(values['data-dir']);
const db = createDb({ url: process.env['DATABASE_URL'] || `file:${resolve(dataDir, 'handled.db')}` });
await prepareDb(db);

const started = performance.now();
const summary = await seed(db, { dataDir, now: systemNow(), providers: Number(values.providers), rngSeed: Number(values.seed) });
const c = summary.counts;
console.log(
  `${summary.created ? 'Seeded' : 'Already seeded'} ${dataDir}/handled.db in ${Math.round(performance.now() - started)} ms: ` +
    `${c.providers} providers, ${c.clients} clients, ${c.categories} categories, ${c.bookings} bookings (${c.completedBookings} completed), ${c.reviews} reviews, ${c.photos} work photos`,
);

if (values.scale) {
  const scaled = await seedScale(db, { providers: Number(values.scale), rngSeed: Number(values.seed), dataDir });
  console.log(
    scaled.created ? `Added ${scaled.providers} scale providers in ${Math.round(scaled.ms)} ms` : 'Scale providers already present',
  );
}

console.log(`\nDemo logins (password for all: ${summary.demoAccounts[0]?.password ?? ''})`);
for (const a of summary.demoAccounts) console.log(`  ${a.role.padEnd(9)} ${a.email.padEnd(28)} ${a.name}`);
if (values.json) console.log(JSON.stringify(summary));
db.$client.close();
