#!/usr/bin/env python3
"""Derive the attribution-cue lexicon from PolNeAR's TRAIN split.

Writes only lowercased cue phrases (1-4 tokens) and counts, never article text:
    phrase <TAB> times it is a gold cue <TAB> times the phrase occurs in train
The extractor reads the ratio as the phrase's reliability as a cue.

Usage: scripts/derive-cue-lexicon.py [TRAIN_DIR] > src/extract/data/cues.tsv
Tokens follow the scorer: \\w+ or one other non-space character.
"""
import collections
import os
import re
import sys

TOKEN_RE = re.compile(r"\w+|[^\w\s]")
T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)$")
MAX_N = 4
MIN_CUE = 2


def first_ann(split, stem):
    names = sorted(n for n in os.listdir(os.path.join(split, "attributions"))
                   if n.startswith(stem + "_") and n.endswith(".ann"))
    return os.path.join(split, "attributions", names[0]) if names else None


def main():
    split = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "..", "shared", "data", "polnear", "train")
    gold = collections.Counter()
    docs = []
    for fn in sorted(os.listdir(os.path.join(split, "text"))):
        stem = fn[:-4]
        with open(os.path.join(split, "text", fn), encoding="utf-8") as f:
            text = f.read()
        toks = [(m.start(), m.end(), m.group().lower()) for m in TOKEN_RE.finditer(text)]
        start_idx = {s: i for i, (s, _, _) in enumerate(toks)}
        end_idx = {e: i for i, (_, e, _) in enumerate(toks)}
        cue_ranges = set()
        ann = first_ann(split, stem)
        if ann:
            with open(ann, encoding="utf-8") as f:
                for line in f:
                    m = T_LINE.match(line.rstrip("\n"))
                    if not m or m.group(2) != "Cue" or ";" in m.group(3):
                        continue
                    s, e = map(int, m.group(3).split())
                    while s < e and text[s].isspace():
                        s += 1
                    while e > s and text[e - 1].isspace():
                        e -= 1
                    if s in start_idx and e in end_idx:
                        i, j = start_idx[s], end_idx[e] + 1
                        if j - i <= MAX_N:
                            cue_ranges.add((i, j))
        for i, j in cue_ranges:
            gold[" ".join(t for _, _, t in toks[i:j])] += 1
        docs.append([t for _, _, t in toks])
    keep = {p for p, c in gold.items() if c >= MIN_CUE}
    total = collections.Counter()
    for toks in docs:
        for n in range(1, MAX_N + 1):
            for i in range(len(toks) - n + 1):
                p = " ".join(toks[i:i + n])
                if p in keep:
                    total[p] += 1
    out = sys.stdout
    out.write("# phrase\tcue\ttotal   (derived from PolNeAR train by scripts/derive-cue-lexicon.py)\n")
    for p in sorted(keep, key=lambda p: (-gold[p], p)):
        out.write(f"{p}\t{gold[p]}\t{max(total[p], gold[p])}\n")


if __name__ == "__main__":
    main()
