#!/usr/bin/env python3
"""Error analysis for Loupe's keyphrases: per document, gold phrases missed (and whether they occur
in the text), predictions ranked in the top 10 that are not gold, and counts by class.

Usage: .venv/bin/python eval/keywords/errors.py [PRED] > /tmp/kw_errors.txt
"""
import collections
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kwlib  # noqa: E402
import snowballstemmer  # noqa: E402

STEM = snowballstemmer.stemmer("french")


def norm(p):
    return " ".join(STEM.stemWords([w for w in re.split(r"[^\w]+", p.lower()) if w]))


def main():
    pred_path = Path(sys.argv[1]) if len(sys.argv) > 1 else kwlib.OUT / "loupe.pred.jsonl"
    gold_path = kwlib.DATA / "gold.jsonl"
    gold = {}
    for line in open(gold_path, encoding="utf-8"):
        g = json.loads(line)
        gold[g["id"]] = g["keywords"]
    pred = {json.loads(l)["id"]: json.loads(l)["keywords"] for l in open(pred_path, encoding="utf-8")}
    docs = dict(kwlib.docs())
    fp_words = collections.Counter()
    stats = collections.Counter()
    for doc_id in sorted(gold):
        text = open(docs[doc_id], encoding="utf-8").read()
        tnorm = norm(text)
        g = {norm(k): k for k in gold[doc_id]}
        p = [(norm(k), k) for k in pred.get(doc_id, [])][:10]
        hit = {n for n, _ in p if n in g}
        print(f"\n## {doc_id}  hits {len(hit)}/{len(g)}  title: {text.splitlines()[0][:90]!r}")
        for n, k in p:
            print(f"   {'+' if n in g else '-'} {k}")
        for n, k in g.items():
            if n not in hit:
                intext = (" " + n + " ") in (" " + tnorm + " ")
                stats["missed in text" if intext else "missed not in text"] += 1
                print(f"   MISSED {'(in text)' if intext else '(absent)'}: {k}")
        for n, k in p:
            if n not in g:
                stats[f"fp {len(n.split())}w"] += 1
                if any(c.isupper() for c in k[:1]):
                    stats["fp capitalised"] += 1
    print("\n", dict(stats))


if __name__ == "__main__":
    main()
