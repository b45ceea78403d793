"""The target-tone instrument's development (``python -m rhetoric_dev.target_tone``): the evaluation recomputed exactly
from the stored out-of-fold predictions, which hold ids and numbers only; with NewsMTSC beside the project, the stored
rows are its targets and the frozen model is the scikit-learn fit it says it is."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rhetoric.base.paths import DATA
from rhetoric.instruments import target_tone as tt
from rhetoric_dev import target_tone as dev


def predictions() -> pd.DataFrame:
    return pd.read_csv(dev.PREDICTIONS_OUT, dtype={"article": str})


def test_evaluation_is_recomputed_exactly_from_the_stored_predictions():
    stored = pd.read_csv(DATA / tt.CV_FILE, keep_default_na=False)
    assert list(stored.columns) == dev.CV_COLUMNS
    again = dev.evaluation(predictions().assign(mixed=lambda t: t["mixed"].astype(bool)))
    pd.testing.assert_frame_equal(stored, again, check_dtype=False)


def test_predictions_hold_ids_and_numbers_only():
    table = predictions()
    assert list(table.columns) == dev.PREDICTION_COLUMNS
    assert table["article"].str.fullmatch(r"allsides_\d+_\d+|polusa_v1_\d+_-?\d+").all()
    for column in dev.PREDICTION_COLUMNS[1:]:
        assert pd.api.types.is_integer_dtype(table[column]), column
    for rule in ("gold", *dev.RULES):
        assert set(table[rule]) <= {-1, 0, 1}
    assert set(table["fold"]) == set(range(dev.OUTER_FOLDS))
    # folds are grouped by article: no article in two folds
    assert (table.groupby("article")["fold"].nunique() == 1).all()


def test_the_instrument_beats_the_sentence_rule_on_human_coding():
    stored = pd.read_csv(DATA / tt.CV_FILE, keep_default_na=False)
    macro = stored[(stored["class"] == "macro") & (stored["subset"] == "all")].set_index("rule")
    assert macro.loc["target_tone", "f1_low"] > macro.loc["sentence_vader_misreads", "f1_high"]
    assert macro.loc["target_tone", "f1"] >= 0.65  # the target (its interval reaches just below it)


def test_confusion_and_per_class_by_hand():
    gold = np.array([-1, -1, 0, 1, 1, 1])
    pred = np.array([-1, 0, 0, 1, 1, -1])
    m = dev.confusion(gold, pred)
    assert m.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]
    p, r, f = dev.per_class(m)
    assert p.tolist() == pytest.approx([0.5, 0.5, 1.0]) and r.tolist() == pytest.approx([0.5, 1.0, 2 / 3])
    assert dev.macro_f1(gold, pred) == pytest.approx(np.mean([0.5, 2 / 3, 0.8]))
    assert dev.article_of("allsides_1000_401_25_Reality Leigh Winner_0_6") == ("allsides_1000_401", 25)
    assert dev.article_of("polusa_v1_113704059_-1_35_Northam_148_155") == ("polusa_v1_113704059_-1", 35)


@pytest.fixture(scope="module")
def data():
    if not dev.TRAIN.is_file():
        pytest.skip("NewsMTSC's training split is not beside the project")
    return dev.load()


@pytest.mark.slow
def test_stored_rows_are_the_targets_of_the_split(data):
    table = predictions()
    assert table["article"].tolist() == data.article.tolist() and table["gold"].tolist() == data.gold.tolist()
    assert table["start"].tolist() == data.start.tolist() and table["end"].tolist() == data.end.tolist()
    for rule, labels in data.old.items():
        assert table[rule].tolist() == labels.tolist()


@pytest.mark.slow
def test_frozen_model_is_the_refit_and_applies_as_scikit_learn_does(data):
    note = pd.read_csv(DATA / tt.MODEL_FILE, nrows=1, keep_default_na=False)["note"].iloc[0]
    c = float(note.split("C=")[1].split(")")[0])
    rows = np.arange(len(data.gold))
    clf, names, counts = dev.fit(data.features, data.gold, data.article, rows, c)
    frozen = tt.model()
    assert names == list(frozen.index)
    order = [list(clf.classes_).index(k) for k in tt.CLASSES]
    # the same fit up to the optimiser's tolerance (the file was written with one BLAS thread; a test may have more)
    assert np.allclose(frozen.weights, clf.coef_[order].T, atol=1e-5)
    sample = rows[::7]
    ours = frozen.probabilities([data.features[i] for i in sample])
    theirs = clf.predict_proba(dev.design(data.features, sample, names))[:, order]
    assert np.allclose(ours, theirs, atol=1e-5)
    assert (tt.decide(ours)[0] == clf.predict(dev.design(data.features, sample, names))).mean() > 0.999


def test_the_figures_in_the_documentation_are_generated_from_the_table():
    stored = pd.read_csv(DATA / tt.CV_FILE, keep_default_na=False)
    text = dev.DOC.read_text(encoding="utf-8")
    block = text.split(dev.DOC_MARKERS[0])[1].split(dev.DOC_MARKERS[1])[0].strip()
    assert block == dev.doc_block(stored)
