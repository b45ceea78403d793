"""Boilerplate found from the corpus: lines that recur across many articles of one outlet, or of the corpus.

Outlets add the same lines to many articles: a syndication footer ("Content created by The Daily Caller News
Foundation is available without charge..."), a subscription prompt, a standard disclaimer. They are not the
article's argument, yet they count in every measure and make their words "key" for the outlet's group. The
project's cleaning patterns (``data/cleaning_patterns.csv``) catch only lines someone wrote a pattern for; this
pass finds the others from the corpus itself:

* each article's lines are normalised (:func:`rhetoric.language.cleaning.normalise_line`: case, digits,
  whitespace, dashes and quotes) and counted once per article, per **outlet** (the ``outlet`` column, or another
  named one) and over the whole **corpus**;
* a line is boilerplate when, in one outlet or in the corpus, it occurs in at least :data:`MIN_ARTICLES`
  articles **and** at least :data:`MIN_SHARE` of that outlet's (or the corpus's) articles. Five articles keeps a
  sentence two or three articles happen to quote alike from being taken for a footer; a fifth of an outlet's
  articles keeps a common line of a large outlet (a quotation everyone repeated that week) from counting, while an
  outlet's footer, which stands under most of its articles, passes easily (the Daily Caller footer of the
  Narrative Frames development corpus stands under most of that outlet's articles there);
* near-duplicate articles (:mod:`rhetoric.language.duplicates`) count once, so five copies of one story do not
  make all of its lines boilerplate;
* a line with fewer than :data:`MIN_CHARACTERS` letters or digits is not counted (a lone "*" or "--" separator is
  not worth an audit row, and is no word anyway).

The pass reads every article once and keeps one count per distinct line and scope, so it also runs over a
stream (:func:`count_lines` takes any iterable of ``(doc_id, outlet, text)``): a streamed feature table can
make it a first pass. Its result is put in force for cleaning with
:func:`rhetoric.language.cleaning.use_boilerplate`; raw text and offsets are unchanged, each removal is an
audit row of kind ``boilerplate``.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import pandas as pd

from rhetoric.io.corpus import Corpus
from rhetoric.language.cleaning import line_spans, normalise_line
from rhetoric.language.duplicates import duplicate_ids
from rhetoric.language.duplicates import duplicates as find_duplicates

#: A line is boilerplate when it occurs in at least this many articles of one outlet (or of the corpus) ...
MIN_ARTICLES = 5
#: ... and in at least this share of that outlet's (or the corpus's) articles.
MIN_SHARE = 0.2
#: Lines with fewer letters or digits than this are not counted.
MIN_CHARACTERS = 3
LINE_COLUMNS = ["line", "example", "by", "scope", "articles", "scope_articles", "share"]


def _lines(text: str) -> dict[str, str]:
    """The article's distinct normalised lines -> the first raw form (stripped)."""
    out: dict[str, str] = {}
    for _, start, end in line_spans(text.removeprefix("\ufeff")):
        raw = text.removeprefix("\ufeff")[start:end].strip()
        key = normalise_line(raw)
        if sum(ch.isalnum() for ch in key) >= MIN_CHARACTERS:
            out.setdefault(key, raw)
    return out


def count_lines(articles: Iterable[tuple[str, str, str]], by: str = "outlet", min_articles: int = MIN_ARTICLES,
                min_share: float = MIN_SHARE, skip: set[str] | None = None) -> pd.DataFrame:
    """Recurring lines of ``articles`` (``doc_id, outlet, text`` triples, any iterable: read once) as a table of
    :data:`LINE_COLUMNS`: one row per line and scope in which it passes both thresholds (``by`` is the outlet
    column's name, or ``corpus`` for the whole corpus with ``scope`` empty). Articles whose id is in ``skip``
    (near-duplicates set aside) are not counted. Rows sorted by scope, then most articles first, then line."""
    per_scope: dict[str, Counter] = defaultdict(Counter)
    sizes: Counter = Counter()
    example: dict[str, str] = {}
    for doc_id, outlet, text in articles:
        if skip and doc_id in skip:
            continue
        lines = _lines(text)
        scopes = [("corpus", "")] + ([(by, outlet)] if outlet else [])
        for scope in scopes:
            sizes[scope] += 1
            per_scope[scope].update(lines.keys())
        for key, raw in lines.items():
            example.setdefault(key, raw)
    rows = []
    for scope, counts in per_scope.items():
        total = sizes[scope]
        for line, k in counts.items():
            if k >= min_articles and k >= min_share * total:
                rows.append({"line": line, "example": example[line], "by": scope[0], "scope": scope[1],
                             "articles": k, "scope_articles": total, "share": k / total})
    table = pd.DataFrame(rows, columns=LINE_COLUMNS)
    order = table.assign(_corpus=table["by"] != "corpus").sort_values(
        ["_corpus", "scope", "articles", "line"], ascending=[True, True, False, True], kind="mergesort")
    return order.drop(columns="_corpus").reset_index(drop=True)


def recurring_lines(corpus: Corpus, by: str = "outlet", min_articles: int = MIN_ARTICLES,
                    min_share: float = MIN_SHARE, duplicates: pd.DataFrame | None = None) -> pd.DataFrame:
    """The corpus's recurring lines (:func:`count_lines`), per value of the ``by`` column (default ``outlet``;
    articles without one, and corpora without the column, count for the corpus only) and over the corpus, near-
    duplicates counted once (``duplicates``: a :func:`rhetoric.language.duplicates.duplicates` table; found here
    when not given). Put them in force with :func:`rhetoric.language.cleaning.use_boilerplate`."""

    skip = duplicate_ids(find_duplicates(corpus) if duplicates is None else duplicates)
    docs = corpus.documents
    outlets = docs[by].fillna("").astype(str).str.strip() if by in docs.columns else pd.Series("", index=docs.index)
    triples = ((d, o, corpus.raw[d]) for d, o in zip(docs["doc_id"], outlets))
    return count_lines(triples, by=by, min_articles=min_articles, min_share=min_share, skip=skip)
