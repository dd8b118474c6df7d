#!/usr/bin/env bash
# The long crash run of issue 15, item 1: KILLS (default 25) kill -9s of a serving learnlytics at
# seeded random moments during ingest, dirty refresh, goal evaluation and export, each followed by
# a restart and CrashSafetyTest's checks (every acknowledged batch stored whole, no half batch,
# lost answers re-sent and stored once, rollups equal to aggregate --rebuild in every column).
# docs/reliability.md ("Crash safety (kill -9)") reports its output.
#   scripts/crash-test.sh [KILLS] [SEED]      (SEED defaults to a fresh one, printed)
# Runs offline against the local Maven repository; drop -o on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${1:-25}
SEED=${2:-$(date +%s%N | cut -c10-18)}
echo "crash test: $KILLS kills, seed $SEED"
./mvnw -q -B -ntp -o spotless:apply test-compile
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
./mvnw -B -ntp -o surefire:test -Dtest=CrashSafetyTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcrash.kills="$KILLS" -Dcrash.seed="$SEED" >"$log" 2>&1 || status=$?
sed -n '/^crash run/,/answers dropped by a live server/p' "$log"
grep -E 'Tests run:|FAIL' "$log" | head -5
if [ "$status" -ne 0 ]; then
  echo "failed; the whole Maven output:"; cat "$log"
fi
exit "$status"
