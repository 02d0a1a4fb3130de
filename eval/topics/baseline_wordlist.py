#!/usr/bin/env python3
"""Anchor baseline: a small hand-written word list (about ten words) per coarse section,
scored like Loupe (same JSON Lines output, then eval/topics/score.py).
Matching: lowercase, split on non-letters, count exact word hits; the section with most
hits wins; no hit -> no topic. No stemming, no weights, no training.

  python eval/topics/baseline_wordlist.py --lang en eval/out/topics/en/*.txt > /tmp/base_en.jsonl
"""
import argparse, json, os, re

WORDS = {
    'fr': {
        'medtop:11000000': 'gouvernement ministre président élection député parlement parti politique vote sénat',
        'medtop:04000000': 'économie entreprise marché croissance banque bourse euros milliards prix inflation',
        'medtop:15000000': 'match équipe joueur football championnat victoire but saison entraîneur coupe',
        'medtop:07000000': 'santé médecin hôpital patients maladie vaccin virus traitement soins cancer',
        'medtop:01000000': 'film cinéma musique album artiste festival concert exposition livre théâtre',
        'medtop:13000000': 'technologie internet smartphone logiciel scientifiques recherche données application numérique chercheurs',
    },
    'en': {
        'medtop:11000000': 'government minister president election mp parliament party political vote senate',
        'medtop:04000000': 'economy company market growth bank shares profits sales prices firm',
        'medtop:15000000': 'match team player football championship win game season coach cup',
        'medtop:07000000': 'health doctor hospital patients disease vaccine virus treatment care cancer',
        'medtop:01000000': 'film movie music album singer festival concert actor show band',
        'medtop:13000000': 'technology internet phone software scientists research data computer digital users',
    },
}
LABELS = {'medtop:11000000': 'politics', 'medtop:04000000': 'economy', 'medtop:15000000': 'sport',
          'medtop:07000000': 'health', 'medtop:01000000': 'arts', 'medtop:13000000': 'science'}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--lang', required=True, choices=['fr', 'en'])
    ap.add_argument('files', nargs='+')
    a = ap.parse_args()
    lists = {q: set(ws.split()) for q, ws in WORDS[a.lang].items()}
    for path in a.files:
        toks = re.findall(r"[^\W\d_]+", open(path, encoding='utf-8').read().lower())
        scores = {q: sum(t in ws for t in toks) for q, ws in lists.items()}
        topics = [{'id': q, 'label': LABELS[q], 'score': s} for q, s in sorted(scores.items(), key=lambda kv: -kv[1]) if s > 0]
        print(json.dumps({'source': os.path.basename(path), 'topics': topics}, ensure_ascii=False))


if __name__ == '__main__':
    main()
