#!/usr/bin/env python3
"""Baseline: YAKE 0.7.3 (French stop list, n=3, top 10, default dedup) on the Wikinews dev set."""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kwlib  # noqa: E402
from common import write_jsonl  # noqa: E402
from importlib.metadata import version  # noqa: E402

import yake  # noqa: E402

N, TOP = 3, 10


def main():
    ext = yake.KeywordExtractor(lan="fr", n=N, top=TOP)
    rows = []
    t0 = time.perf_counter()
    for doc_id, path in kwlib.docs():
        text = path.read_text(encoding="utf-8")
        kws = ext.extract_keywords(text)  # [(phrase, score)], lower score = better, already sorted
        rows.append({"id": doc_id, "keywords": [k for k, _ in kws]})
    secs = time.perf_counter() - t0
    pred = kwlib.OUT / "yake.pred.jsonl"
    write_jsonl(pred, rows)
    kwlib.score(f"yake-{version('yake')}-n3", pred, {"seconds": round(secs, 2), "version": version("yake")})
    kwlib.report()


if __name__ == "__main__":
    main()
