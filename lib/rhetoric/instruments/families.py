"""The marker families must be disjoint: no term, and no word occurrence, counts in two of them.

Families: the metadiscourse categories of ``data/metadiscourse.csv`` (``hedge``, ``booster``,
``attitude``, ``self_mention``, ``engagement``; matched together by :func:`rhetoric.instruments.hedging.markers`, with
its context rules) and the argument-marker categories of ``data/rhetorical_markers.csv`` (``contrast``,
``attribution``, ``pronoun_we``, ``pronoun_they``, ``proposal``, ``verdict``; matched together by
:func:`rhetoric.instruments.argument.marker_hits`, with its context vetoes). The modal list (``data/modals.csv``) is a
grammatical classification kept apart: only hedge rows may be bare modals.

Two checks:

* :func:`term_overlaps`: every pair of terms from different families where one equals the other or
  contains it as a run of words ("in our view" contains "our"). Equal terms are always a conflict. A
  containment inside one matcher is resolved by longest-match-first (the longer term takes the words); a
  containment across the two matchers must be resolved by a context rule or veto, which is tested by
  matching both on the containing term's own words. A non-hedge term that is a bare modal is a conflict.
* :func:`token_overlaps`: on real text, every token matched by two families.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from rhetoric.instruments.argument import marker_hits, rhetorical_markers
from rhetoric.instruments.hedging import lexicon, markers, modal_list
from rhetoric.io.corpus import load_corpus
from rhetoric.language.tokens import sentences, tokens


def family_terms() -> pd.DataFrame:
    """``term, family, matcher`` for every term of every family."""
    meta = lexicon()[["term", "category"]].assign(matcher="metadiscourse")
    args = rhetorical_markers()[["term", "category"]].assign(matcher="markers")
    return pd.concat([meta, args], ignore_index=True).rename(columns={"category": "family"})


def _words(term: str) -> tuple[str, ...]:
    return tuple(term.lower().replace("’", "'").split())


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    n = len(inner)
    return any(outer[i:i + n] == inner for i in range(len(outer) - n + 1))


def _hits_on(text: str) -> pd.DataFrame:
    """Both matchers on one short text: ``family, token_id, n_tokens``."""
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (d / "metadata.csv").write_text("id,file,stance,title\nx,x.txt,s,\n", encoding="utf-8")
        (d / "x.txt").write_text(text, encoding="utf-8")
        corpus = load_corpus(d)
        sents = sentences(corpus)
        toks = tokens(corpus, sents)
        return pd.concat([markers(toks, sents).rename(columns={"category": "family"}),
                          marker_hits(toks).rename(columns={"category": "family"})], ignore_index=True)


def term_overlaps() -> pd.DataFrame:
    """Term pairs shared or nested between families: ``term, family, other_term, other_family, kind,
    resolved_by`` (``resolved_by`` empty = an unresolved conflict)."""
    terms = family_terms()
    rows = []
    keyed = [(_words(t), t, f, m) for t, f, m in zip(terms["term"], terms["family"], terms["matcher"])]
    for wa, ta, fa, ma in keyed:
        for wb, tb, fb, mb in keyed:
            if fa == fb or not _contains(wa, wb) or (wa == wb and (ta, fa) > (tb, fb)):
                continue
            kind = "same term" if wa == wb else "contains"
            resolved = ""
            if kind == "contains" and ma == mb:
                resolved = "longest match (one matcher)"
            elif kind == "contains":
                hits = _hits_on(f"{ta.replace(' ' + chr(39), chr(39))}.")
                inner = hits[hits["family"] == fb]
                resolved = "" if len(inner) else "context rule or veto (checked on the term's own words)"
            rows.append({"term": ta, "family": fa, "other_term": tb, "other_family": fb, "kind": kind,
                         "resolved_by": resolved})
    modals = {_words(t) for t in modal_list()["term"]}
    for wa, ta, fa, _ in keyed:
        if fa != "hedge" and wa in modals:
            rows.append({"term": ta, "family": fa, "other_term": ta, "other_family": "modal", "kind": "bare modal",
                         "resolved_by": ""})
    return pd.DataFrame(rows, columns=["term", "family", "other_term", "other_family", "kind", "resolved_by"])


def token_overlaps(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """Tokens matched by two families: ``doc_id, token_id, families, matched`` (one row per token)."""
    hits = pd.concat([markers(toks, sents).rename(columns={"category": "family"}),
                      marker_hits(toks).rename(columns={"category": "family"})], ignore_index=True)
    taken: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for doc_id, tid, n, fam, matched in zip(hits["doc_id"], hits["token_id"], hits["n_tokens"], hits["family"],
                                            hits["matched"]):
        for k in range(int(n)):
            taken.setdefault((doc_id, int(tid) + k), []).append((fam, matched))
    rows = [{"doc_id": d, "token_id": t, "families": " + ".join(sorted({f for f, _ in v})),
             "matched": " | ".join(m for _, m in v)}
            for (d, t), v in taken.items() if len({f for f, _ in v}) > 1]
    return pd.DataFrame(rows, columns=["doc_id", "token_id", "families", "matched"])
