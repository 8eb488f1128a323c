/**
 * `pnpm bench`: runs every benchmark module and prints one line per figure — name, value, unit,
 * the ratio to a baseline measured in the same run, and the target it is held to. Figures are for
 * reading, not asserting. HTTP load always comes from separate processes (lib/load.ts) against the
 * compiled API running as its own process (lib/sandbox.ts).
 * Add a module: export a `BenchModule` and list it here.
 */
import { bookingInsertBench } from './booking-insert.bench.ts';
import type { BenchModule } from './measure.ts';
import { lighthouseBench } from './lighthouse.bench.ts';
import { memoryBench } from './memory.bench.ts';
import { searchBench } from './search.bench.ts';
import { slotsBench } from './slots.bench.ts';

const modules: BenchModule[] = [slotsBench, bookingInsertBench, searchBench, memoryBench, lighthouseBench];
const only = process.argv.slice(2);

console.log(`# Handled benchmarks — node ${process.version}, ${new Date().toISOString()}`);
for (const m of modules.filter((x) => only.length === 0 || only.includes(x.name))) {
  console.log(`\n## ${m.name}: ${m.setup}`);
  for (const f of await m.run()) {
    const value = f.value >= 100 ? f.value.toFixed(0) : f.value.toFixed(f.value >= 10 ? 1 : 3);
    const ratio = f.ratio === undefined ? '' : `  ×${f.ratio.toFixed(f.ratio >= 10 ? 1 : 3)} vs ${f.baseline ?? 'baseline'}`;
    const target = f.target === undefined ? '' : `  [target ${f.target}: ${f.met ? 'met' : 'MISSED'}]`;
    console.log(`${f.name.padEnd(56)} ${value.padStart(10)} ${f.unit}${ratio}${target}`);
  }
}
process.exit(0);
