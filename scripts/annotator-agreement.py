#!/usr/bin/env python3
"""How well PolNeAR's annotators agree with each other, by the shared scorer.

Some train articles were annotated by several people. The scorer takes the
lexicographically first annotation as gold; this script scores each other
annotator's annotation of the same articles as if it were a prediction, which
puts a ceiling on what exact-match figures can mean. With --pred it also
scores the extractor's predictions (the CLI's JSON Lines) on those articles.

    scripts/annotator-agreement.py [--split train] [--pred preds.jsonl]

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


def claims(path):
    """The events of a brat file in the scorer's prediction format."""
    spans, out = {}, []
    for line in open(path, encoding="utf-8"):
        fields = line.rstrip("\n").split("\t")
        if len(fields) < 2:
            continue
        if fields[0].startswith("T"):
            ranges = fields[1].split(" ", 1)[1]
            spans[fields[0]] = [tuple(map(int, r.split())) for r in ranges.split(";")]
        elif fields[0].startswith("E"):
            roles = {}
            for arg in fields[1].split()[1:]:
                role, ref = arg.split(":")
                roles.setdefault(re.sub(r"\d+$", "", role), []).extend(spans.get(ref, []))
            if "Cue" in roles:
                def span(role):
                    return [{"start": s, "end": e} for s, e in roles.get(role, [])] or None
                out.append({"source": span("Source"), "cue": span("Cue"), "content": span("Content")})
    return out


def score(gold_dir, pred_path):
    res = subprocess.run([sys.executable, scorer, "--gold", gold_dir, "--pred", pred_path, "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def row(label, s):
    figs = [s["exact"]["cue"]["f1"], s["exact"]["all"]["f1"], s["overlap"]["all"]["f1"], s["partial"]["all"]["f1"]]
    print(f"{label:24} " + " ".join(f"{100 * f:6.1f}" for f in figs))


with tempfile.TemporaryDirectory() as tmp:
    gold = os.path.join(tmp, "gold")
    os.makedirs(os.path.join(gold, "text"))
    os.makedirs(os.path.join(gold, "attributions"))
    for doc, anns in multi.items():
        os.symlink(os.path.join(src, "text", doc + ".txt"), os.path.join(gold, "text", doc + ".txt"))
        os.symlink(os.path.join(src, "attributions", anns[0]), os.path.join(gold, "attributions", anns[0]))
    print(f"{len(multi)} {args.split} articles with 2+ annotations; gold = first annotation\n")
    print(f"{'F1 against gold':24} {'cue=':>6} {'all=':>6} {'all~':>6} {'all½':>6}")
    print("  (exact cue, exact all, overlap all, partial all)")
    for k in range(1, max(len(a) for a in multi.values())):
        path = os.path.join(tmp, f"annotator{k}.jsonl")
        with open(path, "w") as out:
            for doc, anns in multi.items():
                if len(anns) > k:
                    out.write(json.dumps({"id": doc, "claims": claims(os.path.join(src, "attributions", anns[k]))}) + "\n")
        row(f"annotator #{k + 1}", score(gold, path))
    if args.pred:
        path = os.path.join(tmp, "extractor.jsonl")
        with open(path, "w") as out:
            for line in open(args.pred):
                if json.loads(line)["id"] in multi:
                    out.write(line)
        row("extractor", score(gold, path))
