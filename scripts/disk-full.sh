#!/usr/bin/env bash
# A real full disk: the database on a 64 MiB tmpfs mostly taken by a filler file. Ingests until
# the server answers something other than 200, checks the answer and that nothing acknowledged is
# lost, frees the space, re-sends the refused batch and checks the database. Needs root (mount).
#   ./mvnw -q package -DskipTests && sudo scripts/disk-full.sh
# docs/reliability.md reports its output. Environment: PORT (18182), JAR (target/learnlytics.jar).
set -euo pipefail
JAR=$(realpath "${JAR:-target/learnlytics.jar}")
PORT=${PORT:-18182}
base="http://127.0.0.1:$PORT"
dir=$(mktemp -d)
mnt="$dir/disk"
mkdir "$mnt"
mount -t tmpfs -o size=64m tmpfs "$mnt"
server=""
stop() { [ -n "$server" ] && { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }; }
trap 'stop; umount "$mnt"; rm -rf "$dir"' EXIT

start() {
  java -jar "$JAR" serve --db "$mnt/full.db" --port "$PORT" >>"$dir/server.log" 2>&1 &
  server=$!
  until curl -sf "$base/api/health" >/dev/null; do sleep 0.2; done
}

# Batch N: 200 exchanges with 2 KB of text each (about 0.5 MB stored).
batch() {
  python3 - "$1" <<'EOF'
import json, sys
n = int(sys.argv[1])
text = "the quick brown fox explains recursion " * 50
print(json.dumps([{"kind": "exchange", "id": f"b{n}-{i}", "session_id": f"s{n}",
                   "timestamp": f"2026-11-{1 + n % 28:02d}T10:{i % 60:02d}:00Z",
                   "user_text": text, "agent_text": text, "topics": [f"topic-{i % 7}"]}
                  for i in range(200)]))
EOF
}
post() { curl -s -o "$dir/answer.json" -w '%{http_code}' -H 'Content-Type: application/json' --data @"$1" "$base/api/events"; }
exchanges() { curl -s "$base/api/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["counts"]["exchanges"])'; }

start
dd if=/dev/zero of="$mnt/filler" bs=1M count=40 status=none
echo "disk: $(df -h --output=avail "$mnt" | tail -1 | tr -d ' ') free after a 40 MiB filler"

acknowledged=0; n=0
while :; do
  batch "$n" >"$dir/batch.json"
  status=$(post "$dir/batch.json")
  [ "$status" = 200 ] || break
  acknowledged=$((acknowledged + 200)); n=$((n + 1))
done
echo "after $n batches ($acknowledged exchanges acknowledged): $status $(cat "$dir/answer.json")"
echo "stored now: $(exchanges); health: $(curl -s -o /dev/null -w '%{http_code}' "$base/api/health"); overview: $(curl -s -o /dev/null -w '%{http_code}' "$base/api/analytics/overview")"

rm "$mnt/filler"
status=$(post "$dir/batch.json")
echo "space freed; the refused batch again: $status $(cat "$dir/answer.json")"
echo "stored: $(exchanges) (acknowledged before: $acknowledged, + 200 now)"
stop; server=""
python3 - "$mnt/full.db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print("after a restart: integrity_check", c.execute("PRAGMA integrity_check").fetchone()[0],
      "| exchanges", c.execute("SELECT count(*) FROM exchanges").fetchone()[0])
EOF
start
echo "server starts again: health $(curl -s -o /dev/null -w '%{http_code}' "$base/api/health"), exchanges $(exchanges)"
echo "server log, errors and warnings:"
grep -E ' (ERROR|WARN) ' "$dir/server.log" | cut -c1-240 || true
