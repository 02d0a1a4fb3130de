#!/usr/bin/env python3
"""Error analysis for Loupe's entities: typed/untyped misses and false alarms, counted by class.

Usage: .venv/bin/python eval/ner/errors.py [PRED] [--show N]
Reads the dev gold and eval/out/ner/loupe.pred.jsonl; prints confusion counts and examples.
"""
import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nerlib  # noqa: E402
from common import read_jsonl  # noqa: E402

KEEP = set(nerlib.LABELS.split(","))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pred", nargs="?", default=str(nerlib.OUT / "loupe.pred.jsonl"))
    ap.add_argument("--show", type=int, default=30)
    a = ap.parse_args()
    gold = {g["id"]: g for g in nerlib.sentences()}
    pred = {p["id"]: p for p in read_jsonl(Path(a.pred))}
    conf = collections.Counter()
    examples = collections.defaultdict(list)
    for sid, g in gold.items():
        text = g["text"]
        gs = {(e["start"], e["end"]): e["label"] for e in g["entities"] if e["label"] in KEEP}
        ps = {(e["start"], e["end"]): e["label"] for e in pred.get(sid, {}).get("entities", [])}
        for span, lab in gs.items():
            pl = ps.get(span)
            if pl == lab:
                conf[("ok", lab)] += 1
            elif pl is not None:
                conf[(f"{lab}->{pl}",)] += 1
                examples[f"{lab}->{pl}"].append(f"{text[span[0]:span[1]]!r}  | {text[max(0, span[0]-40):span[1]+20]!r}")
            else:
                over = [s for s in ps if s[0] < span[1] and span[0] < s[1]]
                kind = "boundary" if over else "missed"
                conf[(f"{kind} {lab}",)] += 1
                examples[f"{kind} {lab}"].append(f"{text[span[0]:span[1]]!r} pred={[text[s[0]:s[1]] for s in over]}  | {text[max(0, span[0]-40):span[1]+20]!r}")
        gall = {(e["start"], e["end"]): e["label"] for e in g["entities"]}
        for span, pl in ps.items():
            if span in gs:
                continue
            if span in gall:
                conf[(f"gold-{gall[span]} as {pl}",)] += 1
                continue
            over = [s for s in gall if s[0] < span[1] and span[0] < s[1]]
            kind = f"spurious {pl}" if not over else f"boundary-fp {pl}"
            conf[(kind,)] += 1
            examples[kind].append(f"{text[span[0]:span[1]]!r}  | {text[max(0, span[0]-40):span[1]+20]!r}")
    for k, v in sorted(conf.items(), key=lambda kv: -kv[1]):
        print(f"{v:5d}  {' '.join(k)}")
    for k, ex in sorted(examples.items(), key=lambda kv: -len(kv[1])):
        print(f"\n== {k} ({len(ex)})")
        for e in ex[: a.show]:
            print("  ", e)


if __name__ == "__main__":
    main()
