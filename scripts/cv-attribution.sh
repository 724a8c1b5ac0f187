#!/usr/bin/env bash
# Honest development loop: derive the cue lexicon from train minus one fold,
# score on that fold (train only; dev stays the held-in check).
# Usage: scripts/cv-attribution.sh [K] [N]   (default fold 0 of 2)
set -euo pipefail
cd "$(dirname "$0")/.."
k=${1:-0}; n=${2:-2}
train=../shared/data/polnear/train
tmp=$(mktemp -d)
trap 'cp "$tmp/cues.tsv.orig" src/extract/data/cues.tsv; rm -rf "$tmp"' EXIT
cp src/extract/data/cues.tsv "$tmp/cues.tsv.orig"
python3 scripts/derive-cue-lexicon.py --fold "$k/$n" "$train" > src/extract/data/cues.tsv
mkdir -p "$tmp/split/text" "$tmp/split/attributions"
i=0
for f in $(ls "$train/text" | sort); do
  if (( i % n == k )); then
    stem=${f%.txt}
    ln -s "$(realpath "$train/text/$f")" "$tmp/split/text/$f"
    for a in "$train/attributions/${stem}"_*.ann; do ln -s "$(realpath "$a")" "$tmp/split/attributions/"; done
  fi
  i=$((i+1))
done
source scripts/lib.sh
bin=$(build_release)
"$bin" extract "$tmp"/split/text/*.txt > "$tmp/pred.jsonl"
cp "$tmp/pred.jsonl" "${TMPDIR:-/tmp}/claimdesk-cv-pred.jsonl"
python3 ../shared/eval/score_attributions.py --gold "$tmp/split" --pred "$tmp/pred.jsonl" "${@:3}"
