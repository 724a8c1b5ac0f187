#!/usr/bin/env bash
# Throughput and latency of an authenticated `GET /api/v1/me`, and idle RSS of
# `claimdesk serve`, on loopback. Needs `wrk` (apt-get install wrk).
# Usage: scripts/bench-api.sh [duration_secs] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
conns=${2:-64}
command -v wrk >/dev/null || { echo "bench-api: install wrk (apt-get install wrk)" >&2; exit 2; }

source scripts/lib.sh
bin=$(build_release)
data=$(mktemp -d /tmp/claimdesk-bench.XXXXXX)
chmod 0711 "$data"
port=18080
export CLAIMDESK__DATA__DIR=$data CLAIMDESK__SERVER__PORT=$port CLAIMDESK__DEMO__LOAD_ON_FIRST_RUN=false
export CLAIMDESK__AUTH__ADMIN_PASSWORD="bench-admin-password" CLAIMDESK_LOG=warn
unset DATABASE_URL

$bin serve >"$data/serve.out" 2>&1 &
pid=$!
trap 'kill -INT $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  sleep 0.25
done
token=$(curl -sf -XPOST "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"admin@claimdesk.local","password":"bench-admin-password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

sleep 2
echo "idle RSS after start-up: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status)"
echo "warm-up"; wrk -t2 -c"$conns" -d3s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/me" >/dev/null
echo "GET /api/v1/me, $conns connections, ${duration}s, 2 wrk threads:"
wrk -t2 -c"$conns" -d"${duration}s" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/me"
sleep 2
echo "RSS after load, idle again: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status)"
