"""Argument markers: contrast, attribution and evidentials, pronouns, proposal and verdict language, questions.

The markers are data (``data/rhetorical_markers.csv``: term, category, reason, and optional ``not_before`` /
``not_after`` vetoes), matched like every word list (:func:`rhetoric.language.matching.match_terms`). They were
developed on the benchmark's development half and audited there (``instrument_changes.csv``). The marker
families are disjoint from each other and from the metadiscourse families (see :mod:`rhetoric.instruments.families`):
proposal language holds no bare modals, verdict language no boosters, and first person plural is
``pronoun_we`` while self-mentions are singular. A question is a sentence whose last character, after closing
quotes and brackets, is a question mark.
"""
from __future__ import annotations

import pandas as pd

from rhetoric.instruments import uncertainty
from rhetoric.io.wordlists import data_cache, read_table
from rhetoric.language.constraints import apply_vetoes
from rhetoric.language.matching import counts_by_sentence, match_terms

MARKER_CATEGORIES = ["contrast", "attribution", "proposal", "verdict", "pronoun_we", "pronoun_they"]


@data_cache
def rhetorical_markers() -> pd.DataFrame:
    """``term, category, reason`` for contrast, attribution, pronoun, proposal and verdict markers."""
    return read_table("rhetorical_markers.csv")


def marker_hits(toks: pd.DataFrame) -> pd.DataFrame:
    """Every argument-marker hit (context vetoes applied, :mod:`rhetoric.language.constraints`), with its ``category``.

    A word the hedge detector reads as an uncertainty cue counts as a hedge only: a marker hit covering such a
    token is dropped ("we propose that ..." is a hedge, not also proposal language), so no word occurrence
    counts in two families."""
    table = rhetorical_markers()
    hits = apply_vetoes(match_terms(toks, list(table["term"])), toks, table)
    hits = hits.merge(table[["term", "category"]], on="term", how="left")
    cues = uncertainty.cue_hits(toks)
    if hits.empty or cues.empty:
        return hits
    hedged = set(zip(cues["doc_id"].tolist(), cues["token_id"].tolist()))
    keep = [not any((d, t + k) in hedged for k in range(n))
            for d, t, n in zip(hits["doc_id"].tolist(), hits["token_id"].tolist(), hits["n_tokens"].tolist())]
    return hits[keep].reset_index(drop=True)


def is_question(texts: pd.Series) -> pd.Series:
    """1 where a sentence ends in a question mark (closing quotes and brackets ignored), else 0."""
    return texts.str.rstrip("”\"’' )").str.endswith("?").astype("int64")


def argument_columns(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """Feature-table columns: hits per argument-marker category, and ``questions`` (0/1)."""
    table = counts_by_sentence(sents, marker_hits(toks), "category", MARKER_CATEGORIES)
    table["questions"] = is_question(sents["text"])
    return table
