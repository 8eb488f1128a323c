// Loaded with `node --import` (through NODE_OPTIONS) when HANDLED_CLOCK is set: every Date in this
// process and in the processes it starts reads "now" as if the wall clock had been set to
// HANDLED_CLOCK when the first process started. Time still runs; only its origin moves. The tests
// run under it at DST changes and on 29 February to prove they do not depend on today's date.
//
// The offset is fixed once, by the first process, and handed down in HANDLED_CLOCK_OFFSET_MS, so a
// child started a minute later agrees with its parent about what time it is.
const RealDate = globalThis.Date;
const target = process.env.HANDLED_CLOCK;

if (target && !globalThis.__handledClockShifted) {
  const handedDown = process.env.HANDLED_CLOCK_OFFSET_MS;
  let offset = handedDown ? Number(handedDown) : Number.NaN;
  if (!Number.isFinite(offset)) {
    const at = RealDate.parse(target);
    if (Number.isNaN(at)) throw new Error(`HANDLED_CLOCK is not a date: ${target}`);
    offset = at - RealDate.now();
    process.env.HANDLED_CLOCK_OFFSET_MS = String(offset);
  }
  const now = () => RealDate.now() + offset;
  globalThis.Date = new Proxy(RealDate, {
    construct(Target, args, newTarget) {
      return Reflect.construct(Target, args.length === 0 ? [now()] : args, newTarget);
    },
    apply() {
      return new RealDate(now()).toString();
    },
    get(Target, prop, receiver) {
      if (prop === 'now') return now;
      return Reflect.get(Target, prop, receiver);
    },
  });
  globalThis.__handledClockShifted = true;
}
