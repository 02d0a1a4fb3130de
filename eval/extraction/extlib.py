"""Extraction harness: pages, ground truth, scoring of a predictions file, report.

Predictions (one JSON object per line): {"name": page folder, "text": article text (or
"html": article HTML, converted with metric.html_to_text), "title", "byline", "date"}.

Run as a script to score a predictions file made elsewhere (run_readability.mjs does):
    python extlib.py score --system NAME --pred PRED.jsonl [--seconds S]
    python extlib.py report
"""
import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from common import eval_dev, out_dir, write_json, read_jsonl  # noqa: E402
import metric  # noqa: E402

PAGES_DIR = eval_dev() / "extraction" / "readability-test-pages" / "test" / "test-pages"
OUT = out_dir("extraction")
FRENCH = ["lemonde-1", "liberation-1", "videos-2"]
META_FIELDS = [("title", "title"), ("byline", "byline"), ("date", "publishedTime")]


def pages():
    """[(name, folder)] for every test page, sorted by name."""
    return [(d.name, d) for d in sorted(PAGES_DIR.iterdir()) if (d / "source.html").is_file()]


def read_html(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


_truth = None


def truth():
    """{name: {"text": text content of expected.html, "meta": expected-metadata.json}}, cached
    in out/extraction/truth.json (delete it after changing html_to_text)."""
    global _truth
    if _truth is not None:
        return _truth
    cache = OUT / "truth.json"
    srcmt = max((d / "expected.html").stat().st_mtime for _, d in pages())
    if cache.is_file() and cache.stat().st_mtime > max(srcmt, Path(metric.__file__).stat().st_mtime):
        _truth = json.load(open(cache, encoding="utf-8"))
        return _truth
    t = {}
    for name, d in pages():
        meta = json.load(open(d / "expected-metadata.json", encoding="utf-8"))
        t[name] = {"text": metric.html_to_text(read_html(d / "expected.html")), "meta": meta}
    write_json(cache, t)
    _truth = t
    return t


def score(system, preds, meta):
    """preds: {name: {"text"|"html", "title", "byline", "date"}}. Writes <system>.score.json."""
    T = truth()
    per_page, counts, fr_counts = [], [], []
    mstats = {f: {"expected": 0, "predicted": 0, "exact": 0, "lenient": 0} for f, _ in META_FIELDS}
    for name in sorted(T):
        p = preds.get(name) or {}
        text = p.get("text")
        if text is None and p.get("html") is not None:
            text = metric.html_to_text(p["html"])
        c = metric.page_counts(T[name]["text"], text or "")
        counts.append(c)
        if name in FRENCH:
            fr_counts.append(c)
        pp, pr = metric.page_pr(*c)
        row = {"name": name, "tp": c[0], "fp": c[1], "fn": c[2], "p": pp, "r": pr,
               "missing": name not in preds}
        for f, ef in META_FIELDS:
            m = metric.meta_match(T[name]["meta"].get(ef), p.get(f), is_date=f == "date", is_byline=f == "byline")
            if m is not None:
                s = mstats[f]
                s["expected"] += 1
                s["predicted"] += bool(metric.norm_ws(p.get(f)))
                s["exact"] += m[0]
                s["lenient"] += m[1]
                row[f] = {"expected": T[name]["meta"].get(ef), "predicted": p.get(f), "exact": m[0], "lenient": m[1]}
        per_page.append(row)
    res = {"system": system, "meta": meta, "all": metric.aggregate(counts),
           "french": metric.aggregate(fr_counts), "metadata": mstats,
           "missing_pages": sum(r["missing"] for r in per_page), "pages": per_page}
    write_json(OUT / f"{system}.score.json", res)
    return res


def report():
    rows = [json.load(open(js, encoding="utf-8")) for js in sorted(OUT.glob("*.score.json"))]
    if not rows:
        print("(no extraction results yet)")
        return
    n = rows[0]["all"]["pages"]
    print(f"\nArticle extraction — Readability test pages ({n}), 4-gram shingle P/R averaged over pages, F1 of averages")
    print("  (truth = text of expected.html, i.e. Readability.js's own output: agreement with Readability, not human truth)")
    print(f"{'system':26} {'P':>6} {'R':>6} {'F1':>6} {'pageF1':>6} {'empty':>5} {'FR-3 F1':>7} {'secs':>7}"
          f" | {'title ex/len':>12} {'byline ex/len':>13} {'date ex/len':>11}")
    for r in sorted(rows, key=lambda r: r["system"]):
        a, fr, m = r["all"], r["french"], r["metadata"]

        def mm(f):
            s = m[f]
            e = max(s["expected"], 1)
            return f"{100*s['exact']/e:5.1f}/{100*s['lenient']/e:5.1f}"
        print(f"{r['system']:26} {a['precision']:6.3f} {a['recall']:6.3f} {a['f1']:6.3f} {a['mean_page_f1']:6.3f} "
              f"{a['empty_predictions']:5d} {fr['f1']:7.3f} {r['meta'].get('seconds', float('nan')):7.2f}"
              f" | {mm('title'):>12} {mm('byline'):>13} {mm('date'):>11}")
    s = rows[0]["metadata"]
    print(f"  metadata: % of pages with an expected value (title {s['title']['expected']}, byline "
          f"{s['byline']['expected']}, date {s['date']['expected']}) matched exactly (whitespace-normalised) / "
          f"leniently (case-folded containment either way)")
    print("  FR-3 = lemonde-1, liberation-1, videos-2; empty = pages with no predicted text (left out of the P average)")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("score")
    s.add_argument("--system", required=True)
    s.add_argument("--pred", required=True)
    s.add_argument("--seconds", type=float)
    sub.add_parser("report")
    a = ap.parse_args()
    if a.cmd == "score":
        preds = {r["name"]: r for r in read_jsonl(Path(a.pred))}
        score(a.system, preds, {"seconds": a.seconds})
    report()


if __name__ == "__main__":
    main()
