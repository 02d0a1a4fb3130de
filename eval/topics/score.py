#!/usr/bin/env python3
"""Score topic predictions against eval/out/topics/<lang>/labels.jsonl.

Predictions: JSON Lines as printed by `loupe analyze` (one object per input file):
  {"source": "<file name or path>", "topics": [{"id": "medtop:...", "label": ..., "score": ...}, ...]}
Topics may be of any level; each is mapped to its top-level ancestor with the IPTC
tree in shared/data/iptc-mediatopic/mediatopic_fr_en.json. The prediction for an article
is the highest-scoring topic among the top-level topics the data set's classes map to
(topics outside them are ignored). An article with no such topic counts as wrong.

Reports accuracy and macro-F1 (over the data set's classes) and a confusion table.
"""
import argparse, collections, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TAXONOMY = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'data', 'iptc-mediatopic', 'mediatopic_fr_en.json'))


def load_parents(path):
    if not os.path.exists(path):
        for alt in ('/work/shared/data/iptc-mediatopic/mediatopic_fr_en.json',):
            if os.path.exists(alt):
                path = alt
    concepts = json.load(open(path, encoding='utf-8'))['concepts']
    return {c['qcode']: c['parent'] for c in concepts}


def top_level(q, parents):
    seen = 0
    while parents.get(q) and seen < 10:
        q = parents[q]; seen += 1
    return q


def doc_id(source):
    base = os.path.basename(source)
    return base[:-4] if base.endswith('.txt') else base


def score(labels, preds, parents):
    classes = sorted({l['iptc_top'] for l in labels})
    pairs = []
    for l in labels:
        best = None
        for t in preds.get(l['id'], []):
            top = top_level(t['id'], parents)
            if top in classes and (best is None or t.get('score', 0) > best[1]):
                best = (top, t.get('score', 0))
        pairs.append((l['iptc_top'], best[0] if best else None))
    acc = sum(g == p for g, p in pairs) / len(pairs)
    f1s = {}
    for c in classes:
        tp = sum(g == c and p == c for g, p in pairs)
        fp = sum(g != c and p == c for g, p in pairs)
        fn = sum(g == c and p != c for g, p in pairs)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1s[c] = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return acc, sum(f1s.values()) / len(f1s), f1s, pairs, classes


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--labels', required=True, help='eval/out/topics/<lang>/labels.jsonl')
    ap.add_argument('--pred', required=True, help='JSON Lines from loupe analyze (or a baseline)')
    ap.add_argument('--taxonomy', default=DEFAULT_TAXONOMY)
    ap.add_argument('--name', default='')
    ap.add_argument('--confusion', action='store_true')
    a = ap.parse_args()
    parents = load_parents(a.taxonomy)
    labels = [json.loads(x) for x in open(a.labels, encoding='utf-8') if x.strip()]
    preds = {}
    for x in open(a.pred, encoding='utf-8'):
        if x.strip():
            o = json.loads(x)
            preds[doc_id(o['source'])] = o.get('topics') or []
    missing = sum(1 for l in labels if l['id'] not in preds)
    acc, mf1, f1s, pairs, classes = score(labels, preds, parents)
    none = sum(p is None for _, p in pairs)
    print('%-24s n=%d accuracy=%.3f macro-F1=%.3f no-topic=%d missing=%d' % (a.name or os.path.basename(a.pred), len(labels), acc, mf1, none, missing))
    if a.confusion:
        print('  per-class F1: ' + ', '.join('%s=%.2f' % (c.split(':')[1], f1s[c]) for c in classes))
        cm = collections.Counter(pairs)
        print('  gold \\ pred   ' + ' '.join('%9s' % c.split(':')[1][:4] for c in classes) + '      none')
        for g in classes:
            print('  %-13s ' % g.split(':')[1] + ' '.join('%9d' % cm[(g, p)] for p in classes) + '%10d' % cm[(g, None)])


if __name__ == '__main__':
    main()
