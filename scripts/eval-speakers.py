#!/usr/bin/env python3
"""Score claimdesk's speaker resolution against the hand-made speaker gold set.

Usage: scripts/eval-speakers.py [--bin PATH] [--split dev|train|all] [--errors] [--type-errors]
                                [--gold TSV] [--data DIR] [--pred JSONL]

Standard library only.  The gold set is tests/data/speakers_gold.tsv (see
tests/data/speakers_gold.md): one row per gold PolNeAR Source span with the
speaker it refers to.  The article texts stay in ../shared/data/polnear.

The script runs `BIN extract FILE...` on the texts of the gold documents
(BIN defaults to target/release/claimdesk if present, else
target/debug/claimdesk) -- or reads that JSON Lines output from --pred --
and matches every gold row to the predicted claim whose source span overlaps
the gold span most (code points, end exclusive; ties: the predicted span
closest in length, then the first).  A row is "found" when some predicted
source overlaps it.  The predicted speaker is the claim's `speaker`, or the
source text as written when the claim has no speaker.  Speakers are compared
after normalisation: curly quotes folded, case folded, whitespace collapsed,
non-alphanumeric characters trimmed at both ends, a possessive "'s" (or a
final "'") and a leading "the " dropped.  If the claims carry a
`speaker_type` field its value is compared with the gold type
(person / organisation / group; "organization" counts as "organisation").

Output: a table per split and class (rows, found, speaker accuracy over found
rows and over all rows, type accuracy over found rows when available), then
one JSON line per (split, class) group:
  {"split": ..., "class": ..., "found": ..., "correct": ..., "rows": ...}
(plus "type_correct" when the predictions have speaker types).  Class "all"
sums the classes of a split; with --split all, split "all" sums the splits.
--errors prints each wrong or missed row (doc, offsets, gold, predicted).
"""

import argparse
import collections
import json
import os
import re
import signal
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLASSES = ["name", "apposition", "pronoun", "description", "generic"]
QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
})


def norm_speaker(s):
    s = unicodedata.normalize("NFC", s or "").translate(QUOTES)
    s = " ".join(s.split()).casefold()
    for _ in range(3):
        s = re.sub(r"^[^\w]+|[^\w]+$", "", s)
        s = re.sub(r"'s$", "", s)
        s = re.sub(r"^the\s+", "", s)
    return s


def norm_type(t):
    t = (t or "").strip().lower()
    return {"organization": "organisation", "org": "organisation", "people": "group"}.get(t, t)


def read_gold(path):
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        header = f.readline().rstrip("\r\n").split("\t")
        want = ["split", "doc", "start", "end", "class", "speaker", "type"]
        if header != want:
            sys.exit("eval-speakers: %s: header must be %s" % (path, "\t".join(want)))
        for n, line in enumerate(f, 2):
            line = line.rstrip("\r\n")
            if not line:
                continue
            p = line.split("\t")
            if len(p) != 7:
                sys.exit("eval-speakers: %s:%d: expected 7 fields, got %d" % (path, n, len(p)))
            rows.append({"split": p[0], "doc": p[1], "start": int(p[2]), "end": int(p[3]),
                         "class": p[4], "speaker": p[5], "type": p[6]})
    return rows


def default_bin():
    for kind in ("release", "debug"):
        p = os.path.join(ROOT, "target", kind, "claimdesk")
        if os.path.isfile(p) and os.access(p, os.X_OK):
            return p
    sys.exit("eval-speakers: no target/release/claimdesk or target/debug/claimdesk; build first or pass --bin")


def run_extract(binary, files):
    preds = {}
    # Several batches keep the command line short.
    for i in range(0, len(files), 200):
        try:
            proc = subprocess.run([binary, "extract"] + files[i:i + 200], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, universal_newlines=True, encoding="utf-8")
        except OSError as ex:
            sys.exit("eval-speakers: cannot run %s: %s" % (binary, ex))
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            sys.exit("eval-speakers: %s extract failed (exit %d)" % (binary, proc.returncode))
        preds.update(parse_jsonl(proc.stdout.splitlines(), binary))
    return preds


def parse_jsonl(lines, what):
    preds = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as ex:
            sys.exit("eval-speakers: %s line %d: not JSON: %s" % (what, n, ex))
        preds[obj.get("id")] = obj.get("claims") or []
    return preds


def pieces(span):
    """A source as a list of (start, end, text); accepts a span or a list of spans."""
    if not span:
        return []
    if isinstance(span, dict):
        span = [span]
    return [(int(p["start"]), int(p["end"]), p.get("text")) for p in span if p]


def best_claim(row, claims, text):
    best, best_key = None, None
    gs, ge = row["start"], row["end"]
    for c in claims:
        ps = pieces(c.get("source"))
        if not ps:
            continue
        overlap = sum(max(0, min(ge, e) - max(gs, s)) for s, e, _ in ps)
        if overlap <= 0:
            continue
        length = sum(e - s for s, e, _ in ps)
        key = (overlap, -abs(length - (ge - gs)))
        if best_key is None or key > best_key:
            best, best_key = c, key
    if best is None:
        return None
    ps = pieces(best.get("source"))
    src = " ".join(t if t is not None else text[s:e] for s, e, t in ps)
    speaker = best.get("speaker")
    return {"source": src, "start": ps[0][0], "end": ps[-1][1],
            "speaker": speaker if speaker else src,
            "has_type": "speaker_type" in best, "type": best.get("speaker_type")}


def main():
    if hasattr(signal, "SIGPIPE"):  # `| head` ends quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", help="claimdesk binary (default target/release or target/debug)")
    ap.add_argument("--split", choices=["dev", "train", "all"], default="all")
    ap.add_argument("--errors", action="store_true", help="print wrong and missed rows")
    ap.add_argument("--type-errors", action="store_true", help="print rows with the right speaker and the wrong type")
    ap.add_argument("--gold", default=os.path.join(ROOT, "tests", "data", "speakers_gold.tsv"))
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "polnear"),
                    help="PolNeAR data directory holding train/ and dev/")
    ap.add_argument("--pred", help="read `claimdesk extract` JSON Lines from this file instead of running --bin")
    args = ap.parse_args()

    gold = read_gold(args.gold)
    splits = ["dev", "train"] if args.split == "all" else [args.split]
    gold = [r for r in gold if r["split"] in splits]
    if not gold:
        sys.exit("eval-speakers: no gold rows for split %s" % args.split)

    texts, files = {}, {}
    for r in gold:
        key = (r["split"], r["doc"])
        if key not in texts:
            path = os.path.join(args.data, r["split"], "text", r["doc"] + ".txt")
            with open(path, encoding="utf-8", newline="") as f:
                texts[key] = f.read()
            files[key] = path
    if args.pred:
        with open(args.pred, encoding="utf-8") as f:
            preds_by_id = parse_jsonl(f, args.pred)
        preds = {k: preds_by_id.get(k[1], []) for k in texts}
    else:
        binary = args.bin or default_bin()
        preds = {}
        for split in splits:
            keys = sorted(k for k in texts if k[0] == split)
            out = run_extract(binary, [files[k] for k in keys])
            for k in keys:
                preds[k] = out.get(k[1], [])

    stats = collections.defaultdict(lambda: collections.Counter())
    any_type = False
    errors = []
    for r in gold:
        key = (r["split"], r["doc"])
        if r["speaker"] == "=":
            # Unresolved: the speaker is the source as written (the gold set
            # holds no article text).
            r["speaker"] = texts[key][r["start"]:r["end"]]
        m = best_claim(r, preds[key], texts[key])
        groups = [(r["split"], r["class"]), (r["split"], "all")]
        if len(splits) > 1:
            groups += [("all", r["class"]), ("all", "all")]
        ok = m is not None and norm_speaker(m["speaker"]) == norm_speaker(r["speaker"])
        type_ok = m is not None and m["has_type"] and norm_type(m["type"]) == norm_type(r["type"])
        if m is not None and m["has_type"]:
            any_type = True
        for g in groups:
            stats[g]["rows"] += 1
            stats[g]["found"] += m is not None
            stats[g]["correct"] += ok
            stats[g]["type_correct"] += type_ok
        if not ok:
            errors.append((r, m))
        elif args.type_errors and m is not None and m["has_type"] and not type_ok:
            print("TYPE %s %s %d-%d %s %r gold=%s pred=%s" % (
                r["split"], r["doc"], r["start"], r["end"], r["class"], r["speaker"], r["type"], m["type"]))

    if args.errors:
        for r, m in errors:
            pred = "<no overlapping source>" if m is None else "%r (source %d-%d %r)" % (
                m["speaker"], m["start"], m["end"], m["source"])
            print("ERR %s %s %d-%d %s gold=%r pred=%s" % (
                r["split"], r["doc"], r["start"], r["end"], r["class"], r["speaker"], pred))
        print()

    order = [s for s in splits] + (["all"] if len(splits) > 1 else [])
    hdr = "%-6s %-12s %5s %5s %7s %9s %9s" % ("split", "class", "rows", "found", "correct", "acc|found", "acc|all")
    if any_type:
        hdr += " %10s" % "type|found"
    print(hdr)
    for split in order:
        for cls in CLASSES + ["all"]:
            st = stats.get((split, cls))
            if not st:
                continue
            line = "%-6s %-12s %5d %5d %7d %9s %9s" % (
                split, cls, st["rows"], st["found"], st["correct"],
                "%.3f" % (st["correct"] / st["found"]) if st["found"] else "-",
                "%.3f" % (st["correct"] / st["rows"]))
            if any_type:
                line += " %10s" % ("%.3f" % (st["type_correct"] / st["found"]) if st["found"] else "-")
            print(line)
    for split in order:
        for cls in CLASSES + ["all"]:
            st = stats.get((split, cls))
            if not st:
                continue
            obj = {"split": split, "class": cls, "found": st["found"], "correct": st["correct"], "rows": st["rows"]}
            if any_type:
                obj["type_correct"] = st["type_correct"]
            print(json.dumps(obj))


if __name__ == "__main__":
    main()
