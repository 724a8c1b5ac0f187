#!/usr/bin/env bash
# Build release, run the extractor over a PolNeAR split and score it.
# Usage: scripts/eval-attribution.sh [train|dev] [extra scorer args...]
# Tune on train; dev is the held-in check (never the test split).
set -euo pipefail
cd "$(dirname "$0")/.."
split=${1:-train}
shift || true
data=../shared/data/polnear/$split
out=${TMPDIR:-/tmp}/claimdesk-polnear-$split.jsonl
source scripts/lib.sh
bin=$(build_release)
/usr/bin/time -f "extract: %es wall, %MKB max RSS" \
  "$bin" extract "$data"/text/*.txt > "$out"
python3 ../shared/eval/score_attributions.py --gold "$data" --pred "$out" "$@"
