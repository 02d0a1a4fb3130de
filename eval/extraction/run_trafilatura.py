#!/usr/bin/env python3
"""Baseline: trafilatura (default settings: precision/recall balance, no comments, tables
kept) on every source.html; text = main text (trafilatura does not put the title in it)."""
import sys
import time
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import extlib  # noqa: E402
from common import write_jsonl  # noqa: E402


def main():
    import logging
    import trafilatura
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    preds = {}
    t0 = time.perf_counter()
    for name, d in extlib.pages():
        html = extlib.read_html(d / "source.html")
        doc = trafilatura.bare_extraction(html, url="http://fakehost/test/page.html", with_metadata=True,
                                          include_comments=False, include_tables=True)
        if doc is None:
            preds[name] = {"name": name, "text": ""}
            continue
        preds[name] = {"name": name, "text": doc.text or "", "title": doc.title,
                       "byline": doc.author, "date": doc.date}
    secs = time.perf_counter() - t0
    write_jsonl(extlib.OUT / "trafilatura.pred.jsonl", preds.values())
    extlib.score(f"trafilatura-{version('trafilatura')}", preds, {"seconds": round(secs, 2)})
    extlib.report()


if __name__ == "__main__":
    main()
