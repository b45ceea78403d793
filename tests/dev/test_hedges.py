"""The hedge detector's development (``rhetoric_dev.hedges``) with the development data in ../shared/dev: runtime
scoring = scikit-learn on a refit of the frozen model, and the cross-genre table reproduced."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from rhetoric.base.paths import DEV, data_file
from rhetoric.instruments import uncertainty
from rhetoric_dev import hedges as dh

needs_dev = pytest.mark.skipif(not (DEV / "szeged-uncertainty").is_dir(),
                               reason="development data (../shared/dev) not present")


@pytest.fixture(scope="module")
def dev():
    if not (DEV / "szeged-uncertainty").is_dir():
        pytest.skip("development data (../shared/dev) not present")
    pytest.importorskip("sklearn")
    return dh, {g: dh.load_genre(g) for g in dh.GENRES}


#: How close a refit comes to the shipped weights (the solver's tolerance; the reason is beside the constant).
REFIT_WEIGHT_TOLERANCE = dh.REFIT_WEIGHT_TOLERANCE
#: Scores of the shipped weights, plain Python against scikit-learn's ``decision_function`` with the same
#: weights: the same sum of at most a few dozen terms in another order, so float rounding only (~1e-15 each).
SAME_WEIGHTS_TOLERANCE = 1e-9


def _with_weights(model, runtime):
    """A copy of the scikit-learn model carrying the runtime model's (shipped) weights and intercept."""
    import copy

    vec, clf = model
    clf = copy.deepcopy(clf)
    names = list(vec.get_feature_names_out())
    clf.coef_ = np.array([[runtime.weights.get(f, 0.0) for f in names]])
    clf.intercept_ = np.array([runtime.intercept])
    return vec, clf


@pytest.mark.slow
@needs_dev
def test_runtime_scoring_equals_scikit_learn(dev):
    """Refit the frozen model (C from its note, all four genres) with scikit-learn: the same candidates and
    features, weights within the solver's tolerance, the same decisions away from the threshold; and the
    plain-Python scores of the shipped weights equal scikit-learn's decision_function with those weights."""
    dh, genres = dev
    parts = [dh.Part.whole(g) for g in genres.values()]
    cand = dh.candidates_fit(parts)
    frozen = uncertainty.model()
    assert cand.forms == frozen.candidates
    rows = pd.read_csv(data_file(uncertainty.MODEL_FILE), keep_default_na=False)
    c = float(re.search(r"C=([\d.]+)", rows.loc[rows["feature"] == "(intercept)", "note"].iloc[0]).group(1))
    d = dh.design(parts, cand)
    model = dh.logreg_train(d, c)
    refit = dh.runtime_model(dh.Fitted(cand, model, c, 0.5))
    assert refit.weights.keys() == frozen.weights.keys()
    keys = sorted(frozen.weights)
    gap = np.abs(np.array([refit.weights[k] for k in keys]) - np.array([frozen.weights[k] for k in keys]))
    assert gap.max() < REFIT_WEIGHT_TOLERANCE, keys[int(gap.argmax())]
    assert refit.intercept == pytest.approx(frozen.intercept, abs=REFIT_WEIGHT_TOLERANCE)

    pick = np.random.default_rng(0).choice(len(d.feats), size=400, replace=False)
    sample = dh.Design([d.where[i] for i in pick], [d.feats[i] for i in pick], [d.vetoed[i] for i in pick],
                       d.y[pick])
    shipped = _with_weights(model, frozen)
    sk = dh.logreg_scores(shipped, sample)
    ours = np.array([frozen.score(list(f)) for f in sample.feats])
    assert np.allclose(ours, sk, rtol=0, atol=SAME_WEIGHTS_TOLERANCE)
    refit_scores = dh.logreg_scores(model, sample)
    clear = np.abs(refit_scores - frozen.threshold) > 1e-2  # a refit moves a score by < 1e-3 (tolerance x features)
    assert ((refit_scores > frozen.threshold) == (ours > frozen.threshold))[clear].all()

    # end to end on one genre: the runtime's hits are the script's predictions with the shipped threshold
    g = genres["bio_bmc"]
    runtime = uncertainty.cue_hits(g.toks, g.sents)
    dg = dh.design([dh.Part.whole(g)], cand)
    pred = dh._predictions([dh.Part.whole(g)], dg, dh.logreg_scores(shipped, dg), frozen.threshold)[0]
    assert sorted(runtime["token_id"]) == sorted(r for _, r, _ in pred.hits)


@pytest.mark.slow
@needs_dev
def test_crossgenre_table_reproduced(dev):
    """Recompute the rows that need no or one small fit (current lexicon leave-one-genre-out; the kept
    model trained on Wikipedia, scored on each biomedical genre) and find them, byte for byte, in the
    committed table."""
    dh, genres = dev
    log: list[str] = []
    a, _ = dh.run(genres, ["hyland_rules"], log, schemes=["leave-one-genre-out"])
    b, _ = dh.run(genres, ["logreg"], log, schemes=["wiki->bio"])
    table = pd.concat([a, b], ignore_index=True)
    committed = data_file("hedge_crossgenre.csv").read_text(encoding="utf-8").splitlines()
    kept = {line.split(",")[0]: line.rsplit(",", 1)[1] for line in committed[1:]}
    table["kept"] = [kept[d] for d in table["detector"]]
    ours = dh.to_csv(table).decode("utf-8").splitlines()
    assert ours[0] == committed[0]
    missing = [line for line in ours[1:] if line not in committed]
    assert not missing, missing
