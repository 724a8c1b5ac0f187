#!/usr/bin/env bash
# The article view in the browser with 300 claims on the page (issue 11's
# bar): time to select the next claim (j) and to change a status (s), from
# the key press to the panel showing it, in Debian's chromium. Also the
# app's page weight. Needs chromium, node with tests/browser's packages
# (npm ci there) and a PostgreSQL server (BENCH_PG, default
# postgres://postgres@127.0.0.1:5432); uses a scratch database.
# Usage: scripts/bench-ui.sh [presses]   (CLAIMDESK_BIN to use a built binary)
set -euo pipefail
cd "$(dirname "$0")/.."
presses=${1:-60}
server=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
db=claimdesk_bench_ui
url="$server/$db"
port=18091
source scripts/lib.sh
bin=${CLAIMDESK_BIN:-$(build_release)}

psql "$server/postgres" -qc "drop database if exists $db" -c "create database $db"
DATABASE_URL=$url $bin migrate >/dev/null
DATABASE_URL=$url CLAIMDESK_PASSWORD="bench password here" $bin user add --email ui@claimdesk.local --name "Bench Checker" --role editor >/dev/null

export CLAIMDESK__SERVER__PORT=$port CLAIMDESK_LOG=warn CLAIMDESK__AUTH__JWT_SECRET=bench-secret-bench-secret-bench-secret-0000
DATABASE_URL=$url $bin serve >/tmp/claimdesk-bench-ui.log 2>&1 &
pid=$!
trap 'kill -INT $pid 2>/dev/null; wait $pid 2>/dev/null; psql "$server/postgres" -qc "drop database if exists $db" >/dev/null' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.25; done

echo "== page weight (every file the app loads, uncompressed)"
total=0
for f in / /style.css $(sed -n 's/.*("\(\/[a-z]*\.js\)".*/\1/p' src/api/frontend.rs); do
  n=$(curl -sf "http://127.0.0.1:$port$f" | wc -c)
  total=$((total + n))
done
echo "  $total bytes"

echo "== article view with 300 claims"
node tests/browser/bench-ui.mjs "http://127.0.0.1:$port" ui@claimdesk.local "bench password here" "$presses"
