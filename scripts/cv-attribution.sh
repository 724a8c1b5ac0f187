#!/usr/bin/env bash
# Honest development loop: derive the cue lexicon from train minus one fold,
# score on that fold (train only; dev stays the held-in check).
# Usage: scripts/cv-attribution.sh [K] [N] [extra scorer args...]   (default fold 0 of 2)
# Predictions go to ${TMPDIR:-/tmp}/claimdesk-cv-pred.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
k=${1:-0}; n=${2:-2}
train=../shared/data/polnear/train
tmp=$(mktemp -d)
trap 'cp "$tmp/cues.tsv.orig" src/extract/data/cues.tsv; rm -rf "$tmp"' EXIT
cp src/extract/data/cues.tsv "$tmp/cues.tsv.orig"
python3 scripts/derive-cue-lexicon.py --fold "$k/$n" "$train" > src/extract/data/cues.tsv
mkdir -p "$tmp/split/text" "$tmp/split/attributions"
# Fold membership by position in code-point order, as derive-cue-lexicon.py's
# sorted() counts it, whatever the locale.
i=0
while IFS= read -r f; do
  if (( i % n == k )); then
    stem=${f%.txt}
    ln -s "$(realpath "$train/text/$f")" "$tmp/split/text/$f"
    for a in "$train/attributions/${stem}"_*.ann; do ln -s "$(realpath "$a")" "$tmp/split/attributions/"; done
  fi
  i=$((i+1))
done < <(ls "$train/text" | LC_ALL=C sort)
PRED_OUT=${TMPDIR:-/tmp}/claimdesk-cv-pred.jsonl scripts/eval-attribution.sh "$tmp/split" "${@:3}"
