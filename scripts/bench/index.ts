/**
 * `pnpm bench`: runs every benchmark module and prints one line per figure — name, value, unit,
 * and the ratio to a baseline measured in the same run. Figures are for reading, not asserting.
 * Add a module: export a `BenchModule` and list it here.
 */
import { bookingInsertBench } from './booking-insert.bench.ts';
import type { BenchModule } from './measure.ts';
import { lighthouseBench } from './lighthouse.bench.ts';
import { searchBench } from './search.bench.ts';
import { slotsBench } from './slots.bench.ts';

const modules: BenchModule[] = [slotsBench, bookingInsertBench, searchBench, lighthouseBench];
const only = process.argv.slice(2);

console.log(`# Handled benchmarks — node ${process.version}, ${new Date().toISOString()}`);
for (const m of modules.filter((x) => only.length === 0 || only.includes(x.name))) {
  console.log(`\n## ${m.name}: ${m.setup}`);
  for (const f of await m.run()) {
    const value = f.value >= 100 ? f.value.toFixed(0) : f.value.toFixed(f.value >= 10 ? 1 : 3);
    const ratio = f.ratio === undefined ? '' : `  ×${f.ratio.toFixed(2)} vs ${f.baseline ?? 'baseline'}`;
    console.log(`${f.name.padEnd(48)} ${value.padStart(10)} ${f.unit}${ratio}`);
  }
}
process.exit(0);
