"""The measure registry: one declaration reaches the feature table, the per-article table and the profile."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rhetoric.analysis.aggregate import article_intervals, per_article
from rhetoric.cli import main
from rhetoric.instruments import registry
from rhetoric.instruments.features import feature_columns, sentence_features
from rhetoric.io.corpus import load_corpus

from conftest import TWO_DOCS


def exclamations(sents: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """A measure a contributor might add: exclamation marks per sentence."""
    return pd.DataFrame({"exclamations": sents["text"].str.count("!")}, index=sents.index, dtype="int64")


def test_a_registered_measure_reaches_feature_table_and_per_article(make_corpus):
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": "Stop! Now! Please."},
                                      {"id": "b", "stance": "t", "text": "Calm words only. No shouting here."}]))
    measure = registry.Measure(name="exclamations_per_1000", column="exclamations", builder="exclamations",
                               family="engagement", label="exclamation marks", aggregation="rate")
    builder = registry.Builder("exclamations", f"{__name__}:exclamations")
    with registry.register(measure, builder):
        table = sentence_features(corpus)
        assert list(table["exclamations"]) == [1, 1, 0, 0, 0]
        assert "exclamations" in feature_columns()
        articles = per_article(table).set_index("doc_id")
        # a: 2 marks in 3 words ("Stop", "Now", "Please") -> 666.7 per 1,000 words; b: none
        assert articles.at["a", "exclamations_per_1000"] == pytest.approx(2000 / 3)
        assert articles.at["b", "exclamations_per_1000"] == 0
        assert "exclamation marks" in set(article_intervals(table, seed=1, n=50)["label"])
    assert "exclamations_per_1000" not in {m.name for m in registry.measures()}
    assert "exclamations" not in feature_columns()


def test_features_command_writes_argument_markers(tmp_path):
    from rhetoric.base.paths import SEEDS

    out = tmp_path / "f.csv"
    assert main(["features", str(SEEDS), "-o", str(out), "--no-progress"]) == 0
    columns = pd.read_csv(out, nrows=1).columns
    for col in ("contrast", "attribution", "proposal", "verdict", "pronoun_we", "pronoun_they", "questions",
                "entman_treatment", "syllables"):
        assert col in columns


def test_every_measure_reads_an_existing_column_and_has_a_label():
    columns = set(feature_columns())
    for m in registry.measures():
        assert m.label and m.family and m.unit
        assert m.aggregation in registry.AGGREGATIONS
        if m.aggregation in ("rate", "share", "mean"):
            assert m.column in columns, m.name
    names = [m.name for m in registry.measures()]
    assert len(names) == len(set(names))


def test_aggregations_hand_computed():
    table = pd.DataFrame({"doc_id": ["a", "a", "b"], "n_words": [10, 30, 5], "hedges": [1, 2, 0],
                          "vader_compound": [0.5, -0.1, 0.2]})
    rate = registry.Measure("hedges_per_1000", "hedges", "x", "stance", "hedges", "rate")
    share = registry.Measure("hedges_share", "hedges", "x", "stance", "hedged sentences", "share")
    mean = registry.Measure("vader_compound", "vader_compound", "x", "tone", "tone", "mean")
    out = per_article(table, [rate, share, mean]).set_index("doc_id")
    assert out.at["a", "hedges_per_1000"] == pytest.approx(75.0)  # 3 hedges / 40 words
    assert out.at["a", "hedges_share"] == 1.0 and out.at["b", "hedges_share"] == 0.0
    assert out.at["a", "vader_compound"] == pytest.approx(0.2) and out.at["a", "words"] == 40


def test_bootstrap_interval_brackets_estimate_and_is_seeded():
    rng = np.random.default_rng(0)
    table = pd.DataFrame({"doc_id": "a", "n_words": rng.integers(5, 30, 60), "hedges": rng.integers(0, 3, 60)})
    rate = registry.Measure("hedges_per_1000", "hedges", "x", "stance", "hedges", "rate")
    a = article_intervals(table, [rate], seed=3, n=500)
    assert a.equals(article_intervals(table, [rate], seed=3, n=500))
    r = a.iloc[0]
    assert r.ci_low < r.estimate < r.ci_high
    assert r.estimate == pytest.approx(1000 * table["hedges"].sum() / table["n_words"].sum())


def test_empty_marker_families_give_zero_columns_not_errors(make_corpus):
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": "Hello there. This is a test."},
                                      {"id": "b", "stance": "s", "text": "Another doc. Yes."}]))
    table = sentence_features(corpus)
    assert list(table.columns) == feature_columns() and len(table) == 4
    assert (table[["hedges", "boosters", "contrast", "verdict", "frame_security"]] == 0).all().all()


def test_two_docs_fixture_has_every_column(make_corpus):
    table = sentence_features(load_corpus(make_corpus(TWO_DOCS)))
    assert list(table.columns) == feature_columns()
