"""Sentiment and statistics on hand-checked cases."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rhetoric.analysis import agreement, stats
from rhetoric.instruments import sentiment


def test_vader_reads_text_as_written_but_sees_curly_negation():
    texts = pd.Series(["I don’t like it", "I don't like it", "GREAT!!!", "great"])
    v = sentiment.vader_scores(texts)["vader_compound"]
    assert v[0] == v[1] < 0          # curly apostrophe: negation still applies
    assert v[2] > v[3] > 0           # capitals and exclamation marks amplify: nothing stripped


def test_explain_recomposes_the_compound(seeds):
    from rhetoric.language.tokens import sentences

    for text in sentences(seeds)["text"]:
        table = sentiment.explain(text)
        assert sentiment.compound_from(table) == pytest.approx(sentiment.vader().polarity_scores(
            sentiment.as_vader_reads(text))["compound"])
    t = sentiment.explain("The plan is not good, but the talks were very successful.")
    rules = dict(zip(t["word"], t["rules"]))
    assert "negation" in rules["good"] and "but" in rules["good"]
    assert "booster" in rules["successful"]


def test_compound_without_words():
    text = "The United States wants peace."
    assert sentiment.compound_without(text, {"united", "peace"}) == 0
    assert sentiment.compound_without(text, set()) == sentiment.vader().polarity_scores(text)["compound"]


def test_bootstrap_and_permutation_hand_checked():
    est, lo, hi = stats.bootstrap_ratio_ci(np.array([1.0, 1.0, 1.0]), seed=1)
    assert (est, lo, hi) == (1.0, 1.0, 1.0)   # no spread, no interval
    est, lo, hi = stats.bootstrap_ratio_ci(np.array([2, 0, 1]), np.array([10, 10, 10]), scale=1000, seed=1)
    assert est == pytest.approx(100.0) and lo < est < hi
    diff, p = stats.permutation_test(np.array([1.0, 1, 1, 1, 1]), np.array([0.0, 0, 0, 0, 0]), seed=3, n=2000)
    assert diff == 1.0 and p < 0.02          # 1 of C(10,5)=252 splits as extreme on each side
    diff, p = stats.permutation_test(np.array([0.0, 1]), np.array([0.0, 1]), seed=3, n=500)
    assert diff == 0 and p == 1.0


def test_effect_sizes_hand_computed():
    a, b = np.array([1.0, 2, 3]), np.array([2.0, 3, 4])
    assert stats.cohens_d(a, b) == pytest.approx(-1.0)       # means differ by 1, pooled sd 1
    assert stats.cliffs_delta(a, b) == pytest.approx((1 - 6) / 9)  # 1 pair a>b, 6 pairs a<b of 9


def test_categorical_agreement_hand_computed():
    r = agreement.categorical_agreement(pd.Series(["p", "p", "n", "n"]), pd.Series(["p", "n", "n", "n"]))
    assert r["accuracy"] == 0.75
    # pe = (2/4)(1/4) + (2/4)(3/4) = 0.5 -> kappa = (0.75 - 0.5) / 0.5
    assert r["kappa"] == pytest.approx(0.5)


def test_feature_table_sentiment_columns(seeds):
    from rhetoric.instruments.features import sentence_features

    table = sentence_features(seeds)
    first = table.iloc[0]
    assert first["vader_compound"] == sentiment.vader().polarity_scores(
        sentiment.as_vader_reads(first["text"]))["compound"]
    assert {"vader_pos", "vader_neu", "vader_neg", "pattern_polarity", "pattern_subjectivity"} <= set(table)


@pytest.mark.parametrize("text", ["It is not a good day, but the deal is great!", "NO progress. Really bad.", "",
                                  "The war on terror killed hope; peace talks failed :("])
def test_explanations_without_a_table_are_the_table(text):
    rows, sentiments, read = sentiment.explain_rows(text)
    table = sentiment.explain(text)
    assert table.to_dict("records") == rows
    assert table.attrs["sentiments"] == sentiments and table.attrs["text"] == read
    assert sentiment.compound_from(table) == sentiment.vader().polarity_scores(read)["compound"]
