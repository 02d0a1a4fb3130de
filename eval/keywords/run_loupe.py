#!/usr/bin/env python3
"""Loupe's keyphrases: `loupe analyze --lang fr` on every dev document, ranked keyword texts."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kwlib  # noqa: E402
from common import run_loupe, write_jsonl, loupe_bin, file_size_mb  # noqa: E402


def main():
    docs = kwlib.docs()
    results, secs, failures = run_loupe([p for _, p in docs], lang="fr")
    rows = []
    for doc_id, path in docs:
        o = results.get(str(path)) or {}
        rows.append({"id": doc_id, "keywords": [k["text"] for k in o.get("keywords", [])]})
    pred = kwlib.OUT / "loupe.pred.jsonl"
    write_jsonl(pred, rows)
    kwlib.score("loupe", pred, {"seconds": round(secs, 2), "failures": len(failures),
                                "binary_mb": round(file_size_mb(loupe_bin()), 2)})
    kwlib.report()


if __name__ == "__main__":
    main()
