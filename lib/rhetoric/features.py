"""The per-sentence feature table: one row per sentence, the spine every analysis adds columns to.

Base columns: ``doc_id, stance, paragraph_id, sentence_id, start, end, text, n_words`` with
``raw[start:end] == text``. Each analysis contributes columns through a function
``(sentences, tokens) -> DataFrame`` indexed like the sentence table, listed in :func:`column_builders`.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .corpus import Corpus
from .tokens import sentences_and_tokens

BASE_COLUMNS = ["doc_id", "stance", "paragraph_id", "sentence_id", "start", "end", "text", "n_words"]


def actor_columns(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """``actors``: the actor ids a sentence names, lower case, ';'-separated, empty when none."""
    from .actors import actor_mentions, sentence_actors

    return sentence_actors(sents, actor_mentions(toks)).to_frame()


def frame_columns(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """``frame_<name>``: indicator-term hits per frame."""
    from .frames import frame_counts, frame_hits

    return frame_counts(sents, frame_hits(toks))


def sentiment_columns(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """``vader_compound, vader_pos, vader_neu, vader_neg`` and ``pattern_polarity, pattern_subjectivity``."""
    from .sentiment import pattern_scores, vader_scores

    return pd.concat([vader_scores(sents["text"]), pattern_scores(sents["text"])], axis=1)


def hedging_columns(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """``hedges, boosters, attitude_markers, self_mentions, engagement_markers``, the modal counts by type
    and reading, and ``conditionals``."""
    from .hedging import feature_columns

    return feature_columns(sents, toks)


def column_builders() -> list[Callable[[pd.DataFrame, pd.DataFrame], pd.DataFrame]]:
    """The analyses that add columns, in column order."""
    return [actor_columns, frame_columns, sentiment_columns, hedging_columns]


def sentence_features(corpus: Corpus) -> pd.DataFrame:
    """The per-sentence feature table of a loaded corpus."""
    sents, toks = sentences_and_tokens(corpus)
    stance = dict(zip(corpus.documents["doc_id"], corpus.documents["stance"]))
    sents.insert(1, "stance", sents["doc_id"].map(stance))
    table = sents[BASE_COLUMNS]
    return pd.concat([table, *[build(table, toks) for build in column_builders()]], axis=1)
