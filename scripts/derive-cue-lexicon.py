#!/usr/bin/env python3
"""Derive the attribution-cue lexicon from PolNeAR's TRAIN split.

Writes only lowercased cue words, recurring cue phrases (two words seen as a
gold cue at least twice, three or four at least three times) and counts,
never article text:
    phrase <TAB> times it is a gold cue <TAB> times the phrase occurs in train
The extractor reads the ratio as the phrase's reliability as a cue.

Occurrences inside quotation marks are not counted (the extractor never
looks for cues there), so words common in quoted speech ("I think") keep
their reliability as reporting cues outside it.

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
MIN_CUE = 1
# A phrase of several words must be a recurring cue (an idiom such as "said
# in a statement"), never a one-off stretch of an article.
MIN_PAIR_CUE = 2
MIN_PHRASE_CUE = 3


def quoted_tokens(text, toks):
    """Indices of tokens inside (or on) paired quotation marks, per paragraph."""
    inside = set()
    open_at = None
    for i, (s, _, t) in enumerate(toks):
        if i and "\n" in text[toks[i - 1][1]:s] and open_at is not None:
            inside.update(range(open_at, i))
            open_at = None
        if t in ("“", '"', "''") and open_at is None:
            open_at = i
        elif t in ("”", '"', "''") and open_at is not None:
            inside.update(range(open_at, i + 1))
            open_at = None
        elif t == "“":
            open_at = i
    return inside


def first_ann(split, stem):
    names = sorted(n for n in os.listdir(os.path.join(split, "attributions"))
                   if n.startswith(stem + "_") and n.endswith(".ann"))
    return os.path.join(split, "attributions", names[0]) if names else None


def main():
    args = sys.argv[1:]
    # --fold K/N: derive from the documents NOT in fold K of N (sorted order),
    # so the held-out fold can measure the lexicon honestly.
    fold = None
    if len(args) >= 2 and args[0] == "--fold":
        fold = tuple(map(int, args[1].split("/")))
        args = args[2:]
    split = args[0] if args else os.path.join(
        os.path.dirname(__file__), "..", "..", "shared", "data", "polnear", "train")
    gold = collections.Counter()
    docs = []
    for n_doc, fn in enumerate(sorted(os.listdir(os.path.join(split, "text")))):
        if fold and n_doc % fold[1] == fold[0]:
            continue
        stem = fn[:-4]
        with open(os.path.join(split, "text", fn), encoding="utf-8") as f:
            text = f.read()
        toks = [(m.start(), m.end(), m.group().lower()) for m in TOKEN_RE.finditer(text.replace("''", '" '))]
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
        quoted = quoted_tokens(text, toks)
        for i, j in cue_ranges:
            if i not in quoted:
                gold[" ".join(t for _, _, t in toks[i:j])] += 1
        docs.append([None if i in quoted else t for i, (_, _, t) in enumerate(toks)])
    def floor(p):
        n = p.count(" ") + 1
        return MIN_CUE if n == 1 else MIN_PAIR_CUE if n == 2 else MIN_PHRASE_CUE
    keep = {p for p, c in gold.items() if c >= floor(p)}
    total = collections.Counter()
    for toks in docs:
        for n in range(1, MAX_N + 1):
            for i in range(len(toks) - n + 1):
                if None in toks[i:i + n]:
                    continue
                p = " ".join(toks[i:i + n])
                if p in keep:
                    total[p] += 1
    out = sys.stdout
    out.write("# phrase\tcue\ttotal   (derived from PolNeAR train by scripts/derive-cue-lexicon.py)\n")
    for p in sorted(keep, key=lambda p: (-gold[p], p)):
        out.write(f"{p}\t{gold[p]}\t{max(total[p], gold[p])}\n")


if __name__ == "__main__":
    main()
