"""The per-sentence feature table: one row per sentence, every registered measure's column beside it.

Base columns: ``doc_id, stance, paragraph_id, sentence_id, start, end, text, n_words`` with
``raw[start:end] == text``. The other columns come from the column builders of :mod:`rhetoric.instruments.registry`,
in the order it lists them; a builder registered there reaches this table, the per-article table
(:func:`rhetoric.analysis.aggregate.per_article`) and every notebook without any other change.
"""
from __future__ import annotations

import pandas as pd

from rhetoric.externals.switch import enabled
from rhetoric.instruments.registry import BASE_COLUMNS, builders
from rhetoric.io.corpus import Corpus
from rhetoric.language.matching import one_pass
from rhetoric.language.tokens import SENTENCE_COLUMNS, TOKEN_COLUMNS, feature_tables, sentences_and_tokens

__all__ = ["BASE_COLUMNS", "sentence_features", "feature_columns"]


def sentence_features(corpus: Corpus) -> pd.DataFrame:
    """The per-sentence feature table of a loaded corpus.

    Unless the fast paths are off (:mod:`rhetoric.externals`), the tables come from
    :func:`~rhetoric.language.tokens.feature_tables` and every word list the builders match is matched in one pass
    (:func:`~rhetoric.language.matching.one_pass`); the table is the same, byte for byte, either way.
    """
    fast = enabled()
    sents, toks = feature_tables(corpus) if fast else sentences_and_tokens(corpus)
    stance = dict(zip(corpus.documents["doc_id"], corpus.documents["stance"]))
    sents.insert(1, "stance", sents["doc_id"].map(stance))
    table = sents[BASE_COLUMNS]
    with one_pass(toks):
        columns = [b.compute(table, toks) for b in builders()]
    return pd.concat([table, *columns], axis=1)


def feature_columns() -> list[str]:
    """Every column of the feature table, in order (what an empty corpus's table would hold)."""
    sents = pd.DataFrame({c: pd.Series(dtype="int64" if c in ("paragraph_id", "sentence_id", "start", "end",
                                                               "n_words") else object)
                          for c in [*SENTENCE_COLUMNS, "stance"]})[BASE_COLUMNS]
    toks = pd.DataFrame({c: pd.Series(dtype="int64" if c in ("paragraph_id", "sentence_id", "token_id", "start",
                                                               "end") else bool if c == "is_word" else object)
                         for c in TOKEN_COLUMNS})
    return [*BASE_COLUMNS, *[c for b in builders() for c in b.compute(sents, toks).columns]]
