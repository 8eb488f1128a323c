import { seedScale } from '@handled/db/seed';
import { discover, type DiscoveryInput } from '@handled/api/discovery';
import { startTestStack } from '@handled/testing';
import { percentile, type BenchModule, type Figure } from './measure.ts';

const PROVIDERS = 50_000;
const RUNS = 40;

async function timed(fn: () => Promise<unknown>, runs = RUNS) {
  for (let i = 0; i < 5; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

/**
 * Discovery at 50,000 providers: the SQL page plus each card's next available time, as the site
 * asks for it (12 cards). Baseline: reading one provider row by primary key in the same database.
 */
export const searchBench: BenchModule = {
  name: 'search',
  setup: `${PROVIDERS.toLocaleString('en-US')} providers (seedScale, seed 7) in 8 cities + the demo seed; 12 cards a page with next available (2-hour job); ${RUNS} runs each, p50/p95`,
  async run() {
    const stack = await startTestStack({ providers: 12, worker: false });
    try {
      const db = stack.deps.db;
      await seedScale(db, { providers: PROVIDERS, now: stack.deps.now() });
      await db.$client.execute('ANALYZE');
      const deps = stack.deps;
      const base: DiscoveryInput = { radiusKm: 15, coversMe: true, hours: 2, sort: 'best', cursor: 0, pageSize: 12 };
      const day = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
      const cases: [string, Partial<DiscoveryInput>][] = [
        ['search: everyone, best match', {}],
        ['search: plumbing, best match', { category: 'plumbing' }],
        ['search: ZIP 10001 within 15 km, best match', { where: '10001' }],
        ['search: plumbing near 10001, by distance', { category: 'plumbing', where: '10001', sort: 'distance' }],
        ['search: London SW1A 1AA 25 km, ≥4.5★, £40–80', { where: 'SW1A 1AA', radiusKm: 25, minRating: 4.5, minRate: 4000, maxRate: 8000 }],
        ['search: everyone by rating, page 50', { sort: 'rating', cursor: 49 * 12 }],
        ['search: cleaning by price', { category: 'cleaning', sort: 'price' }],
        ['search: near 10001, free on a date', { where: '10001', availableOn: day }],
      ];
      const { rows } = await db.$client.execute('select user_id from provider_profile limit 1 offset 25000');
      const someId = String(rows[0]!['user_id']);
      const pk = await timed(() => db.$client.execute({ sql: 'select * from provider_profile where user_id = ?', args: [someId] }));
      const figures: Figure[] = [{ name: 'baseline: one provider by primary key', value: pk.p50, unit: 'ms p50' }];
      const ratio = (v: number) => ({ ratio: v / pk.p50, baseline: 'provider by primary key' });
      for (const [name, extra] of cases) {
        const t = await timed(() => discover(deps, { ...base, ...extra }, null));
        const sample = await discover(deps, { ...base, ...extra }, null);
        figures.push({ name: `${name} (${sample.items.length} cards)`, value: t.p50, unit: 'ms p50', ...ratio(t.p50) });
        figures.push({ name: `${name} p95`, value: t.p95, unit: 'ms' });
      }
      const input = encodeURIComponent(JSON.stringify({ category: 'plumbing', where: '10001', sort: 'distance', pageSize: 12 }));
      const url = `${stack.apiUrl}/trpc/discovery.search?input=${input}`;
      const http = await timed(async () => {
        const r = await fetch(url);
        if (!r.ok) throw new Error(`discovery.search answered ${r.status}`);
        await r.arrayBuffer();
      });
      figures.push({ name: 'HTTP discovery.search (plumbing near 10001)', value: http.p50, unit: 'ms p50', ...ratio(http.p50) });
      // What the best-match index buys: the same query with the index dropped (this temp DB only).
      const withIdx = await timed(() => discover(deps, { ...base, category: 'plumbing' }, null), 20);
      await db.$client.execute('DROP INDEX provider_best_idx');
      const noIdx = await timed(() => discover(deps, { ...base, category: 'plumbing' }, null), 20);
      figures.push({ name: 'search: plumbing, best match, WITHOUT provider_best_idx', value: noIdx.p50, unit: 'ms p50', ratio: noIdx.p50 / withIdx.p50, baseline: `with the index ${withIdx.p50.toFixed(2)} ms` });
      return figures;
    } finally {
      await stack.close();
    }
  },
};
