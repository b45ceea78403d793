"""Calibrated frame presence: the frozen models by hand, their registered measures through the per-article table
and the bootstrap, and properties of the score and the decision."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.analysis.aggregate import article_intervals, per_article
from rhetoric.instruments import frames, generic_frames, presence, registry

from conftest import examples

MODEL = presence.PresenceModel("policy", "x", "frame_x", intercept=-2.0, slope=1.0, threshold=4.0)


def test_score_and_decision_by_hand():
    # 2 hits in 500 words: 4 per 1,000 -> x = log(5); score = 1 / (1 + exp(2 - log 5)) = 5 / (5 + e^2)
    assert MODEL.score(2, 500) == pytest.approx(5 / (5 + math.exp(2)))
    assert MODEL.present(2, 500) == 1.0  # at the threshold: present
    assert MODEL.present(1, 500) == 0.0  # 2 per 1,000
    assert MODEL.score(0, 100) == pytest.approx(1 / (1 + math.exp(2)))
    assert np.isnan(MODEL.score(0, 0)) and np.isnan(MODEL.present(0, 0))  # no words: undefined


def test_committed_models_cover_the_calibrated_families():
    table = presence.table()
    assert list(table.columns) == presence.COLUMNS
    assert set(table.loc[table["family"] == "policy", "frame"]) == set(frames.pfc_frames())
    assert list(table.loc[table["family"] == "generic", "frame"]) == generic_frames.frame_names()
    assert "international" not in set(table["family"])  # no human-coded articles: not calibrated
    assert (table["slope"] >= 0).all() and (table["threshold"] >= 0).all()
    assert (table["threshold_score"].between(0, 1)).all()
    for r in table.itertuples():  # the stored score at the threshold is the model's
        model = presence.model(r.column)
        assert model.score(r.threshold, 1000) == pytest.approx(r.threshold_score, abs=1e-12)
    assert presence.model("frame_rivalry") is None


def test_presence_measures_registered_for_the_families_in_force():
    with frames.use_families("all"):
        names = {m.name for m in registry.measures()}
    for r in presence.table().itertuples():
        assert {f"{r.column}_score", f"{r.column}_present"} <= names
    assert "frame_rivalry_share" in names and "frame_rivalry_present" not in names
    with frames.use_families("policy"):
        names = {m.name for m in registry.measures()}
    assert "frame_security_present" in names and "generic_conflict_present" not in names
    m = registry.get("frame_security_present")
    assert isinstance(m, registry.CalibratedMeasure) and m.unit.startswith("present (1) or absent (0)")
    with pytest.raises(TypeError, match="needs its frame's model"):
        registry.AGGREGATIONS["presence"].combine({}, np.array([1.0]))


def _table(hits, words):
    """A feature table of one article per entry: sentence rows of (hits, words)."""
    rows = []
    for d, (h, w) in enumerate(zip(hits, words)):
        for k, (hh, ww) in enumerate(zip(h, w)):
            rows.append({"doc_id": f"d{d}", "sentence_id": k, "n_words": ww, "frame_security": hh})
    return pd.DataFrame(rows)


def test_per_article_score_and_present_are_the_model_on_the_sums():
    table = _table([[1, 0, 2], [0, 0], [5]], [[10, 20, 30], [15, 15], [400]])
    score, present = registry.get("frame_security_score"), registry.get("frame_security_present")
    share = registry.get("frame_security_share")
    out = per_article(table, [score, present, share], size=False).set_index("doc_id")
    model = presence.model("frame_security")
    for doc, h, w in (("d0", 3, 60), ("d1", 0, 30), ("d2", 5, 400)):
        assert out.at[doc, "frame_security_score"] == pytest.approx(float(model.score(h, w)))
        assert out.at[doc, "frame_security_present"] == float(model.present(h, w))
    assert out.at["d0", "frame_security_share"] == pytest.approx(2 / 3)
    boot = article_intervals(table, [score, present], seed=3, n=200)
    assert boot["estimate"].notna().all()
    assert ((boot["ci_low"] <= boot["estimate"] + 1e-12) & (boot["estimate"] <= boot["ci_high"] + 1e-12)).all()
    assert set(boot.loc[boot["measure"] == "frame_security_present", "ci_low"]) <= {0.0, 1.0}


counts = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 400)), min_size=1, max_size=20)


@settings(max_examples=examples(100))
@given(counts, st.sampled_from(sorted(presence.models())))
def test_score_in_unit_interval_monotone_in_hits_and_decision_binary(pairs, column):
    model = presence.model(column)
    hits = np.array([h for h, _ in pairs], dtype=float)
    words = np.array([w for _, w in pairs], dtype=float)
    score, present = model.score(hits, words), model.present(hits, words)
    defined = words > 0
    assert np.isnan(score[~defined]).all() and np.isnan(present[~defined]).all()
    assert ((score[defined] > 0) & (score[defined] < 1)).all()
    assert set(present[defined]) <= {0.0, 1.0}
    more = model.score(hits + 1, words)
    assert (more[defined] >= score[defined]).all()  # one more hit never lowers the score
    assert (model.present(hits + 1, words)[defined] >= present[defined]).all()
