"""YAKE (the reference keyphrase extractor, Python) on the bench texts: best and median ms.
Usage: python bench/yake_bench.py FILE... ; prints tab-separated lines like bench/native.rs."""
import sys
import time

import yake

extractor = yake.KeywordExtractor(lan="fr", n=3, top=15)
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    runs, start = [], time.perf_counter()
    while not runs or (time.perf_counter() - start < 1.5 and len(runs) < 50):
        t = time.perf_counter()
        extractor.extract_keywords(text)
        runs.append((time.perf_counter() - t) * 1e3)
    runs.sort()
    name = path.rsplit("/", 1)[-1]
    print(f"yake\t{name}\t{len(text.encode())}\t{runs[0]:.3f}\t{runs[len(runs) // 2]:.3f}")
