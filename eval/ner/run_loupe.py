#!/usr/bin/env python3
"""Loupe's named entities on the Sequoia frwiki dev set.

Each sentence is written to its own temporary .txt file (UTF-8, no trailing newline), the
CLI runs once over all of them with --lang fr, and every mention of every entity becomes a
prediction {start, end, label} (person->PER, place->LOC, organisation->ORG, other->MISC).

Offsets: the contract says mentions are Unicode character offsets into `text`, and for plain
text `text` is the input. This is checked per sentence; where `text` differs from the input
(e.g. normalised whitespace) mentions are mapped back through a character alignment and the
count is reported, so a mismatch shows up instead of silently costing points."""
import difflib
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nerlib  # noqa: E402
from common import run_loupe, write_jsonl, loupe_bin, file_size_mb  # noqa: E402

KIND_MAP = {"person": "PER", "place": "LOC", "organisation": "ORG", "organization": "ORG", "other": "MISC"}


def char_map(src: str, dst: str):
    """Map offsets in dst to offsets in src (list of len(dst)+1, None where unaligned)."""
    m = [None] * (len(dst) + 1)
    sm = difflib.SequenceMatcher(None, src, dst, autojunk=False)
    for a, b, n in sm.get_matching_blocks():
        for k in range(n + 1):
            if b + k <= len(dst):
                m[b + k] = a + k
    return m


def main():
    sents = nerlib.sentences()
    stats = {"text_differs": 0, "mentions": 0, "remapped": 0, "dropped": 0, "bad_offsets": 0,
             "surface_differs": 0, "no_output": 0}
    with tempfile.TemporaryDirectory(prefix="loupe-ner-") as tmp:
        paths = []
        for i, s in enumerate(sents):
            p = Path(tmp) / f"{i:05d}.txt"
            p.write_text(s["text"], encoding="utf-8")
            paths.append(p)
        results, secs, failures = run_loupe(paths, lang="fr")
    rows = []
    for s, p in zip(sents, paths):
        o = results.get(str(p))
        src = s["text"]
        ents = []
        if o is None:
            stats["no_output"] += 1
        else:
            text = o.get("text", src)
            cmap = None
            if text != src:
                stats["text_differs"] += 1
                cmap = char_map(src, text)
            seen = set()
            for e in o.get("entities", []):
                label = KIND_MAP.get(str(e.get("kind", "")).lower(), "MISC")
                for mnt in e.get("mentions", []):
                    st, en = int(mnt["start"]), int(mnt["end"])
                    stats["mentions"] += 1
                    if not (0 <= st < en <= len(text)):
                        stats["bad_offsets"] += 1
                        continue
                    if cmap is not None:
                        a, b = cmap[st], cmap[en]
                        if a is None or b is None or a >= b:
                            stats["dropped"] += 1
                            continue
                        stats["remapped"] += 1
                        st, en = a, b
                    if src[st:en].strip() != src[st:en]:
                        stats["surface_differs"] += 1  # span starts/ends on whitespace
                    key = (st, en, label)
                    if key not in seen:
                        seen.add(key)
                        ents.append({"start": st, "end": en, "label": label})
        rows.append({"id": s["id"], "entities": ents})
    pred = nerlib.OUT / "loupe.pred.jsonl"
    write_jsonl(pred, rows)
    meta = {"seconds": round(secs, 2), "model_mb": round(file_size_mb(loupe_bin()), 1),
            "failures": len(failures), "offset_check": stats}
    nerlib.score("loupe", pred, meta)
    nerlib.report()
    print(f"  loupe offset check: {stats}")
    if stats["text_differs"] or stats["bad_offsets"]:
        print("  WARNING: `text` differs from the input or offsets fall outside it; see offset_check", file=sys.stderr)


if __name__ == "__main__":
    main()
