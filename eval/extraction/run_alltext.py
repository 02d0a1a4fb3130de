#!/usr/bin/env python3
"""Lower anchor: all visible text of source.html (no boilerplate removal at all); title from
<title>, no byline, no date."""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import extlib  # noqa: E402
import metric  # noqa: E402
from common import write_jsonl  # noqa: E402


def main():
    import lxml.html
    preds = {}
    t0 = time.perf_counter()
    for name, d in extlib.pages():
        html = extlib.read_html(d / "source.html")
        title = None
        try:
            t = lxml.html.fromstring(html).find(".//title")
            title = t.text_content() if t is not None else None
        except Exception:
            pass
        preds[name] = {"name": name, "text": metric.html_to_text(html, visible_only=True), "title": title}
    secs = time.perf_counter() - t0
    write_jsonl(extlib.OUT / "all-text.pred.jsonl", preds.values())
    extlib.score("all-text", preds, {"seconds": round(secs, 2)})
    extlib.report()


if __name__ == "__main__":
    main()
