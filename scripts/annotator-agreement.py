#!/usr/bin/env python3
"""How well PolNeAR's annotators agree with each other, by the shared scorer.

Some train articles were annotated by several people. The scorer takes the
lexicographically first annotation as gold; this script scores each other
annotator's annotation of the same articles as if it were a prediction, which
puts a ceiling on what exact-match figures can mean. With --pred it also
scores the extractor's predictions (the CLI's JSON Lines) on those articles.

    scripts/annotator-agreement.py [--split train] [--pred preds.jsonl]

The scorer also reads each annotator's claims: for annotator k a split folder
holding only k's annotation of each article goes through its --write-gold.

Reads ../shared at run time; writes only to a temporary folder.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--split", default="train", choices=["train", "dev"])
ap.add_argument("--pred")
args = ap.parse_args()
shared = os.path.realpath(os.path.join(here, "../../shared"))
src = os.path.join(shared, "data/polnear", args.split)
scorer = os.path.join(shared, "eval/score_attributions.py")
if not os.path.isdir(src):
    sys.exit(f"annotator-agreement: no PolNeAR {args.split} split at {src}")

by_doc = collections.defaultdict(list)
for name in sorted(os.listdir(os.path.join(src, "attributions"))):
    if name.endswith(".ann"):
        by_doc[re.sub(r"_[^_]*\.ann$", "", name)].append(name)
multi = {doc: anns for doc, anns in by_doc.items() if len(anns) > 1}
if not multi:
    sys.exit(f"annotator-agreement: no article of {args.split} has two annotations")


def split_of(folder, k):
    """A split folder of symlinks: the articles annotated by a k-th annotator, with only that .ann."""
    os.makedirs(os.path.join(folder, "text"))
    os.makedirs(os.path.join(folder, "attributions"))
    for doc, anns in multi.items():
        if len(anns) > k:
            os.symlink(os.path.join(src, "text", doc + ".txt"), os.path.join(folder, "text", doc + ".txt"))
            os.symlink(os.path.join(src, "attributions", anns[k]), os.path.join(folder, "attributions", anns[k]))
    return folder


def scorer_run(*argv):
    return subprocess.run([sys.executable, scorer, *argv], capture_output=True, text=True, check=True).stdout


def score(gold_dir, pred_path):
    return json.loads(scorer_run("--gold", gold_dir, "--pred", pred_path, "--json"))


def row(label, s):
    figs = [s["exact"]["cue"]["f1"], s["exact"]["all"]["f1"], s["overlap"]["all"]["f1"], s["partial"]["all"]["f1"]]
    print(f"{label:24} " + " ".join(f"{100 * f:6.1f}" for f in figs))


with tempfile.TemporaryDirectory() as tmp:
    gold = split_of(os.path.join(tmp, "gold"), 0)
    print(f"{len(multi)} {args.split} articles with 2+ annotations; gold = first annotation\n")
    print(f"{'F1 against gold':24} {'cue=':>6} {'all=':>6} {'all~':>6} {'all½':>6}")
    print("  (exact cue, exact all, overlap all, partial all)")
    for k in range(1, max(len(a) for a in multi.values())):
        path = os.path.join(tmp, f"annotator{k}.jsonl")
        scorer_run("--gold", split_of(os.path.join(tmp, f"annotator{k}"), k), "--write-gold", path)
        row(f"annotator #{k + 1}", score(gold, path))
    if args.pred:
        path = os.path.join(tmp, "extractor.jsonl")
        with open(path, "w") as out:
            for line in open(args.pred):
                if json.loads(line)["id"] in multi:
                    out.write(line)
        row("extractor", score(gold, path))
