/**
 * The marketplace's one clock. The services (`deps.now`), the seed and `pnpm start` read "now"
 * from here, never each on its own. Tests move it per stack (`setClock` in the lifecycle
 * fixtures); the date-independence run (`scripts/test-dates.sh`) moves the whole process's wall
 * clock with `HANDLED_CLOCK` (see `scripts/clock/shift-clock.mjs`).
 */
export function systemNow(): Date {
  return new Date();
}
