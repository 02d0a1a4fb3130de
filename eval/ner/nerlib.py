"""NER harness helpers: dev-set paths, scoring through the shared scorer, report."""
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import eval_dev, out_dir, write_json, read_jsonl  # noqa: E402

DEV = eval_dev() / "ner"
GOLD = DEV / "sequoia-ne-frwiki" / "data.jsonl"
SCORER = DEV / "score.py"
OUT = out_dir("ner")
LABELS = "PER,LOC,ORG"


def sentences():
    return read_jsonl(GOLD)


def score(system: str, pred_path: Path, meta: dict):
    js = OUT / f"{system}.score.json"
    subprocess.run([sys.executable, str(SCORER), str(pred_path), str(GOLD), "--labels", LABELS,
                    "--json", str(js)], check=True)
    res = json.load(open(js, encoding="utf-8"))
    res["system"] = system
    res["meta"] = meta
    write_json(js, res)
    return res


def report():
    rows = [json.load(open(js, encoding="utf-8")) for js in sorted(OUT.glob("*.score.json"))]
    if not rows:
        print("(no NER results yet)")
        return
    print(f"\nNamed entities — Sequoia frwiki ({rows[0]['docs']} sentences), labels {LABELS}, micro F1")
    print(f"{'system':24} {'ex-typed':>8} {'ov-typed':>8} {'ex-untyp':>8} {'ov-untyp':>8} {'P exact':>7} {'R exact':>7}"
          f" {'PER ex':>6} {'LOC ex':>6} {'ORG ex':>6} {'secs':>7} {'model MB':>8}")
    for r in sorted(rows, key=lambda r: r["system"]):
        m, pl, meta = r["micro"], r["per_label"], r.get("meta", {})

        def lab(x):
            return f"{pl[x]['exact']['f1']:6.3f}" if x in pl else f"{'-':>6}"
        print(f"{r['system']:24} {m['exact']['f1']:8.3f} {m['overlap']['f1']:8.3f} {m['span_only']['f1']:8.3f} "
              f"{m['overlap_untyped']['f1']:8.3f} {m['exact']['p']:7.3f} {m['exact']['r']:7.3f} "
              f"{lab('PER')} {lab('LOC')} {lab('ORG')} {meta.get('seconds', float('nan')):7.2f} {meta.get('model_mb', float('nan')):8.1f}")
    print("  ex = exact span match, ov = one-to-one overlap match; typed = label must agree; "
          "untyped = label ignored (scorer's span_only / overlap_untyped). P/R/per-label columns: exact typed.\n"
          "  secs = wall time incl. model load; model MB = model package on disk (Loupe: the whole binary).")


if __name__ == "__main__":
    report()
