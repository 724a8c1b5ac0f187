#!/usr/bin/env python3
"""Train and measure the check-worthiness ranker (issue 13).

Leave-one-debate-out cross-validation on the CLEF 2019 CheckThat! Task 1
training split (../shared/data/clef2019-checkworthy/training), scored with the
task's official metrics by the shared scorer's own code
(../shared/eval/checkworthiness/score_cw.py), exactly as `claimdesk extract`
output is scored there: a debate line's score is the highest score of the
claims whose content overlaps it, 0 if none.

Steps:
  1. make_inputs.py writes the 19 debates as texts (one line a paragraph).
  2. `claimdesk extract` runs over them once: the claims (their content spans)
     do not depend on the check-worthiness model, only their scores do.
  3. The `cw_features` example prints every claim's features, computed by the
     same Rust code the extractor runs (src/extract/checkworthy/).
  4. For every held-out debate, models are trained on the other 18 and score
     its claims; the folds' scores are scored together. Measured side by side:
       - today's hand-set score (the extract run given with --before),
       - TF-IDF word 1-2-grams + logistic regression (the task's strong
         baseline), on the same claims, labels and folds,
       - the learned ranker under a small grid (feature groups, C, class
         weighting), the best by cross-validated MAP is shipped.
  5. The chosen configuration is refitted on all 19 debates and written to
     src/extract/data/checkworthy.bin (numbers only: weights of hashed ids).

A claim's label is 1 when any debate line it overlaps was checked.
Reproducible: the solver is deterministic and the seed fixed.

Usage (see BENCHMARKS.md):
  cargo build --release --bin claimdesk --example cw_features
  python3 -m venv $T/cw-venv && $T/cw-venv/bin/pip install numpy scipy scikit-learn
  $T/cw-venv/bin/python scripts/train-checkworthy.py --target $T [--before RUN.jsonl] [--write-model]
"""
import argparse
import bisect
import json
import os
import struct
import subprocess
import sys

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
EVAL = os.path.join(SHARED, "eval", "checkworthiness")
sys.path.insert(0, EVAL)
from clef_data import DEFAULT_DATA, read_gold  # noqa: E402
from score_cw import evaluate_run, read_mapping  # noqa: E402

SEED = 13
METRICS = ["MAP", "RR", "R-P", "P@1", "P@3", "P@5", "P@10", "P@20", "P@50"]


def run(cmd, stdin=None):
    return subprocess.run(cmd, input=stdin, capture_output=True, check=True, text=True).stdout


def claims_of(run_path, mapping, gold):
    """[(debate, text, [line indexes it overlaps], label)] for every claim
    that overlaps a debate line, and the line numbers of each debate."""
    rows = []
    with open(run_path, encoding="utf-8") as f:
        recs = {r["id"]: r["claims"] for r in map(json.loads, filter(str.strip, f))}
    for did in sorted(gold):
        m = mapping[did]
        starts = [s for _, s, _ in m["lines"]]
        ends = [e for _, _, e in m["lines"]]
        numbers = [n for n, _, _ in m["lines"]]
        for c in recs[did]:
            pieces = c["content"] if isinstance(c["content"], list) else [c["content"]]
            text = " ".join(p["text"] for p in pieces)
            hit = []
            for p in pieces:
                i = bisect.bisect_right(ends, p["start"])
                while i < len(starts) and starts[i] < p["end"]:
                    hit.append(i)
                    i += 1
            if hit:
                label = max(gold[did][numbers[i]] for i in hit)
                rows.append((did, text, sorted(set(hit)), label, c.get("checkworthiness", 0.0)))
    return rows


def line_scores(rows, scores, mapping, gold):
    """{debate: [(line number, max claim score)]}, as the shared scorer builds them."""
    out = {}
    for did in gold:
        numbers = [n for n, _, _ in mapping[did]["lines"]]
        out[did] = [0.0] * len(numbers)
    for (did, _, hit, _, _), s in zip(rows, scores):
        for i in hit:
            out[did][i] = max(out[did][i], float(s))
    return {did: list(zip([n for n, _, _ in mapping[did]["lines"]], v)) for did, v in out.items()}


def read_features(path, n_rows, dim):
    """CSR matrices per group (0 cues, 1 words, 2 characters)."""
    data = {g: ([], [], []) for g in range(3)}
    with open(path, encoding="utf-8") as f:
        for r, line in enumerate(f):
            for cell in line.split():
                g, i, v = cell.split(":")
                d = data[int(g)]
                d[0].append(r)
                d[1].append(int(i))
                d[2].append(float(v))
            if r + 1 == n_rows:
                break
    return {g: sp.csr_matrix((v, (r, c)), shape=(n_rows, dim)) for g, (r, c, v) in data.items()}


def fit(X, y, c, balanced):
    m = LogisticRegression(C=c, class_weight="balanced" if balanced else None,
                           solver="liblinear", dual=True, max_iter=2000, random_state=SEED)
    return m.fit(X, y)


def cv(rows, folds, make_x, c, balanced, mapping, gold):
    """Out-of-fold scores for every claim, and the metrics of their ranking."""
    y = np.array([r[3] for r in rows])
    scores = np.zeros(len(rows))
    for did in sorted(gold):
        test = folds == did
        Xtr, Xte = make_x(~test, test)
        scores[test] = fit(Xtr, y[~test], c, balanced).predict_proba(Xte)[:, 1]
    res = evaluate_run(gold, line_scores(rows, scores, mapping, gold))
    return scores, res


def fmt(name, mean):
    return f"{name:<44}" + "".join(f"{mean[k]:>7.4f}" for k in METRICS)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--target", default=os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")))
    ap.add_argument("--before", help="an extract run of today's extractor over the same inputs (JSONL)")
    ap.add_argument("--bits", type=int, default=16, help="hashed feature space: 2^bits ids")
    ap.add_argument("--write-model", action="store_true", help="write src/extract/data/checkworthy.bin")
    ap.add_argument("--quick", action="store_true", help="only the shipped configuration, no grid")
    args = ap.parse_args()
    work = os.path.join(args.target, "clef")
    os.makedirs(work, exist_ok=True)
    claimdesk = os.path.join(args.target, "release", "claimdesk")
    featbin = os.path.join(args.target, "release", "examples", "cw_features")

    inputs = os.path.join(work, "inputs")
    run([sys.executable if os.path.exists(sys.executable) else "python3",
         os.path.join(EVAL, "make_inputs.py"), "--out", inputs])
    mapping = read_mapping(os.path.join(inputs, "mapping.jsonl"))
    gold = read_gold(os.path.join(DEFAULT_DATA, "training"))
    texts = sorted(os.path.join(inputs, "text", n) for n in os.listdir(os.path.join(inputs, "text")))
    run_path = os.path.join(work, "run-claims.jsonl")
    with open(run_path, "w", encoding="utf-8") as f:
        f.write(run([claimdesk, "extract", *texts]))
    rows = claims_of(run_path, mapping, gold)
    folds = np.array([r[0] for r in rows])
    y = np.array([r[3] for r in rows])
    print(f"{len(rows)} claims over {len(gold)} debates, {int(y.sum())} overlap a checked line", file=sys.stderr)

    feat_path = os.path.join(work, f"features-{args.bits}.txt")
    with open(feat_path, "w", encoding="utf-8") as f:
        f.write(run([featbin, str(args.bits)], "".join(json.dumps(r[1]) + "\n" for r in rows)))
    dim = 1 << args.bits
    G = read_features(feat_path, len(rows), dim)

    results = {}
    print(f"{'leave-one-debate-out, mean over 19 debates':<44}" + "".join(f"{k:>7}" for k in METRICS))

    if args.before:
        before = claims_of(args.before, mapping, gold)
        res = evaluate_run(gold, line_scores(before, [r[4] for r in before], mapping, gold))
        results["hand-set (today)"] = res["mean"]
        print(fmt("hand-set score (today, no training)", res["mean"]))

    # The task's strong baseline: TF-IDF over word 1-2-grams, logistic regression, C=1.
    texts_all = [r[1] for r in rows]

    def tfidf_x(tr, te):
        v = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
        Xtr = v.fit_transform([t for t, k in zip(texts_all, tr) if k])
        return Xtr, v.transform([t for t, k in zip(texts_all, te) if k])

    oof_tfidf, res = cv(rows, folds, tfidf_x, 1.0, False, mapping, gold)
    results["tfidf+lr"] = res["mean"]
    print(fmt("TF-IDF 1-2-grams + LR (C=1)", res["mean"]))

    groups = {"cues+words+chars": (0, 1, 2), "words+chars": (1, 2), "cues+words": (0, 1),
              "cues+chars": (0, 2), "cues": (0,)}

    def x_of(gs):
        X = sum((G[g] for g in gs[1:]), G[gs[0]]).tocsr()
        return lambda tr, te: (X[tr], X[te])

    grid = [("cues+words", c, b) for c in (1.0, 3.0) for b in (False, True)]
    if not args.quick:
        grid += [(g, 3.0, True) for g in groups if g != "cues+words"]
    else:
        grid = [("cues+words", 3.0, False)]
    best = None
    for gname, c, b in grid:
        oof, res = cv(rows, folds, x_of(groups[gname]), c, b, mapping, gold)
        name = f"ranker {gname} C={c:g}{' balanced' if b else ''}"
        results[name] = res["mean"]
        print(fmt(name, res["mean"]), flush=True)
        if best is None or res["mean"]["MAP"] > best[0]:
            best = (res["mean"]["MAP"], gname, c, b, oof, res)
    _, gname, c, b, oof, res = best
    print(f"chosen by cross-validated MAP: {gname} C={c:g}{' balanced' if b else ''}")

    # Out-of-fold line scores, for `score_cw.py --scores`.
    for name, sc in (("ranker", oof), ("tfidf", oof_tfidf)):
        with open(os.path.join(work, f"cv-{name}.tsv"), "w", encoding="utf-8") as f:
            for did, scored in line_scores(rows, sc, mapping, gold).items():
                f.writelines(f"{did}\t{n}\t{s!r}\n" for n, s in scored)
    share = float(np.mean(oof > 0.5))
    print(f"out-of-fold: {share:.1%} of claims above 0.5; calibration (mean score vs share checked):")
    for lo, hi in ((0, .1), (.1, .3), (.3, .5), (.5, .7), (.7, .9), (.9, 1.01)):
        k = (oof >= lo) & (oof < hi)
        if k.any():
            print(f"  [{lo:.1f}, {min(hi, 1):.1f}): {int(k.sum()):>6} claims, mean {oof[k].mean():.3f},"
                  f" checked {y[k].mean():.3f}")
    with open(os.path.join(work, "cv-results.json"), "w", encoding="utf-8") as f:
        json.dump({"results": results, "chosen": [gname, c, b], "per_debate": res["per_debate"]}, f, indent=1)

    if args.write_model:
        X = x_of(groups[gname])(np.ones(len(rows), bool), np.zeros(len(rows), bool))[0]
        m = fit(X, y, c, b)
        w = m.coef_[0].astype(np.float64)
        scale = float(np.abs(w).max()) / 32767.0 or 1.0
        q = np.clip(np.round(w / scale), -32767, 32767).astype("<i2")
        path = os.path.join(ROOT, "src", "extract", "data", "checkworthy.bin")
        with open(path, "wb") as f:
            ngrams = sum(1 << g for g in groups[gname] if g > 0)  # bit 1 words, bit 2 characters
            f.write(b"CWM2" + struct.pack("<IIff", args.bits, ngrams, float(m.intercept_[0]), scale)
                    + q.tobytes())
        nz = int((q != 0).sum())
        print(f"wrote {path}: 2^{args.bits} weights, {nz} non-zero, bias {m.intercept_[0]:.3f}")
        full = m.predict_proba(X)[:, 1]
        print(f"refit on all debates: {np.mean(full > 0.5):.1%} of training claims above 0.5")


if __name__ == "__main__":
    main()
