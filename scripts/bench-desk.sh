#!/usr/bin/env bash
# The desk at scale, on the bench database of scripts/bench-claims.sh
# (1,000,000 claims in 50,000 articles; seeded here if missing):
#  - the claims queue in the browser: time from opening a queue view to its
#    first page of rows on screen (issue 10's bar: < 300 ms);
#  - streamed exports of a large selection (JSON Lines and CSV): claims per
#    second, time to the first byte, and the server's peak RSS (issue 14's
#    bar: >= 50,000 claims/s, peak RSS < 100 MB).
# Needs psql, python3, curl, chromium and node with tests/browser's packages.
# Usage: scripts/bench-desk.sh [queue_loads]   (0: exports only; CLAIMDESK_BIN to use a built binary)
set -euo pipefail
cd "$(dirname "$0")/.."
loads=${1:-20}
server=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
db=claimdesk_bench
url="$server/$db"
port=18092
source scripts/lib.sh
bin=${CLAIMDESK_BIN:-$(build_release)}
seed_bench_db "$bin" "$server" "$db" "${BENCH_ARTICLES:-50000}" "${BENCH_PER_ARTICLE:-20}"

export CLAIMDESK__SERVER__PORT=$port CLAIMDESK_LOG=warn CLAIMDESK__AUTH__JWT_SECRET=bench-secret-bench-secret-bench-secret-0000
DATABASE_URL=$url $bin serve >/tmp/claimdesk-bench-desk.log 2>&1 &
pid=$!
trap 'kill -INT $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.25; done
base="http://127.0.0.1:$port"
token=$(curl -sf -XPOST "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"bench@claimdesk.local","password":"bench password here"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
rss() { awk -v k="$1" '$1 == k":" {printf "%.1f MB", $2 / 1024}' "/proc/$pid/status"; }

if (( loads > 0 )); then
  echo "== claims queue in the browser ($(psql "$url" -Atqc 'select count(*) from claims') claims)"
  node tests/browser/bench-queue.mjs "$base" bench@claimdesk.local "bench password here" "$loads"
fi

echo "== streamed exports (server RSS now $(rss VmRSS), peak so far $(rss VmHWM))"
# Each export twice: round 1 includes the server's first connections and
# PostgreSQL's first reads of the selection; round 2 is a warm server.
for q in "format=jsonl&status=in_progress" "format=csv&status=in_progress" "format=jsonl" \
         "format=jsonl&status=in_progress" "format=csv&status=in_progress" "format=jsonl"; do
  out=$(curl -s -o /tmp/claimdesk-bench-export -w '%{http_code} %{time_starttransfer} %{time_total} %{size_download}' \
    -H "Authorization: Bearer $token" "$base/api/v1/reports?$q")
  read -r code first total bytes <<<"$out"
  [[ $code == 200 ]] || { echo "export $q: HTTP $code" >&2; exit 1; }
  if [[ $q == format=csv* ]]; then
    n=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))) - 1)' /tmp/claimdesk-bench-export)
  else
    n=$(grep -c '"record":"claim"' /tmp/claimdesk-bench-export)
    tail -1 /tmp/claimdesk-bench-export | grep -q '"record":"end"' || { echo "export $q: no end line" >&2; exit 1; }
  fi
  python3 -c 'import sys; n, first, total, size = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]); print(f"  {sys.argv[1]}: {n:,} claims, {size/1e6:.0f} MB in {total:.2f} s = {n/total:,.0f} claims/s, first byte after {first*1000:.0f} ms")' "$q" "$n" "$first" "$total" "$bytes"
  echo "    server RSS after: $(rss VmRSS), peak since start: $(rss VmHWM)"
done
rm -f /tmp/claimdesk-bench-export
