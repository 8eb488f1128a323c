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
# A whole run (no arguments) also proves the unit and API tests pass on other dates (docs/testing.md).
if [ $# -eq 0 ]; then
  step "date independence: the unit project at three other instants"
  bash scripts/test-dates.sh || rc=1
fi
# The summary comes last, so the tail of a long CI log names what failed.
step "summary of the main run"
node -e '
  const r = JSON.parse(require("fs").readFileSync(".test-results/vitest.json", "utf8"));
  const root = process.cwd() + "/";
  for (const file of r.testResults) {
    const failed = file.assertionResults.filter((t) => t.status === "failed");
    if (file.status === "failed" && failed.length === 0) console.log(`FAILED ${file.name.replace(root, "")}: ${(file.message || "").split("\n")[0]}`);
    for (const t of failed) {
      console.log(`FAILED ${file.name.replace(root, "")} › ${t.fullName}`);
      console.log("   " + (t.failureMessages[0] || "").split("\n").slice(0, 3).join("\n   "));
    }
  }
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + (r.numTodoTests||0)} skipped`);
' || true
[ $rc -eq 0 ] && echo "All green." || echo "Something failed (exit $rc): see the lines above."
exit $rc
