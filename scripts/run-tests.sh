#!/usr/bin/env bash
# The whole test suite: lint, types, builds, then every vitest project (unit, API, bot, browser).
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
exit $rc
