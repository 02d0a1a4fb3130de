"""Keyphrase harness helpers: dev-set paths, scoring through the shared scorer, report."""
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import eval_dev, out_dir, write_json  # noqa: E402

DEV = eval_dev() / "keywords"
DATA = DEV / "wikinews-fr-dev"
GOLD = DATA / "gold.jsonl"
SCORER = DEV / "score.py"
OUT = out_dir("keywords")


def docs():
    """(id, path) for every dev document, in gold order."""
    ids = [json.loads(l)["id"] for l in open(GOLD, encoding="utf-8") if l.strip()]
    return [(i, DATA / "docs" / f"{i}.txt") for i in ids]


def score(system: str, pred_path: Path, meta: dict):
    """Score PRED with the shared scorer, store <system>.score.json with meta, print its table."""
    js = OUT / f"{system}.score.json"
    subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD), "--pred", str(pred_path),
                    "--lang", "fr", "--json", str(js)], check=True)
    res = json.load(open(js, encoding="utf-8"))
    res["system"] = system
    res["meta"] = meta
    write_json(js, res)
    return res


def report():
    rows = []
    for js in sorted(OUT.glob("*.score.json")):
        r = json.load(open(js, encoding="utf-8"))
        rows.append(r)
    if not rows:
        print("(no keyphrase results yet)")
        return
    print(f"\nKeyphrases — French Wikinews dev ({rows[0]['n_docs']} docs), macro F1 %, shared scorer")
    print(f"{'system':28} {'F1@5 str':>9} {'F1@10 str':>9} {'F1@5 fold':>9} {'F1@10 fold':>10} {'P@10':>6} {'R@10':>6} {'secs':>7}")
    for r in sorted(rows, key=lambda r: r["system"]):
        s, f = r["strict"], r["folded"]
        m = r.get("meta", {})
        print(f"{r['system']:28} {100*s['@5']['F']:9.2f} {100*s['@10']['F']:9.2f} {100*f['@5']['F']:9.2f} "
              f"{100*f['@10']['F']:10.2f} {100*s['@10']['P']:6.2f} {100*s['@10']['R']:6.2f} {m.get('seconds', float('nan')):7.2f}")


if __name__ == "__main__":
    report()
