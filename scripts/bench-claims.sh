#!/usr/bin/env bash
# Claim-list, claim-matching and ingest latency with 1,000,000 claims in
# 50,000 articles (issue 3's bar). Needs wrk, psql and a PostgreSQL server
# (BENCH_PG, default postgres://postgres@127.0.0.1:5432); seeds the database
# `claimdesk_bench` on it once (scripts/seed-bench.py, about 5 minutes; its
# claim texts are stitched from PolNeAR train sentences read from ../shared)
# and reuses it afterwards.
# Usage: scripts/bench-claims.sh [duration_secs] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
conns=${2:-16}
server=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
articles=${BENCH_ARTICLES:-50000}
per=${BENCH_PER_ARTICLE:-20}
db=claimdesk_bench
url="$server/$db"
port=18090
for tool in wrk psql python3; do
  command -v $tool >/dev/null || { echo "bench-claims: needs $tool" >&2; exit 2; }
done

source scripts/lib.sh
bin=$(build_release)
want=$((articles * per))
seed_bench_db "$bin" "$server" "$db" "$articles" "$per"

export CLAIMDESK__SERVER__PORT=$port CLAIMDESK_LOG=warn CLAIMDESK__AUTH__JWT_SECRET=bench-secret-bench-secret-bench-secret-0000
DATABASE_URL=$url $bin serve >/tmp/claimdesk-bench-serve.log 2>&1 &
pid=$!
trap 'kill -INT $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.25; done
token=$(curl -sf -XPOST "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"bench@claimdesk.local","password":"bench password here"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
auth="Authorization: Bearer $token"
base="http://127.0.0.1:$port/api/v1"

run() {
  local label=$1; shift
  echo "== $label"
  wrk -t2 -c"$conns" -d"${duration}s" --latency -H "$auth" "$@" | grep -E "Latency|50%|90%|99%|Requests/sec|Non-2xx"
}

# Search words rotate through the store's own vocabulary, common and rare
# alike (ranks 1-8 and 200-207 by document frequency in a sample), so
# neither the cache nor an empty result flatters the figures.
sample="select search from claims where id < ''01900000-0000-7000-9000-000000030000''"
words=$(psql "$url" -Atc "select string_agg('\"' || word || '\"', ', ') from (
  (select word from ts_stat('$sample') where word !~ '^[0-9]' order by ndoc desc limit 8)
  union all
  (select word from ts_stat('$sample') where word !~ '^[0-9]' order by ndoc desc offset 200 limit 8)) w")
cat > /tmp/claimdesk-bench-list.lua <<LUA
local words = {$words}
local statuses = {"unreviewed", "in_progress", "verdict_proposed", "approved"}
local i = 0
request = function()
  i = i + 1
  local path = "/api/v1/claims?status=" .. statuses[(i % 4) + 1] .. "&q=" .. words[(i % #words) + 1] .. "&limit=50"
  return wrk.format("GET", path)
end
LUA
run "GET /claims?status=…&q=…&limit=50 (rotating status and word)" -s /tmp/claimdesk-bench-list.lua "http://127.0.0.1:$port"

cat > /tmp/claimdesk-bench-similar.lua <<LUA
math.randomseed(7)
request = function()
  local n = math.random(1, $want - 1)
  local id = string.format("01900000-0000-7000-9000-%012x", n)
  return wrk.format("GET", "/api/v1/claims/" .. id .. "/similar?limit=10")
end
LUA
run "GET /claims/{random id}/similar?limit=10" -s /tmp/claimdesk-bench-similar.lua "http://127.0.0.1:$port"

echo "== POST /articles, 5,000-word generated articles (extraction + storage), sequential"
python3 - "$base" "$token" <<'PY'
import json, random, sys, time, urllib.request
base, token = sys.argv[1], sys.argv[2]
random.seed(5)
names = ["Dana Whitfield", "Ray Okafor", "Maria Silva", "Ken Tanaka", "the minister", "Officials"]
verbs = ["said", "argued", "claimed", "denied", "warned", "told reporters"]
words = ("budget tax rate jobs economy growth trade deal border school hospital water energy climate "
         "election court law report study record city state workers wages housing prices market bank").split()
def sentence():
    body = " ".join(random.choice(words) for _ in range(random.randint(8, 16)))
    r = random.random()
    if r < 0.3:
        return f"{random.choice(names)} {random.choice(verbs)} that the {body} rose {random.randint(2, 90)} percent."
    if r < 0.5:
        return f"\u201cThe {body} will not wait,\u201d {random.choice(names)} said."
    return f"The {body} grew by {random.randint(2, 900)} million in {random.randint(1990, 2025)}."
def article(k):
    paras, n = [], 0
    while n < 5000:
        p = " ".join(sentence() for _ in range(4))
        n += len(p.split()); paras.append(p)
    return f"Generated report {k} {time.time()}\n\n" + "\n\n".join(paras)
lat = []
for k in range(40):
    body = json.dumps({"title": f"bench {k}", "body": article(k)}).encode()
    req = urllib.request.Request(base + "/articles", data=body, method="POST",
        headers={"content-type": "application/json", "authorization": "Bearer " + token})
    t = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        r.read()
        assert r.status == 201, r.status
    lat.append((time.perf_counter() - t) * 1000)
lat.sort()
print(f"  {len(lat)} articles of >= 5,000 words: p50 {lat[len(lat)//2]:.1f} ms, p90 {lat[int(len(lat)*0.9)]:.1f} ms, max {lat[-1]:.1f} ms")
PY
