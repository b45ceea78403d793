"""Article-level frame presence, calibrated on people's codes: a score and a present/absent decision per frame.

What a framing study reports is which articles carry a frame and how often, not whether single hits are right
(a dictionary whose hits are mostly right can still mark most articles: one "$" suffices). So each frame whose
family has human-coded development articles gets a small frozen model (``data/frame_presence.csv``), chosen
on those articles by cross-validation (``rhetoric_dev.frame_presence``; the Policy Frames on the SemEval-2023
half, the generic frames on the Narrative Frames half, grouped by outlet):

* the **score** is the probability that human annotators mark the frame, from a logistic model over one feature of the
  dictionary, ``x = log(1 + hits per 1,000 words)``: ``score = 1 / (1 + exp(-(intercept + slope * x)))``;
* the decision is **present** when the article's hits per 1,000 words reach the frame's ``threshold`` (the
  rate at which the share of development articles marked present comes closest to the share the coders
  marked: the decision reproduces the coders' prevalence rather than maximising hits).

Both are functions of two per-article sums (the frame's hits and the words), so they are registered measures
(:mod:`rhetoric.instruments.registry`: ``frame_<name>_score``, ``frame_<name>_present``,
``generic_<name>_score``, ``generic_<name>_present``) that reach the per-article table, the group comparison
and the bootstrap like any other. Frames without human-coded articles (the international-relations frames)
have no model: their presence is not calibrated and is not offered. Whether each frame passed on human-coded
data is :func:`rhetoric.analysis.frame_presence.passed`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rhetoric.io.wordlists import data_cache, read_table

#: The committed models.
MODELS = "frame_presence.csv"
FEATURE = "log(1 + hits per 1,000 words)"
COLUMNS = ["family", "frame", "column", "feature", "intercept", "slope", "threshold", "threshold_score",
           "n_articles", "n_positive", "coders_prevalence", "data", "chosen_by", "dictionary"]


@dataclass(frozen=True)
class PresenceModel:
    """One frame's frozen model: ``score = logistic(intercept + slope * log1p(rate))``; present when
    ``rate >= threshold`` (``rate``: hits per 1,000 words)."""

    family: str
    frame: str
    column: str
    intercept: float
    slope: float
    threshold: float

    def rate(self, hits, words) -> np.ndarray:
        hits, words = np.asarray(hits, dtype=float), np.asarray(words, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(words > 0, 1000 * hits / np.where(words > 0, words, 1), np.nan)

    def score(self, hits, words) -> np.ndarray:
        """The calibrated probability that human annotators mark the frame (NaN without words)."""
        z = self.intercept + self.slope * np.log1p(self.rate(hits, words))
        return 1 / (1 + np.exp(-z))

    def present(self, hits, words) -> np.ndarray:
        """1.0 where the frame is present, 0.0 where absent, NaN without words."""
        r = self.rate(hits, words)
        return np.where(np.isnan(r), np.nan, (r >= self.threshold).astype(float))


@data_cache
def table() -> pd.DataFrame:
    """The committed models (``data/frame_presence.csv``), one row per calibrated frame; numbers as numbers."""
    raw = read_table(MODELS)
    out = raw.copy()
    for c in ("intercept", "slope", "threshold", "threshold_score", "coders_prevalence"):
        out[c] = raw[c].astype(float)
    for c in ("n_articles", "n_positive"):
        out[c] = raw[c].astype(int)
    return out


@data_cache
def models() -> dict[str, PresenceModel]:
    """Feature-table column (``frame_security``, ``generic_conflict``) -> its model."""
    return {r.column: PresenceModel(r.family, r.frame, r.column, float(r.intercept), float(r.slope),
                                    float(r.threshold)) for r in table().itertuples(index=False)}


def model(column: str) -> PresenceModel | None:
    """The model of a feature-table column, or ``None`` (no human-coded calibration)."""
    return models().get(column)


def rule_text(row) -> str:
    """A frozen model's decision rule in words (``row``: a row of :func:`table`)."""
    return (f"present when hits per 1,000 words >= {row.threshold:.3g} (score >= {row.threshold_score:.2f}); "
            f"score = logistic({row.intercept:.2f} + {row.slope:.2f} x log(1 + hits per 1,000 words))")
