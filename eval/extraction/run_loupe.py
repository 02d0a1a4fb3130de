#!/usr/bin/env python3
"""Loupe's article extraction: `loupe analyze --lang auto` on every source.html.

For HTML, `text` holds the page's whole visible text; what is not the article (menus, share
bars, related links, comments, footers) is in boilerplate blocks. Predicted article text =
`text` minus the boilerplate (and byline) blocks, i.e. the characters covered by
non-boilerplate blocks (title, lead, paragraph, quote, ...) and by no boilerplate block,
one line per run. Scored twice: "loupe" (title included, as the contract's `text` has it)
and "loupe-no-title" (title blocks dropped too; Readability's output usually omits the
headline, so this is the fairer comparison for the body). A page whose output has no blocks
at all is scored on its whole `text` (counted in meta.no_blocks)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import extlib  # noqa: E402
from common import run_loupe, write_jsonl  # noqa: E402


def article_text(o, drop_kinds):
    text = o.get("text") or ""
    blocks = o.get("blocks") or []
    if not blocks:
        return text, False
    keep = [False] * len(text)
    for b in blocks:
        if b.get("kind") in drop_kinds:
            continue
        for i in range(max(0, b["start"]), min(len(text), b["end"])):
            keep[i] = True
    for b in blocks:
        if b.get("kind") in drop_kinds:
            for i in range(max(0, b["start"]), min(len(text), b["end"])):
                keep[i] = False
    runs, cur = [], []
    for ch, k in zip(text, keep):
        if k:
            cur.append(ch)
        elif cur:
            runs.append("".join(cur))
            cur = []
    if cur:
        runs.append("".join(cur))
    return "\n".join(r.strip() for r in runs if r.strip()), True


def main():
    pages = extlib.pages()
    paths = [d / "source.html" for _, d in pages]
    results, secs, failures = run_loupe(paths, lang="auto")
    for system, drop in (("loupe", {"boilerplate", "byline"}), ("loupe-no-title", {"boilerplate", "title", "byline"})):
        preds, no_blocks = {}, 0
        for (name, d), p in zip(pages, paths):
            o = results.get(str(p))
            if o is None:
                continue
            text, had = article_text(o, drop)
            no_blocks += not had
            preds[name] = {"name": name, "text": text, "title": o.get("title"),
                           "byline": o.get("byline"), "date": o.get("date")}
        write_jsonl(extlib.OUT / f"{system}.pred.jsonl", preds.values())
        extlib.score(system, preds, {"seconds": round(secs, 2), "failures": len(failures), "no_blocks": no_blocks})
    extlib.report()


if __name__ == "__main__":
    main()
