#!/usr/bin/env bash
# Date independence: the unit and API tests (vitest project `unit`) once more at each of three
# other instants — 30 minutes before New York springs forward, 30 minutes before London falls back,
# and late on 29 February. HANDLED_CLOCK moves the wall clock of every process the run starts
# (scripts/clock/shift-clock.mjs); time keeps running from there.
set -uo pipefail
cd "$(dirname "$0")/.."
dates=("${@:-2027-03-14T06:30:00Z 2027-10-31T00:30:00Z 2028-02-29T23:30:00Z}")
rc=0
for at in ${dates[*]}; do
  echo; echo "▶ unit and API tests with the clock at $at"
  HANDLED_CLOCK="$at" NODE_OPTIONS="${NODE_OPTIONS:-} --import $PWD/scripts/clock/shift-clock.mjs" \
    pnpm exec vitest run --project unit --reporter=dot || rc=1
done
exit $rc
