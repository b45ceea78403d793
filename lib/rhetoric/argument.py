"""Argument markers: contrast, attribution and evidentials, pronouns, proposal and verdict language, questions.

The markers are data (``data/rhetorical_markers.csv``: term, category, reason), matched like every word
list (:func:`rhetoric.matching.match_terms`). A question is a sentence whose last character, after closing
quotes and brackets, is a question mark.
"""
from __future__ import annotations

import pandas as pd

from .lexicon import data_cache, read_table
from .matching import counts_by_sentence, match_terms

MARKER_CATEGORIES = ["contrast", "attribution", "proposal", "verdict", "pronoun_we", "pronoun_they"]


@data_cache
def rhetorical_markers() -> pd.DataFrame:
    """``term, category, reason`` for contrast, attribution, pronoun, proposal and verdict markers."""
    return read_table("rhetorical_markers.csv")


def marker_hits(toks: pd.DataFrame) -> pd.DataFrame:
    """Every argument-marker hit (``match_terms`` columns plus ``category``)."""
    table = rhetorical_markers()
    hits = match_terms(toks, list(table["term"]))
    return hits.merge(table[["term", "category"]], on="term", how="left")


def is_question(texts: pd.Series) -> pd.Series:
    """1 where a sentence ends in a question mark (closing quotes and brackets ignored), else 0."""
    return texts.str.rstrip("”\"’' )").str.endswith("?").astype("int64")


def argument_columns(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """Feature-table columns: hits per argument-marker category, and ``questions`` (0/1)."""
    table = counts_by_sentence(sents, marker_hits(toks), "category", MARKER_CATEGORIES)
    table["questions"] = is_question(sents["text"])
    return table
