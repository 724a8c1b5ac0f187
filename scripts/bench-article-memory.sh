#!/usr/bin/env bash
# Memory under concurrent reads of the largest article the server accepts
# (issue 15, item 6): the release server on a scratch database, one article
# with `server.max_claims_per_article` claims (5,000), then 8 clients each
# reading it whole (every page of `GET /articles/{id}`) 10 times. Prints the
# server's RSS before, its peak, and after 10 s idle.
# Usage: scripts/bench-article-memory.sh   (CLAIMDESK_BIN to use a built binary)
set -euo pipefail
cd "$(dirname "$0")/.."
server=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
db=claimdesk_bench_article
url="$server/$db"
port=18094
source scripts/lib.sh
bin=${CLAIMDESK_BIN:-$(build_release)}
psql "$server/postgres" -qc "drop database if exists $db" -c "create database $db"
DATABASE_URL=$url $bin migrate >/dev/null
DATABASE_URL=$url CLAIMDESK_PASSWORD="bench password here" $bin user add --email mem@claimdesk.local --name "Mem Editor" --role editor >/dev/null
export CLAIMDESK__SERVER__PORT=$port CLAIMDESK_LOG=warn CLAIMDESK__AUTH__JWT_SECRET=bench-secret-bench-secret-bench-secret-0000
DATABASE_URL=$url $bin serve >/tmp/claimdesk-bench-article.log 2>&1 &
pid=$!
work=$(mktemp -d)
trap 'kill -INT $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"; psql "$server/postgres" -qc "drop database if exists $db" >/dev/null' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.25; done
base="http://127.0.0.1:$port/api/v1"
token=$(curl -sf -XPOST "$base/auth/login" -H 'content-type: application/json' \
  -d '{"email":"mem@claimdesk.local","password":"bench password here"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
rss() { awk -v k="$1" '$1 == k":" {printf "%.1f MB", $2 / 1024}' "/proc/$pid/status"; }
python3 - "$work/article.json" <<'PY'
import json, sys
names = ["Ann Lee", "Bo Diaz", "Cy Moe", "Di Roe", "Ed Poe"]
body = " ".join(f"{names[i % 5]} said the bridge toll rose by {i} cents in district {i}." for i in range(5000))
json.dump({"title": "Five thousand claims", "body": body}, open(sys.argv[1], "w"))
PY
id=$(curl -sf -XPOST "$base/articles" -H "authorization: Bearer $token" -H 'content-type: application/json' \
  --data-binary @"$work/article.json" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["article"]["id"], d["claim_count"], file=sys.stderr); print(d["article"]["id"])')
echo "before: RSS $(rss VmRSS), peak $(rss VmHWM)"
# 8 clients, each reading the article whole (following every page) 10 times.
python3 - "$base/articles/$id" "$token" <<'PY'
import json, sys, threading, time, urllib.request
url, token = sys.argv[1], sys.argv[2]
sizes = []
def read_all():
    for _ in range(10):
        after, total = "", 0
        while True:
            req = urllib.request.Request(f"{url}?claims_limit=5000&claims_after={after}",
                                         headers={"authorization": f"Bearer {token}"})
            body = urllib.request.urlopen(req).read()
            total += len(body)
            after = json.loads(body)["claims_next_cursor"] or ""
            if not after:
                break
        sizes.append(total)
start = time.time()
threads = [threading.Thread(target=read_all) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(f"{len(sizes)} whole reads of the article ({sizes[0]:,} bytes of JSON each) in {time.time() - start:.1f} s")
PY
echo "during: peak RSS $(rss VmHWM)"
sleep 10
echo "after 10 s idle: RSS $(rss VmRSS)"
