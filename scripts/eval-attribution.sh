#!/usr/bin/env bash
# Build release, run the extractor over a PolNeAR split and score it.
# Usage: scripts/eval-attribution.sh [train|dev|SPLIT_DIR] [extra scorer args...]
# SPLIT_DIR holds text/ and attributions/ like a PolNeAR split (cv-attribution.sh
# passes a fold). Predictions go to $PRED_OUT, by default
# ${TMPDIR:-/tmp}/claimdesk-polnear-<split or folder name>.jsonl.
# Tune on train; dev is the held-in check (never the test split).
set -euo pipefail
split=${1:-train}
shift || true
case $split in
  train | dev) data=../shared/data/polnear/$split name=$split ;;
  *)
    [[ -d $split/text && -d $split/attributions ]] || {
      echo "eval-attribution: '$split' is neither train, dev nor a split folder" >&2
      exit 2
    }
    data=$(realpath "$split") name=$(basename "$data")
    [[ $name != test ]] || { echo "eval-attribution: not the test split" >&2; exit 2; }
    ;;
esac
cd "$(dirname "$0")/.."
source scripts/lib.sh
out=${PRED_OUT:-${TMPDIR:-/tmp}/claimdesk-polnear-$name.jsonl}
bin=$(build_release)
/usr/bin/time -f "extract: %es wall, %MKB max RSS" \
  "$bin" extract "$data"/text/*.txt > "$out"
python3 ../shared/eval/score_attributions.py --gold "$data" --pred "$out" "$@"
