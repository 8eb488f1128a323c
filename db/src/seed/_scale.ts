import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, prepareDb } from '../client.ts';
import { seedScale } from './scale.ts';
const dir = mkdtempSync(join(tmpdir(), 'scale-'));
const db = createDb({ url: `file:${join(dir, 'h.db')}` });
await prepareDb(db);
console.log(await seedScale(db, { providers: 50_000 }));
