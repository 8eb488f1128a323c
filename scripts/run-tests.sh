#!/usr/bin/env bash
# The whole test suite: lint, types, builds, then every vitest project (unit, API, bot, browser),
# then the unit project again at three other dates.
set -uo pipefail
cd "$(dirname "$0")/.."
step() { echo; echo "▶ $*"; }
step "lint";       pnpm -s lint || exit 1
step "typecheck";  pnpm -s typecheck || exit 1
step "build";      pnpm -s build >/dev/null || { pnpm -s build; exit 1; }
step "system packages";   bash scripts/ensure-system-packages.sh || exit 1
step "tests"
mkdir -p .test-results
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.test-results/vitest.json "$@"
rc=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(".test-results/vitest.json", "utf8"));
  console.log(`\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + (r.numTodoTests||0)} skipped`);
' || true
# A whole run (no arguments) also proves the unit and API tests pass on other dates (docs/testing.md).
if [ $# -eq 0 ]; then
  step "date independence: the unit project at three other instants"
  bash scripts/test-dates.sh || rc=1
fi
exit $rc
