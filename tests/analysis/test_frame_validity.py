"""Human-coded frame validity (SemEval-2023 Task 3 Policy Frames): the metric functions on hand-checked cases,
the frame-name mapping, the pipeline on a tiny corpus, the committed table's shape. (With the development data in
../shared/dev, the committed table and note reproduced byte for byte: ``tests/dev/test_semeval_frames.py``.)"""
from __future__ import annotations

import hashlib
import math

import numpy as np
import pandas as pd
import pytest

from rhetoric.analysis import frame_validity as fv
from rhetoric.analysis.agreement import wilson_interval
from rhetoric.base.paths import data_file
from rhetoric.instruments import frames


def needs_semeval():
    if not (fv.SEMEVAL_DIR / "frames.csv").is_file():
        pytest.skip("SemEval development data (../shared/dev/semeval23-frames) not present")


# --- ROC AUC, by hand --------------------------------------------------------------------------------------

@pytest.mark.parametrize("truth, score, expected", [
    ([1, 1, 0, 0], [0.9, 0.8, 0.1, 0.2], 1.0),            # every positive above every negative
    ([1, 1, 0, 0], [0.1, 0.2, 0.9, 0.8], 0.0),            # every positive below
    ([1, 0, 1, 0], [0.5, 0.5, 0.1, 0.9], 0.125),          # pairs: tie (1/2), 0, 0, 0 -> 0.5 / 4
    ([1, 0, 0, 0], [0.0, 0.0, 0.0, 0.0], 0.5),            # all tied: half
    ([1, 1, 0], [0.3, 0.0, 0.0], 0.75),                   # (0.3 > 0) = 1, (0 = 0) = 1/2 -> 1.5 / 2
])
def test_roc_auc_hand_cases(truth, score, expected):
    assert fv.roc_auc(truth, score) == pytest.approx(expected, abs=1e-12)


def test_roc_auc_undefined_without_both_classes():
    assert math.isnan(fv.roc_auc([1, 1], [0.2, 0.3]))
    assert math.isnan(fv.roc_auc([0, 0], [0.2, 0.3]))


def test_roc_auc_rows_equal_one_at_a_time():
    rng = np.random.default_rng(1)
    truth = rng.random((6, 9)) < 0.4
    score = rng.integers(0, 4, size=(6, 9)) / 4  # many ties
    rows = fv.roc_auc(truth, score, axis=1)
    for t, s, r in zip(truth, score, rows):
        one = fv.roc_auc(t, s)
        assert (math.isnan(one) and math.isnan(r)) or r == pytest.approx(one, abs=1e-12)


# --- the decision and one frame's scores, by hand -------------------------------------------------------------

def test_present_rule():
    share = [0.0, 0.01, 0.02, 0.5]
    assert list(fv.present(share, 0.0)) == [False, True, True, True]   # k = 0: at least one hit
    assert list(fv.present(share, 0.02)) == [False, False, True, True]  # at least 2% of sentences
    assert fv.rule_text(0.0) == "present if at least one sentence has a hit"
    assert fv.rule_text(0.05) == "present if at least 5% of sentences have a hit"


TRUTH = [True, True, True, False, False, False, False, False]
SHARE = [0.3, 0.1, 0.0, 0.2, 0.0, 0.0, 0.0, 0.01]


def test_frame_row_hand_case():
    # k = 0.02: predicted 0.3, 0.1, 0.2 -> tp 2, fp 1, fn 1: P = R = F1 = 2/3.
    # AUC: 0.3 beats all 5 negatives (5); 0.1 beats the three 0s and 0.01 (4); 0 ties three 0s (1.5) -> 10.5 / 15.
    row = fv.frame_row(TRUTH, SHARE, 0.02, np.random.default_rng(0), n_boot=500)
    assert (row["n_articles"], row["n_positive"], row["n_predicted"]) == (8, 3, 3)
    assert (row["tp"], row["fp"], row["fn"]) == (2, 1, 1)
    assert row["precision"] == pytest.approx(2 / 3)
    assert row["recall"] == pytest.approx(2 / 3)
    assert row["f1"] == pytest.approx(2 / 3)
    assert row["auc"] == pytest.approx(0.7)
    assert (row["precision_low"], row["precision_high"]) == pytest.approx(wilson_interval(2, 3))
    assert (row["recall_low"], row["recall_high"]) == pytest.approx(wilson_interval(2, 3))
    for metric in ("precision", "recall", "f1", "auc"):
        assert row[f"{metric}_low"] <= row[metric] <= row[f"{metric}_high"]
    # k = 0: 0.01 counts too -> fp 2: P = 2/4, R = 2/3, F1 = 4/7; the AUC does not depend on k.
    row0 = fv.frame_row(TRUTH, SHARE, 0.0, np.random.default_rng(0), n_boot=500)
    assert (row0["tp"], row0["fp"], row0["fn"]) == (2, 2, 1)
    assert row0["precision"] == pytest.approx(0.5)
    assert row0["f1"] == pytest.approx(4 / 7)
    assert row0["auc"] == pytest.approx(0.7)


def test_frame_row_bootstrap_is_seeded_and_stratified():
    a = fv.frame_row(TRUTH, SHARE, 0.02, np.random.default_rng(7), n_boot=300)
    b = fv.frame_row(TRUTH, SHARE, 0.02, np.random.default_rng(7), n_boot=300)
    assert a == b
    # Every stratified resample keeps 3 positives and 5 negatives, so recall and AUC stay within [0, 1]
    # and the AUC interval is defined even with few positives.
    assert 0 <= a["auc_low"] <= a["auc_high"] <= 1


def test_frame_row_without_positives():
    row = fv.frame_row([False] * 4, [0.0, 0.1, 0.0, 0.3], 0.02, np.random.default_rng(0), n_boot=50)
    assert row["n_positive"] == 0 and row["fp"] == 2
    assert row["precision"] == 0.0
    assert math.isnan(row["recall"]) and math.isnan(row["auc"]) and math.isnan(row["f1_low"])


def test_micro_and_macro_hand_case():
    # 4 articles x 2 frames. Frame A: tp 2, fp 0, fn 0 (P = R = 1). Frame B: tp 1, fp 1, fn 1 (P = R = 1/2).
    truth = np.array([[1, 1], [1, 0], [0, 1], [0, 0]], dtype=bool)
    pred = np.array([[1, 1], [1, 1], [0, 0], [0, 0]], dtype=bool)
    share = np.where(pred, 0.5, 0.0)
    out = fv._averaged(truth, pred, share)
    assert out[fv.MICRO]["precision"] == pytest.approx(3 / 4)  # 3 tp of 4 predicted
    assert out[fv.MICRO]["recall"] == pytest.approx(3 / 4)     # 3 tp of 4 labelled
    assert out[fv.MICRO]["f1"] == pytest.approx(3 / 4)
    assert out[fv.MACRO]["precision"] == pytest.approx((1 + 0.5) / 2)
    assert out[fv.MACRO]["recall"] == pytest.approx((1 + 0.5) / 2)
    assert out[fv.MACRO]["f1"] == pytest.approx((1 + 0.5) / 2)
    # AUC: frame A 1.0; frame B: positive scores {0.5, 0}, negatives {0.5, 0}: (1/2 + 1 + 0 + 1/2) / 4 = 1/2.
    assert out[fv.MACRO]["auc"] == pytest.approx(0.75)
    # Micro AUC pools the 8 pairs: positives {.5, .5, .5, 0}, negatives {.5, 0, 0, 0}:
    # each 0.5 positive: beats 3 zeros, ties one 0.5 -> 3.5; the 0 positive: ties 3 zeros, below one -> 1.5.
    assert out[fv.MICRO]["auc"] == pytest.approx((3 * 3.5 + 1.5) / 16)


def test_threshold_choice_ties_go_to_the_smaller_k():
    grid = pd.DataFrame({"threshold": [0.0, 0.02, 0.05], "macro_f1": [0.4, 0.5, 0.5]})
    assert fv.choose_threshold(grid) == 0.02


# --- names, labels, split ------------------------------------------------------------------------------------

def test_name_mapping_covers_the_14_semeval_frames():
    mapping = fv.frame_map()
    assert len(fv.SEMEVAL_FRAMES) == len(set(fv.SEMEVAL_FRAMES)) == 14
    assert set(mapping) == set(fv.SEMEVAL_FRAMES)
    assert sorted(mapping.values()) == sorted(frames.pfc_frames())  # one to one onto the codebook dimensions
    assert mapping["Security_and_defense"] == "security"
    assert mapping["Legality_Constitutionality_and_jurisprudence"] == "legality"
    assert mapping["External_regulation_and_reputation"] == "external_regulation"
    assert mapping["Quality_of_life"] == "quality_of_life"


def test_semeval_files_use_only_known_names():
    needs_semeval()
    raw = pd.read_csv(fv.SEMEVAL_DIR / "frames.csv", dtype=str, keep_default_na=False)
    used = {x for v in raw["frames"] for x in v.split(";") if x}
    assert used <= set(fv.SEMEVAL_FRAMES)


def test_load_labels(tmp_path):
    (tmp_path / "frames.csv").write_text("id,frames\nd1,Security_and_defense;Political\nd2,Economic\n",
                                         encoding="utf-8")
    labels = fv.load_labels(tmp_path)
    assert len(labels) == 2 * 14
    on = labels[labels["human"]]
    assert sorted(zip(on["doc_id"], on["frame"])) == [("d1", "political"), ("d1", "security"), ("d2", "economic")]
    assert set(labels["split"]) <= set(fv.SPLITS)
    (tmp_path / "frames.csv").write_text("id,frames\nd1,Security_and_defence\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown SemEval frame"):
        fv.load_labels(tmp_path)


def test_split_is_the_declared_hash():
    ids = [f"se{i}" for i in range(200)]
    splits = [fv.semeval_split_of(i) for i in ids]
    by_hand = ["development" if hashlib.sha256((fv.SPLIT_SALT + i).encode()).digest()[0] % 2 == 0
               else "evaluation" for i in ids]
    assert splits == by_hand
    assert 60 < splits.count("development") < 140


def test_scores_on_a_tiny_corpus(make_corpus):
    """The score is the share of an article's sentences with a hit, through the project's feature table."""
    from rhetoric.instruments.features import sentence_features
    from rhetoric.io.corpus import load_corpus

    directory = make_corpus([
        {"id": "x", "stance": "news",
         "text": "The police made an arrest. The weather was mild. Birds sang. The sun rose."},
        {"id": "y", "stance": "news", "text": "The weather was mild. Birds sang."},
    ])
    scores = fv.article_scores(sentence_features(load_corpus(directory)))
    assert len(scores) == 2 * 14
    crime = scores[scores["frame"] == "crime"].set_index("doc_id")
    assert crime.at["x", "sentences"] == 4
    assert crime.at["x", "hits"] == 2            # police, arrest
    assert crime.at["x", "share"] == pytest.approx(0.25)
    assert crime.at["y", "share"] == 0
    assert scores.loc[scores["frame"] != "crime", "share"].eq(0).all()


# --- the committed table -------------------------------------------------------------------------------------

def test_committed_table_shape_and_consistency():
    table = fv.semeval_table(split=None)
    assert list(table.columns) == fv.COLUMNS
    assert len(table) == 2 * (14 + 2)
    assert table["threshold"].nunique() == 1
    k = table["threshold"].iloc[0]
    assert k in fv.THRESHOLDS
    assert (table["rule"] == fv.rule_text(k)).all()
    assert sorted(table["split"].unique()) == sorted(fv.SPLITS)
    for _, part in table.groupby("split"):
        per_frame = part[~part["frame"].isin([fv.MICRO, fv.MACRO])]
        assert sorted(per_frame["frame"]) == sorted(frames.pfc_frames())
        micro = part[part["frame"] == fv.MICRO].iloc[0]
        assert micro["n_positive"] == per_frame["n_positive"].sum()
        assert micro["tp"] == per_frame["tp"].sum()
        macro = part[part["frame"] == fv.MACRO].iloc[0]
        assert macro["recall"] == pytest.approx(per_frame["recall"].mean(), abs=1e-4)
        assert (per_frame["tp"] + per_frame["fn"] == per_frame["n_positive"]).all()
        assert (per_frame["tp"] + per_frame["fp"] == per_frame["n_predicted"]).all()
    assert list(fv.semeval_table()["split"].unique()) == ["evaluation"]


def test_notebook_helpers_read_the_committed_table():
    table = fv.semeval_table()
    shown = fv.report_table()
    assert list(shown["frame"]) == list(table["label"])
    first = table.iloc[0]
    assert shown["recall"].iloc[0] == f"{first.recall:.2f} [{first.recall_low:.2f}, {first.recall_high:.2f}]"
    text = fv.summary()
    per_frame = table[~table["frame"].isin([fv.MICRO, fv.MACRO])]
    for r in per_frame.itertuples():
        assert (f"{r.label} {r.recall:.2f} ({r.tp} of {r.n_positive})" in text) == (r.recall < 0.5)
    assert "human annotators" in text


def test_committed_table_describes_the_dictionary_in_use():
    """The table's fingerprint is the current dictionary's: if frames.csv or frame_terms.csv change, rerun
    rhetoric_dev.semeval_frames (this test then says so)."""
    assert fv.current(), "frame dictionary changed since frame_validity_semeval.csv was computed: rerun the script"
    assert fv.applies()


def test_not_applicable_under_a_corpus_frame_list(tmp_path):
    from rhetoric.io import wordlists as lexicon

    (tmp_path / "frame_terms.csv").write_bytes(data_file("frame_terms.csv").read_bytes())
    try:
        lexicon.use_lexicons(tmp_path)
        assert not fv.applies()
    finally:
        lexicon.use_lexicons(None)
    assert fv.applies()
