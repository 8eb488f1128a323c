// The load generator, in its own process (never the server's event loop): autocannon against one
// URL, printing one JSON line — requests per second, latency percentiles from every response, and
// how many answers were not 2xx. Argument: a JSON object (see `LoadSpec` in load.ts).
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

// The spec comes inline or, when long (many paths or bodies), as @file.
const arg = process.argv[2] ?? '{}';
const spec = JSON.parse(arg.startsWith('@') ? readFileSync(arg.slice(1), 'utf8') : arg);
const times = [];
let next = 0;
const bodies = spec.bodies ?? null;
const paths = spec.paths ?? null;

// Several load processes started together wait for a common instant (`startAt`, epoch ms), so
// none of them is measured while the others are still starting Node and loading autocannon.
if (spec.startAt) await new Promise((r) => setTimeout(r, Math.max(0, spec.startAt - Date.now())));

// autocannon notices that `amount` requests are done only at its next one-second sample, so its
// duration rounds a short run up to whole seconds: such a run is timed here, to its last answer.
const startedAt = performance.now();
// The process's CPU from the moment autocannon has set up its clients (its own set-up is not load).
let cpuAtStart = process.cpuUsage();
let lastAnswerAt = startedAt;
const instance = autocannon({
  url: spec.url,
  connections: spec.connections ?? 20,
  duration: spec.durationS ?? 10,
  ...(spec.amount ? { amount: spec.amount } : {}),
  method: spec.method ?? 'GET',
  headers: spec.headers ?? {},
  ...(bodies || paths
    ? {
        requests: [
          {
            setupRequest: (req) => {
              const i = next++;
              return {
                ...req,
                ...(bodies ? { body: bodies[i % bodies.length] } : {}),
                ...(paths ? { path: paths[i % paths.length] } : {}),
              };
            },
          },
        ],
      }
    : {}),
});
instance.on('start', () => (cpuAtStart = process.cpuUsage()));
instance.on('response', (_client, _status, _bytes, responseTime) => {
  times.push(responseTime);
  lastAnswerAt = performance.now();
});
instance.on('done', (r) => {
  times.sort((a, b) => a - b);
  const pct = (p) => (times.length ? times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] : NaN);
  const seconds = spec.amount ? (lastAnswerAt - startedAt) / 1000 : r.duration;
  const cpu = process.cpuUsage(cpuAtStart);
  process.stdout.write(
    JSON.stringify({
      requests: r.requests.total,
      seconds,
      rps: r.requests.total / seconds,
      p50: pct(50),
      p95: pct(95),
      p99: pct(99),
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
      statusCodes: r.statusCodeStats,
      bytesPerResponse: r.requests.total ? r.throughput.total / r.requests.total : 0,
      cpuMs: (cpu.user + cpu.system) / 1000,
    }) + '\n',
  );
});
