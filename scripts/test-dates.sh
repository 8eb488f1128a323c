#!/usr/bin/env bash
# Date independence: the unit and API tests (vitest project `unit`) once more, at other instants —
# 30 minutes before New York springs forward, 30 minutes before London falls back, and late on
# 29 February. HANDLED_CLOCK moves the wall clock of every process the run starts
# (scripts/clock/shift-clock.mjs); time keeps running from there.
# To keep CI within its time, a whole run (no arguments) splits the project into three shards, one
# per instant, so every test runs once at another date; `DATES_FULL=1` (or naming instants) runs the
# whole project at each.
set -uo pipefail
cd "$(dirname "$0")/.."
named=$#
dates=("${@:-2027-03-14T06:30:00Z 2027-10-31T00:30:00Z 2028-02-29T23:30:00Z}")
set -- ${dates[*]}
shard=0
rc=0
# A whole run checks where the dates are reasoned about — core, the API services, the seed, the bot and
# the site's helpers — and leaves the server's HTTP, desk and emulator tests to the main run.
DATE_PATHS=""
if [ "$named" -eq 0 ] && [ "${DATES_FULL:-}" != 1 ]; then DATE_PATHS="packages db apps/bot apps/web scripts/clock"; fi
for at in "$@"; do
  shard=$((shard + 1))
  args=()
  what="unit and API tests"
  if [ "$named" -eq 0 ] && [ "${DATES_FULL:-}" != 1 ]; then args=(--shard="$shard/$#"); what="shard $shard/$# of the unit and API tests"; fi
  echo; echo "▶ $what with the clock at $at"
  HANDLED_CLOCK="$at" NODE_OPTIONS="${NODE_OPTIONS:-} --import $PWD/scripts/clock/shift-clock.mjs" \
    pnpm exec vitest run --project unit --reporter=dot "${args[@]}" $DATE_PATHS || rc=1
done
exit $rc
