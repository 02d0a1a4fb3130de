#!/usr/bin/env python3
"""Sanity check for data/gazetteer.tsv and data/demonyms.tsv (standard library only).

    python3 scripts/gazetteer/check.py

Asserts the format, that the names the seed articles need are present with the right kind,
that the demonyms map where they should, and prints raw/gzip sizes. Exit 1 on any failure.
"""
from __future__ import annotations

import gzip
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
GAZ = REPO / "data" / "gazetteer.tsv"
DEM = REPO / "data" / "demonyms.tsv"
COLUMNS = ["id", "kind", "subkind", "name_fr", "name_en", "wikidata", "aliases", "country"]

# name -> expected kind (found among name_fr, name_en or aliases)
REQUIRED = {
    # needed by the seed articles' tests
    "Japon": "place", "Tokyo": "place", "Chine": "place", "Taïwan": "place", "Corée du Nord": "place",
    "Corée du Sud": "place", "Ukraine": "place", "Russie": "place", "Bruxelles": "place",
    "Washington": "place", "Nouvelle-Zélande": "place", "Australie": "place", "Indo-Pacifique": "place",
    "OTAN": "organisation", "Associated Press": "organisation", "Kyodo News": "organisation",
    # French exonyms and regions from the issue
    "Pékin": "place", "Séoul": "place", "Londres": "place", "Moscou": "place", "Kiev": "place",
    "Kyiv": "place", "Pyongyang": "place", "États-Unis": "place", "Royaume-Uni": "place",
    "Grande-Bretagne": "place", "Asie-Pacifique": "place", "Europe": "place", "Asie": "place",
    "Afrique": "place", "Moyen-Orient": "place", "Océanie": "place", "Asie de l'Est": "place",
    # organisations and acronyms in both languages
    "NATO": "organisation", "Organisation du Traité de l'Atlantique Nord": "organisation",
    "ONU": "organisation", "UN": "organisation", "United Nations": "organisation",
    "UE": "organisation", "EU": "organisation", "G7": "organisation", "Groupe des Sept": "organisation",
    "FMI": "organisation", "IMF": "organisation", "OMS": "organisation", "WHO": "organisation",
    "AIEA": "organisation", "ASEAN": "organisation", "AFP": "organisation", "Reuters": "organisation",
}
SAME_ENTITY = [("OTAN", "NATO"), ("ONU", "UN"), ("UE", "EU"), ("FMI", "IMF"), ("OMS", "WHO"),
               ("Pékin", "Beijing"), ("Kiev", "Kyiv"), ("Japon", "Japan")]
# demonym form -> name of the entity it must map to (by name_fr)
DEMONYMS = {
    ("japonais", "fr"): "Japon", ("japonaise", "fr"): "Japon", ("japonaises", "fr"): "Japon",
    ("Japanese", "en"): "Japon", ("sud-coréen", "fr"): "Corée du Sud", ("sud-coréennes", "fr"): "Corée du Sud",
    ("South Korean", "en"): "Corée du Sud", ("nord-coréen", "fr"): "Corée du Nord",
    ("américain", "fr"): "États-Unis", ("américaines", "fr"): "États-Unis", ("ukrainien", "fr"): "Ukraine",
    ("russe", "fr"): "Russie", ("chinois", "fr"): "Chine", ("norvégien", "fr"): "Norvège",
    ("européen", "fr"): "Europe", ("européennes", "fr"): "Europe",
}


def key(s: str) -> str:
    return unicodedata.normalize("NFC", s).replace("\u2019", "'").casefold()


def read_tsv(path: Path) -> tuple[list[str], list[list[str]]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").split("\n") if ln and not ln.startswith("#")]
    return lines[0].split("\t"), [ln.split("\t") for ln in lines[1:]]


def main() -> int:
    errors: list[str] = []
    text = GAZ.read_text(encoding="utf-8")
    if not text.startswith("#") or "ODbL" not in text or "CC BY 4.0" not in text:
        errors.append("gazetteer header must start with # and state ODbL / CC BY 4.0 attributions")
    head, rows = read_tsv(GAZ)
    if head != COLUMNS:
        errors.append(f"gazetteer columns {head} != {COLUMNS}")
    ids = {}
    for r in rows:
        if len(r) != len(COLUMNS):
            errors.append(f"bad column count {len(r)}: {r[:2]}")
            continue
        if r[0] in ids:
            errors.append(f"duplicate id {r[0]}")
        ids[r[0]] = r
        if r[1] not in ("place", "organisation", "person", "other"):
            errors.append(f"bad kind {r[1]} for {r[0]}")
        if r[5] and not (r[5].startswith("Q") and r[5][1:].isdigit()):
            errors.append(f"bad wikidata {r[5]} for {r[0]}")
    for r in rows:
        if len(r) == len(COLUMNS) and r[7] and r[7] not in ids:
            errors.append(f"{r[0]}: country {r[7]} is not an id")
    index: dict[str, set[str]] = {}
    for r in rows:
        if len(r) != len(COLUMNS):
            continue
        for form in [r[3], r[4], *r[6].split("|")]:
            if form:
                index.setdefault(key(form), set()).add(r[0])
    for name, kind in REQUIRED.items():
        hits = index.get(key(name), set())
        if not any(ids[h][1] == kind for h in hits):
            errors.append(f"missing {kind}: {name!r} (found {sorted(hits)})")
    for a, b in SAME_ENTITY:
        if not index.get(key(a), set()) & index.get(key(b), set()):
            errors.append(f"{a!r} and {b!r} should share an entry")

    dhead, drows = read_tsv(DEM)
    if dhead != ["form", "lang", "country_id"]:
        errors.append(f"demonyms columns {dhead}")
    dem: dict[tuple[str, str], set[str]] = {}
    for d in drows:
        if len(d) != 3 or d[1] not in ("fr", "en") or d[2] not in ids:
            errors.append(f"bad demonym row {d}")
            continue
        dem.setdefault((d[0], d[1]), set()).add(d[2])
    for (form, lang), target in DEMONYMS.items():
        got = {ids[t][3] for t in dem.get((form, lang), set())}
        if got != {target}:
            errors.append(f"demonym {form!r} ({lang}) -> {sorted(got)}, expected {target!r}")

    seeds = REPO / "seeds"
    if seeds.is_dir():  # every seed-required name really occurs in the seeds (guards typos here)
        corpus = key(" ".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))))
        for name in list(REQUIRED)[:16]:
            if key(name) not in corpus:
                errors.append(f"seed-required name {name!r} not found in seeds/*.txt")

    from collections import Counter
    kinds = Counter((r[1], r[2]) for r in rows if len(r) == len(COLUMNS))
    print(f"gazetteer.tsv: {len(rows)} entries, {sum(1 for r in rows if r[5])} with a Wikidata id")
    for (k, s), n in sorted(kinds.items()):
        print(f"  {k:12} {s:15} {n:5}")
    print(f"demonyms.tsv: {len(drows)} forms ({sum(1 for d in drows if d[1] == 'fr')} fr, "
          f"{sum(1 for d in drows if d[1] == 'en')} en)")
    total_raw = total_gz = 0
    for p in (GAZ, DEM):
        raw = p.read_bytes()
        gz = len(gzip.compress(raw, compresslevel=9, mtime=0))
        total_raw += len(raw)
        total_gz += gz
        print(f"  {p.relative_to(REPO)}: {len(raw):7} B raw, {gz:6} B gzip -9")
    print(f"  total: {total_raw} B raw, {total_gz} B gzip -9 (budget ~40960 B gzip)")
    if total_gz > 48 * 1024:
        errors.append(f"gazetteer data over budget: {total_gz} B gzip")
    for e in errors:
        print("FAIL:", e, file=sys.stderr)
    print("gazetteer check:", "FAILED" if errors else "OK", f"({len(errors)} problems)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
