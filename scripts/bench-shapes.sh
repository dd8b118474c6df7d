#!/usr/bin/env bash
# Runs every benchmark on every history shape, as docs/benchmarks.md reports them:
#   ./mvnw -q package -DskipTests && scripts/bench-shapes.sh
# Environment: SHAPES (default: all four), EXCHANGES (1000000), DIR (/tmp/learnlytics-bench),
# JAR (target/learnlytics.jar). Needs about 1.5 GB of disk per shape; takes 5-8 minutes a shape.
set -euo pipefail
JAR=${JAR:-target/learnlytics.jar}
DIR=${DIR:-/tmp/learnlytics-bench}
N=${EXCHANGES:-1000000}
SHAPES=${SHAPES:-"long-sessions short-sessions many-topics new-york"}
mkdir -p "$DIR"

# The zone and learning-day start each shape is generated in (see BenchShape).
learner() {
  case "$1" in
    new-york) echo "--timezone America/New_York --day-start-hour 4" ;;
    *) echo "--timezone UTC --day-start-hour 0" ;;
  esac
}

seconds() { python3 -c "import sys,time; print(f'{time.time() - float(sys.argv[1]):.2f}')" "$1"; }

for shape in $SHAPES; do
  echo "=== $shape ($N exchanges), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
  db="$DIR/$shape.db"
  rm -f "$db" "$db"-* "$DIR/$shape-file.db"*
  java -Xmx512m -jar "$JAR" bench-ingest --shape "$shape" --exchanges "$N" --db "$db" 2>/dev/null

  # 'ingest FILE' on its own: a fresh process with a 512 MiB heap, NDJSON written beforehand.
  events=$(java -jar "$JAR" bench-ingest --shape "$shape" --exchanges "$N" --out "$DIR/$shape.ndjson" \
    2>/dev/null | sed -E 's/wrote ([0-9,]+) events.*/\1/; s/,//g')
  t0=$(date +%s.%N)
  # shellcheck disable=SC2046
  java -Xmx512m -jar "$JAR" ingest --db "$DIR/$shape-file.db" $(learner "$shape") \
    --batch-size 10000 "$DIR/$shape.ndjson" > /dev/null 2>&1
  wall=$(seconds "$t0")
  python3 -c "import sys; e,w=int(sys.argv[1]),float(sys.argv[2]); print(f'ingest FILE (-Xmx512m, fresh process, rollup refresh included): {e:,} events in {w:.1f} s = {e/w:,.0f} events/s')" "$events" "$wall"
  rm -f "$DIR/$shape.ndjson" "$DIR/$shape-file.db"*

  # A full rebuild in a fresh process, JVM start included, three times.
  for run in 1 2 3; do
    t0=$(date +%s.%N)
    # shellcheck disable=SC2046
    java -jar "$JAR" aggregate --rebuild --db "$db" $(learner "$shape") > /dev/null 2>&1
    echo "aggregate --rebuild, fresh process, run $run: $(seconds "$t0") s"
  done

  java -jar "$JAR" bench-rollup --shape "$shape" --db "$db" 2>/dev/null
  java -jar "$JAR" bench-api --shape "$shape" --db "$db" 2>/dev/null
  java -Xmx512m -jar "$JAR" bench-export --shape "$shape" --db "$db" 2>/dev/null
done
