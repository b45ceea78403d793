"""Tone toward actors, per document: the target-tone instrument's tone toward each mention, averaged per actor.

* :func:`target_tone` (use this): per document and actor, the mean tone (-1, 0, 1) of the instrument
  :mod:`rhetoric.instruments.target_tone` toward the actor's mentions, with a bootstrap 95% interval that resamples
  the sentences naming the actor (a sentence's mentions of one actor stay together), the shares of negative,
  neutral and positive mentions and the mean probability margin P(positive) - P(negative).
* :func:`mention_tone`: the instrument's tone toward every mention (what :func:`target_tone` averages).
* :func:`validity` and :func:`validity_note`: the instrument's agreement with human coders, cross-validated on
  NewsMTSC (per class, with intervals over articles), to show beside every result.
* :func:`actor_tone` is the old rule, kept for comparison: the mean VADER compound of the sentences that name each
  actor, the tone of the sentence rather than toward the actor (macro-F1 about 0.52 against the same coders).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from rhetoric.analysis.stats import bootstrap_ratio_ci
from rhetoric.instruments import target_tone as instrument

#: The columns of :func:`target_tone`.
TONE_COLUMNS = ["doc_id", "actor", "sentences", "mentions", "mean_tone", "ci_low", "ci_high", "negative", "neutral",
                "positive", "mean_score"]


def actor_tone(scored: pd.DataFrame, mentions: pd.DataFrame, *, seed: int, min_sentences: int = 3,
               n: int = 10_000) -> pd.DataFrame:
    """The old rule: mean VADER compound of the sentences naming each actor, per document, with a bootstrap 95% CI.

    ``scored`` is the sentence table with ``vader_compound``. Actors named in fewer than ``min_sentences``
    sentences of a document get the mean but no interval. This is the tone of the sentence, not toward the actor
    (:func:`target_tone` is); kept so that the two can be compared.
    """
    named = mentions[["doc_id", "sentence_id", "actor"]].drop_duplicates()
    table = named.merge(scored[["doc_id", "sentence_id", "vader_compound"]], on=["doc_id", "sentence_id"])
    rows = []
    for k, ((doc_id, actor), g) in enumerate(table.groupby(["doc_id", "actor"], sort=True)):
        values = g["vader_compound"].to_numpy()
        est, lo, hi = bootstrap_ratio_ci(values, seed=seed + k, n=n)
        if len(values) < min_sentences:
            lo = hi = float("nan")
        rows.append({"doc_id": doc_id, "actor": actor, "sentences": len(values), "mean_compound": est,
                     "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows)


def mention_tone(toks: pd.DataFrame, mentions: pd.DataFrame, kinds: tuple[str, ...] | None = ("name",)) -> pd.DataFrame:
    """Every mention of ``mentions`` (:func:`rhetoric.instruments.actors.actor_mentions` of the token table ``toks``,
    e.g. the run's shared tables) with the instrument's ``tone`` (-1, 0, 1), ``score`` (P(positive) -
    P(negative)) and the three probabilities. ``kinds``: the mention kinds scored (default: names; an adjective
    such as "Chinese" modifies another word, the target of its sentence's tone; ``None``: every mention)."""
    chosen = mentions if kinds is None else mentions[mentions["kind"].isin(kinds)]
    return instrument.score_mentions(toks, chosen)


def target_tone(toned: pd.DataFrame, *, seed: int, min_sentences: int = 3, n: int = 10_000) -> pd.DataFrame:
    """Per document and actor: the mean target tone of its mentions (``mean_tone``, in [-1, 1]), a bootstrap 95%
    interval over the sentences that name it (``ci_low``, ``ci_high``; none where fewer than ``min_sentences``
    sentences name it), how many ``sentences`` and ``mentions``, the shares of ``negative``, ``neutral`` and
    ``positive`` mentions and the mean probability margin (``mean_score``). ``toned`` is :func:`mention_tone`'s
    table. Rows sorted by document and actor; the same seed gives the same intervals."""
    if toned.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("doc_id", "actor") else "float64")
                             for c in TONE_COLUMNS})
    rows = []
    groups = toned.groupby(["doc_id", "actor"], sort=True)
    for k, ((doc_id, actor), g) in enumerate(groups):
        per_sentence = g.groupby("sentence_id", sort=True)["tone"].agg(["sum", "size"])
        est, lo, hi = bootstrap_ratio_ci(per_sentence["sum"].to_numpy(), per_sentence["size"].to_numpy(),
                                         seed=seed + k, n=n)
        if len(per_sentence) < min_sentences:
            lo = hi = float("nan")
        tone = g["tone"].to_numpy()
        rows.append({"doc_id": doc_id, "actor": actor, "sentences": len(per_sentence), "mentions": len(g),
                     "mean_tone": est, "ci_low": lo, "ci_high": hi, "negative": float(np.mean(tone == -1)),
                     "neutral": float(np.mean(tone == 0)), "positive": float(np.mean(tone == 1)),
                     "mean_score": float(g["score"].mean())})
    return pd.DataFrame(rows, columns=TONE_COLUMNS).astype({"sentences": "int64", "mentions": "int64"})


def validity(subset: str = "all") -> pd.DataFrame:
    """The target-tone instrument's agreement with human coders beside the old rule, per class and macro:
    cross-validated on NewsMTSC's training split (grouped by article), precision, recall and F1 with bootstrap
    95% intervals over articles (``data/target_tone_cv.csv``). ``subset``: ``"all"`` targets, or ``"mixed"``:
    those of sentences whose coders gave their targets different tones."""
    table = instrument.validity()
    return table[table["subset"] == subset].reset_index(drop=True)


def validity_note() -> str:
    """The instrument's validity in one line, for a caption or beside a table (macro-F1 and per-class F1)."""
    return instrument.validity_note()
