#!/usr/bin/env bash
# Another program holds the database's write lock for HOLD seconds (default 12, longer than the
# server's 10 s lock timeout) while we ingest and read; docs/reliability.md reports its output.
#   ./mvnw -q package -DskipTests && scripts/writer-lock.sh
# The lock is held by Python's sqlite3 module (BEGIN IMMEDIATE), as the assistant or a sqlite3
# shell would hold it. Environment: HOLD (12), PORT (18181), JAR (target/learnlytics.jar).
set -euo pipefail
JAR=${JAR:-target/learnlytics.jar}
HOLD=${HOLD:-12}
PORT=${PORT:-18181}
dir=$(mktemp -d)
db="$dir/lock.db"
base="http://127.0.0.1:$PORT"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT

java -jar "$JAR" serve --db "$db" --port "$PORT" >"$dir/server.log" 2>&1 &
server=$!
until curl -sf "$base/api/health" >/dev/null; do sleep 0.2; done

batch='[{"kind":"exchange","id":"lock-1","session_id":"s-lock","timestamp":"2026-12-01T10:00:00Z","topics":["locks"]}]'
post() {
  curl -s -o "$dir/answer.json" -D "$dir/headers.txt" -w '%{http_code} %{time_total}\n' \
    -H 'Content-Type: application/json' --data "$batch" "$base/api/events"
}

python3 - "$db" "$HOLD" "$dir/locked" <<'EOF' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
print(f"other writer: holding the write lock for {sys.argv[2]} s", flush=True)
open(sys.argv[3], "w").close()
time.sleep(float(sys.argv[2]))
c.execute("ROLLBACK")
EOF
holder=$!
until [ -e "$dir/locked" ]; do sleep 0.1; done

post >"$dir/write.txt" &
writer=$!
reads=0; worst=0
while kill -0 "$writer" 2>/dev/null; do
  read -r code secs < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$base/api/analytics/overview?period=7d")
  [ "$code" = 200 ] || { echo "read answered $code during the lock"; exit 1; }
  reads=$((reads + 1)); worst=$(python3 -c "print(max($worst, $secs))")
done
read -r status took <"$dir/write.txt"
echo "ingest during the lock: $status after ${took} s, Retry-After: $(grep -i '^retry-after' "$dir/headers.txt" | tr -d '\r' | cut -d' ' -f2)"
echo "  answer: $(cat "$dir/answer.json")"
echo "reads during the lock: $reads, all 200, slowest ${worst} s"
wait "$holder"

read -r status took < <(post)
echo "same batch after the lock is released: $status after ${took} s: $(cat "$dir/answer.json")"
stored=$(curl -s "$base/api/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["counts"]["exchanges"])')
echo "exchanges stored: $stored"
if grep -q ' 500 \|ERROR' "$dir/server.log"; then echo "server log has errors:"; grep 'ERROR' "$dir/server.log"; exit 1; fi
