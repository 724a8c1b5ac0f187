#!/usr/bin/env bash
# Build release, clean every page of the article-extraction dev half the way
# `POST /articles` with format html does (`claimdesk extract --text`), and
# score the kept text against the human-marked bodies with the shared scorer.
# Usage: scripts/eval-article-text.sh [extra scorer args, e.g. --per-page]
# Predictions go to $PRED_OUT (default ${TMPDIR:-/tmp}/claimdesk-article-text-dev.json).
# Tune on dev only; the other half of the benchmark is held out.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
data=../shared/data/article-extraction/dev
[[ -d $data/html ]] || { echo "eval-article-text: $data is absent" >&2; exit 2; }
out=${PRED_OUT:-${TMPDIR:-/tmp}/claimdesk-article-text-dev.json}
pages=$(mktemp -d)
trap 'rm -rf "$pages"' EXIT
for f in "$data"/html/*.html.gz; do
  gzip -dc "$f" > "$pages/$(basename "$f" .gz)"
done
bin=$(build_release)
lines=$pages/text.jsonl
start=$(date +%s.%N)
"$bin" extract --text --jobs 1 "$pages"/*.html > "$lines"
end=$(date +%s.%N)
bytes=$(cat "$pages"/*.html | wc -c)
python3 - "$lines" "$out" <<'PY'
import json, sys
pred = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    pred[r["id"]] = {"articleBody": r["text"]}
json.dump(pred, open(sys.argv[2], "w"))
PY
awk -v b="$bytes" -v s="$start" -v e="$end" 'BEGIN {
  printf "cleaning: %.1f MB of HTML in %.2f s on one core (%.1f MB/s)\n", b / 1e6, e - s, b / 1e6 / (e - s) }'
python3 ../shared/eval/article-text/score_text.py "$data/ground-truth.json" "$out" "$@"
