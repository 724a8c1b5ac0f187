#!/usr/bin/env python3
"""Seeds a migrated, empty claimdesk database with synthetic load for the
claim-list and claim-matching benchmarks: N articles x K claims each
(default 50,000 x 20 = 1,000,000).

Claim texts must look like news to PostgreSQL's full-text and trigram
indexes, so they are stitched from real sentences: the first half of one
sentence and the second half of another, taken from a folder of article
texts (default: PolNeAR train in ../shared, read at run time and never
stored in the repository). One claim in twenty repeats an earlier claim
with one word changed: the twins that claim matching should find.

    scripts/seed-bench.py postgres://postgres@127.0.0.1:5432/claimdesk_bench \
        [--articles 50000] [--per 20] [--corpus DIR]
"""
import argparse
import csv
import io
import json
import os
import random
import re
import subprocess
import sys

ap = argparse.ArgumentParser()
ap.add_argument("url")
ap.add_argument("--articles", type=int, default=50000)
ap.add_argument("--per", type=int, default=20)
ap.add_argument("--corpus", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                 "../../shared/data/polnear/train/text"))
args = ap.parse_args()

sentences = []
if os.path.isdir(args.corpus):
    for name in sorted(os.listdir(args.corpus)):
        if name.endswith(".txt"):
            text = open(os.path.join(args.corpus, name), encoding="utf-8").read()
            for s in re.split(r"(?<=[.!?])[\"”]?\s+", text):
                words = s.split()
                if 8 <= len(words) <= 40:
                    sentences.append(words)
if len(sentences) < 1000:
    sys.exit(f"seed-bench: need a folder of article texts (--corpus); found {len(sentences)} sentences in {args.corpus}")

rng = random.Random(42)
first = ["Dana", "Ray", "Maria", "Ken", "Aisha", "Tom", "Li", "Olga", "Juan", "Priya"]
last = ["Whitfield", "Okafor", "Silva", "Tanaka", "Rahman", "Berg", "Chen", "Novak", "Reyes", "Shah",
        "Moreau", "Kowalski", "Haddad", "Ibsen", "Lund", "Mensah", "Costa", "Weber", "Quinn", "Duarte"]
speakers = [f"{first[i % 10]} {last[(i // 10) % 20]}" + (f" {i // 200}" if i >= 200 else "") for i in range(500)]
outlets = ["Daily Ledger", "Harbor Times", "Valley Post", "Metro Wire", "Coast Herald"]
verdicts = ["true", "mostly_true", "mixed", "mostly_false", "false"]
SEED_USER = "01900000-0000-7000-8000-000000000001"


def article_id(a):
    return f"01900000-0000-7000-8000-{a:012x}"


def claim_id(n):
    return f"01900000-0000-7000-9000-{n:012x}"


def psql(*extra, stdin=None):
    subprocess.run(["psql", args.url, "-v", "ON_ERROR_STOP=1", "-q", *extra], input=stdin, check=True)


def copy(table, columns, rows):
    buf = io.StringIO()
    writer = csv.writer(buf)
    for r in rows:
        writer.writerow(["" if v is None else v for v in r])
    psql("-c", f"\\copy {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '')",
         stdin=buf.getvalue().encode())


psql("-c", "INSERT INTO users (id, email, name, password_hash, role) VALUES "
           f"('{SEED_USER}', 'seed@claimdesk.local', 'Seed', '!', 'editor') ON CONFLICT DO NOTHING")

texts = []
articles, claims = [], []
for a in range(1, args.articles + 1):
    title = " ".join(rng.choice(sentences)[:8])
    articles.append([article_id(a), title, outlets[a % 5], f"Seeded body {a}", f"seed-{a:058d}", 1, SEED_USER])
    for c in range(args.per):
        n = (a - 1) * args.per + c
        if n % 20 == 7 and n >= 7 * args.per:
            words = texts[n - 7 * args.per].split()
            words[rng.randrange(len(words))] = rng.choice(rng.choice(sentences))
        else:
            x, y = rng.choice(sentences), rng.choice(sentences)
            words = x[: len(x) // 2] + y[len(y) // 2:]
        text = " ".join(words)
        texts.append(text)
        attributed = n % 4 != 0
        speaker = speakers[(a * 31 + c * 7) % 500] if attributed else None
        r = rng.random()
        status = ("unreviewed" if r < 0.70 else "in_progress" if r < 0.85
                  else "verdict_proposed" if r < 0.93 else "approved")
        verdict = verdicts[n % 5] if status in ("verdict_proposed", "approved") else None
        kind = "unattributed" if not attributed else ("direct" if n % 4 == 1 else "indirect")
        end = len(text)
        pieces = json.dumps([{"start": 0, "end": end, "text": text}])
        claims.append([claim_id(n), article_id(a), c, kind, 0, end, text, pieces, speaker,
                       0 if attributed else None, 5 if attributed else None, speaker,
                       0 if attributed else None, 4 if attributed else None, "said" if attributed else None,
                       round(rng.random(), 3), status, verdict])
    if a % 5000 == 0 or a == args.articles:
        copy("articles", ["id", "title", "outlet", "body", "body_sha256", "extractor_version", "created_by"], articles)
        copy("claims", ["id", "article_id", "ordinal", "kind", "content_start", "content_end", "content_text",
                        "content_pieces", "speaker", "source_start", "source_end", "source_text",
                        "cue_start", "cue_end", "cue_text", "checkworthiness", "status", "verdict"], claims)
        articles, claims = [], []
        print(f"seeded {a} articles", file=sys.stderr)
# VACUUM as well: after a bulk load the first queries would otherwise pay
# for setting hint bits and the visibility map, which a live store has long
# done (measured: /similar p99 32 ms right after the load, 14 ms after).
psql("-c", "VACUUM (ANALYZE) articles")
psql("-c", "VACUUM (ANALYZE) claims")
