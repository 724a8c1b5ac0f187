#!/usr/bin/env bash
# A bounded load test on loopback (issue 15's bar): the release server on a
# scratch database, then examples/load.rs with mixed reads and writes,
# re-extractions included. Stops by itself; exits 1 on any 5xx.
# Needs a PostgreSQL server (BENCH_PG, default postgres://postgres@127.0.0.1:5432).
# Usage: scripts/bench-load.sh [seconds] [connections]   (CLAIMDESK_BIN to use a built binary)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
conns=${2:-32}
server=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
db=claimdesk_bench_load
url="$server/$db"
port=18093
source scripts/lib.sh
bin=${CLAIMDESK_BIN:-$(build_release)}
cargo build --release --quiet --example load
psql "$server/postgres" -qc "drop database if exists $db" -c "create database $db"
DATABASE_URL=$url $bin migrate >/dev/null
DATABASE_URL=$url CLAIMDESK_PASSWORD="bench password here" $bin user add --email load@claimdesk.local --name "Load Editor" --role editor >/dev/null

export CLAIMDESK__SERVER__PORT=$port CLAIMDESK_LOG=warn CLAIMDESK__AUTH__JWT_SECRET=bench-secret-bench-secret-bench-secret-0000
DATABASE_URL=$url $bin serve >/tmp/claimdesk-bench-load.log 2>&1 &
pid=$!
trap 'kill -INT $pid 2>/dev/null; wait $pid 2>/dev/null; psql "$server/postgres" -qc "drop database if exists $db" >/dev/null' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.25; done
echo "== mixed load, $conns connections, $seconds s"
"${CARGO_TARGET_DIR:-target}/release/examples/load" "http://127.0.0.1:$port" load@claimdesk.local "bench password here" "$seconds" "$conns" "$pid"
errors=$(grep -c ' ERROR ' /tmp/claimdesk-bench-load.log || true)
echo "  server log: $errors ERROR lines"
