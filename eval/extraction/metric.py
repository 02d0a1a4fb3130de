"""Article-body extraction metric, after the scrapinghub article-extraction benchmark.

* Text -> tokens: every `\\w+` run (Unicode-aware), lowercased.
* Tokens -> 4-gram shingles with multiplicity (a text of fewer than 4 tokens is one
  shorter shingle; an empty text has none).
* Per page: tp = sum of min(true count, predicted count) over shingles, fp = the predicted
  surplus, fn = the missing ones; precision = tp / (tp + fp), recall = tp / (tp + fn)
  (both 1 when the two texts have the same shingles, including both empty).
* Over pages: precision averaged over the pages with a non-empty prediction, recall over
  the pages with a non-empty truth (as the benchmark does), F1 = harmonic mean of the two
  averages. Because an empty prediction drops out of the precision average, the number of
  empty predictions is reported beside the figures.

Also: `html_to_text` (tag stripping with block-level breaks, used for the ground truth
expected.html and for any system that returns HTML) and the metadata comparison.
"""
import re
import sys
import unicodedata
from collections import Counter

TOKEN_RE = re.compile(r"\w+", re.UNICODE)
N = 4


def tokens(text):
    return TOKEN_RE.findall((text or "").lower())


def shingles(text, n=N):
    t = tokens(text)
    if not t:
        return Counter()
    if len(t) < n:
        return Counter([tuple(t)])
    return Counter(tuple(t[i:i + n]) for i in range(len(t) - n + 1))


def page_counts(true_text, pred_text, n=N):
    """(tp, fp, fn) shingle counts for one page."""
    ts, ps = shingles(true_text, n), shingles(pred_text, n)
    tp = sum((ts & ps).values())
    fp = sum(ps.values()) - tp
    fn = sum(ts.values()) - tp
    return tp, fp, fn


def page_pr(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    p = tp / (tp + fp) if tp + fp else None  # None: empty prediction
    r = tp / (tp + fn) if tp + fn else None  # None: empty truth
    return p, r


def aggregate(counts):
    """counts: list of (tp, fp, fn). Returns dict with precision, recall, f1 and counts."""
    ps, rs, n_empty_pred = [], [], 0
    for tp, fp, fn in counts:
        p, r = page_pr(tp, fp, fn)
        if p is None:
            n_empty_pred += 1
        else:
            ps.append(p)
        if r is not None:
            rs.append(r)
    P = sum(ps) / len(ps) if ps else 0.0
    R = sum(rs) / len(rs) if rs else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    # Mean of per-page F1 too (an empty prediction counts 0 here), a stricter summary.
    f1s = []
    for tp, fp, fn in counts:
        p, r = page_pr(tp, fp, fn)
        p, r = p or 0.0, r or 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return {"precision": P, "recall": R, "f1": F, "mean_page_f1": sum(f1s) / max(len(f1s), 1),
            "pages": len(counts), "empty_predictions": n_empty_pred}


# ---------------------------------------------------------------- HTML -> text
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br",
    "img", "iframe", "video", "audio", "picture", "option", "title",
}
NEVER_TEXT = {"script", "style", "noscript", "template", "svg", "math", "head", "object", "embed"}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def html_to_text(html, visible_only=False):
    """Text content of an HTML document or fragment, with a line break at block elements
    (so that words of adjacent paragraphs never glue together). visible_only also drops
    elements marked hidden (hidden attribute, inline display:none / visibility:hidden)."""
    import lxml.html
    from lxml import etree
    if not html or not html.strip():
        return ""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    out = []
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 20000))

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is not None:
            tag = tag.lower()
            skip = tag in NEVER_TEXT
            if visible_only and not skip:
                if el.get("hidden") is not None or HIDDEN_STYLE.search(el.get("style") or ""):
                    skip = True
            if not skip:
                block = tag in BLOCK_TAGS
                if block:
                    out.append("\n")
                if el.text:
                    out.append(el.text)
                for c in el:
                    walk(c)
                if block:
                    out.append("\n")
        if el.tail:
            out.append(el.tail)

    try:
        walk(root)
    finally:
        sys.setrecursionlimit(old)
    text = "".join(out).replace("\xa0", " ")
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n[\n ]*", "\n", text)
    return text.strip()


# ---------------------------------------------------------------- metadata
def norm_ws(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip()


_DATE_TIME_SPACE = re.compile(r"^(\d{4}-\d{2}-\d{2}) (?=\d)")
# A byline's leading "By", "Par", "Written by" (a page's wording, not a name): Readability keeps
# it as the page writes it, other systems (Loupe, trafilatura) give the names alone.
_BYLINE_PREFIX = re.compile(r"^(?:written by|écrit par|by|par)\s*:?\s+(?=\S)", re.IGNORECASE)


def strip_byline_prefix(s):
    return _BYLINE_PREFIX.sub("", s)


def meta_match(expected, predicted, is_date=False, is_byline=False):
    """(exact, lenient) for one field; None when there is nothing expected.
    exact: equal after whitespace normalisation. lenient: case-folded, one contains the other
    (so "2015-05-05" matches "2015-05-05T19:26:00Z" and "By Jane Doe" matches "Jane Doe");
    for dates, the space some pages put between date and time counts as ISO 8601's "T"
    (so "2017-11-03 03:01:00" matches "2017-11-03T03:01:00"); for bylines, a leading
    "By"/"Par"/"Written by" is left out of both sides (so "By Jane Doe" equals "Jane Doe")."""
    e, p = norm_ws(expected), norm_ws(predicted)
    if not e:
        return None
    if is_byline:
        e, p = strip_byline_prefix(e), strip_byline_prefix(p)
    exact = e == p
    if is_date:
        e, p = _DATE_TIME_SPACE.sub(r"\1T", e), _DATE_TIME_SPACE.sub(r"\1T", p)
    ef, pf = e.casefold(), p.casefold()
    lenient = bool(pf) and (ef in pf or pf in ef)
    return exact, lenient
