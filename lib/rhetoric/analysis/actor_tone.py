"""Tone toward actors: the mean VADER compound of the sentences that name each actor, per document."""
from __future__ import annotations

import pandas as pd

from rhetoric.analysis.stats import bootstrap_ratio_ci


def actor_tone(scored: pd.DataFrame, mentions: pd.DataFrame, *, seed: int, min_sentences: int = 3,
               n: int = 10_000) -> pd.DataFrame:
    """Mean VADER compound of the sentences naming each actor, per document, with a bootstrap 95% CI.

    ``scored`` is the sentence table with ``vader_compound``. Actors named in fewer than
    ``min_sentences`` sentences of a document get the mean but no interval.
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
