"""The frame-presence development procedure (``rhetoric_dev.frame_presence``): its rules on hand-checked cases, the
committed files agreeing with one another, the report regenerated, and (with the development data, slow) the
whole procedure reproduced byte for byte."""
from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from rhetoric.base.paths import DATA
from rhetoric.instruments import frames, generic_frames, presence
from rhetoric_dev import frame_presence as fp


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


# --- the rules, by hand ---------------------------------------------------------------------------------------

def test_review_stats_and_seed_term_rule_by_hand():
    truth = np.array([1, 1, 1, 0, 0, 0, 0, 0], bool)
    present = np.array([[1, 1, 1, 0],   # term 0: in 4 articles, 3 coded (75%) vs 0 of the other 4
                        [1, 1, 0, 0],   # term 1: in 2 articles only
                        [1, 0, 0, 0],   # term 2: in 4 articles, 1 coded (25%) vs 2 of 4 (50%)
                        [1, 0, 1, 0],   # term 3: in no article
                        [0, 0, 1, 0],
                        [0, 0, 1, 0],
                        [0, 0, 0, 0],
                        [0, 0, 0, 0]], bool)
    articles, coded, inside, outside = fp.review_stats(present, truth)
    assert list(articles) == [4, 2, 4, 0] and list(coded) == [3, 2, 1, 0]
    assert inside[0] == 0.75 and outside[0] == 0.0 and inside[2] == 0.25 and outside[2] == 0.5
    assert math.isnan(inside[3]) and outside[3] == 3 / 8
    seed = np.array(["seed-reading"] * 4)
    assert list(fp.keep_terms(seed, present, truth)) == [True, False, False, False]  # support 3; share higher
    other = np.array(["development", "codebook", "development", "development"])
    assert fp.keep_terms(other, present, truth).all()  # only seed-read terms must be confirmed


@pytest.mark.parametrize("rate, truth, expected", [
    ([0, 0, 1, 2, 3, 4], [0, 0, 0, 1, 1, 1], 2.0),   # half coded: the rate at which half are marked
    ([0, 0, 0, 0, 5, 6], [1, 1, 1, 0, 0, 0], 5.0),   # 3 coded; >= 5 marks 2, >= 0 marks 6: 2 is closer
    ([0, 0, 0, 1, 1, 1], [1, 1, 1, 1, 1, 0], 0.0),   # 5 of 6 coded: marking all (6) beats marking 3
    ([1, 1, 2, 2], [1, 0, 0, 0], 2.0),                # 1 of 4 coded: >= 2 marks 2, >= 1 marks all 4
])
def test_prevalence_matching_threshold(rate, truth, expected):
    assert fp.choose_threshold(rate, truth) == expected


def test_threshold_ties_go_to_the_higher_f1():
    # half coded; >= 2 marks 3 of 4 and >= 3 marks 1 of 4: equally far from 2 of 4, so F1 decides
    assert fp.choose_threshold([1, 2, 2, 3], [0, 1, 1, 0]) == 2.0   # F1 0.8 against 0
    assert fp.choose_threshold([1, 2, 2, 3], [1, 0, 0, 1]) == 3.0   # F1 2/3 against 0.4


def test_fit_model_reads_the_dictionary_forwards_only():
    rate = np.array([0, 0, 0, 1, 2, 4, 8, 16] * 4, float)
    up = np.array([0, 0, 0, 0, 1, 1, 1, 1] * 4, bool)
    intercept, slope, c = fp.fit_model(rate, up, np.arange(len(rate)).astype(str), 1)
    assert slope > 0 and c in fp.CS
    intercept, slope, _ = fp.fit_model(rate, ~up, np.arange(len(rate)).astype(str), 1)
    assert slope == 0 and intercept == pytest.approx(0.0)  # backwards: the coders' prevalence (1/2), logit 0
    intercept, slope, _ = fp.fit_model(rate, np.zeros(len(rate), bool), np.arange(len(rate)).astype(str), 1)
    assert slope == 0 and intercept < -6  # nobody coded it: the prevalence, kept off zero


def test_metrics_by_hand():
    truth = np.array([1, 1, 0, 0, 0], bool)
    pred = np.array([1, 0, 1, 0, 0], bool)
    rank = np.array([0.9, 0.1, 0.8, 0.2, 0.0])
    m = fp._metrics(truth, rank, pred, rank)
    assert m["precision"] == 0.5 and m["recall"] == 0.5 and m["f1"] == 0.5
    assert m["prevalence_bias"] == 0.0 and m["coders_prevalence"] == 0.4
    assert float(m["auc"]) == pytest.approx(4 / 6)  # pairs: (0.9 > all 3), (0.1 > 0.0 only)


def test_folds_never_split_an_outlet_and_resamples_draw_whole_outlets():
    groups = np.array([f"o{k % 9}" for k in range(60)])
    truth = np.array([k % 3 == 0 for k in range(60)])
    dev = SimpleNamespace(unit="outlet", groups=groups)
    seen = []
    for train, test in fp.folds(dev, truth, 5):
        assert not set(groups[train]) & set(groups[test])
        seen += list(test)
    assert sorted(seen) == list(range(60))
    idx = fp.resamples(dev, 50, 1)
    for row in idx:
        row = row[row >= 0]
        drawn = pd.Series(groups[row]).value_counts()
        for outlet, n in drawn.items():  # every drawn outlet comes whole, possibly several times
            assert n % (groups == outlet).sum() == 0
    assert (fp.resamples(dev, 50, 1) == idx).all()  # seeded


# --- the committed files agree --------------------------------------------------------------------------------

def test_review_decisions_are_the_dictionary_and_the_change_log():
    review, terms, changes = read(fp.REVIEW), read("frame_terms.csv"), read("instrument_changes.csv")
    in_list = set(zip(terms["frame"], terms["term"]))
    frame_rows = review[review["family"] != "generic"]
    for r in frame_rows.itertuples():
        assert ((r.frame, r.term) in in_list) == (r.decision == "kept"), (r.frame, r.term)
    mine = changes[changes["reason"].str.startswith(fp.CHANGE_MARK)]
    seeded = frame_rows[frame_rows["origin"] == "seed-reading"]
    logged = {(r.category, r.term): r.change for r in mine[mine["instrument"] == "frames"].itertuples()}
    assert logged == {(r.frame, r.term): "confirmed" if r.decision == "kept" else "removed"
                      for r in seeded.itertuples()}
    # every seed-read term left in the dictionary was confirmed by human codes (the automated check no longer
    # suffices); a frame without human-coded articles keeps none
    left = terms[terms["origin"] == "seed-reading"]
    assert len(left) and all(logged.get((f, t)) == "confirmed" for f, t in zip(left["frame"], left["term"]))
    book = frames.codebook()
    international = set(book.loc[book["family"] == "international", "frame"])
    assert not set(left["frame"]) & international
    kept = seeded[seeded["decision"] == "kept"]
    assert (kept["articles"].astype(int) >= fp.MIN_SUPPORT).all()
    assert (kept["coded_share"].astype(float) > kept["other_share"].astype(float)).all()
    cues = generic_frames.cues()
    added = mine[mine["instrument"] == "generic_frames"]
    assert set(zip(added["category"], added["term"])) == set(zip(cues["frame"], cues["term"]))


def test_models_and_evidence_describe_the_current_dictionaries():
    from rhetoric.analysis import frame_presence as pa

    assert pa.current()
    models = presence.table()
    evidence = pa.evidence("after")
    assert set(zip(models["family"], models["frame"])) == set(
        zip(evidence["family"], evidence["frame"])) - {(f, fp.MACRO) for f in ("policy", "generic")}


def test_the_report_is_generated_from_the_committed_tables():
    assert fp.doc_text() == fp.DOC.read_text(encoding="utf-8"), "rerun python -m rhetoric_dev.frame_presence --doc"


# --- the whole procedure, from the development data (slow) --------------------------------------------------

@pytest.mark.slow
def test_procedure_reproduces_the_committed_tables():
    for need in (fp.fv.SEMEVAL_DIR / "frames.csv", fp.NARRATIVE_DIR / "frames.csv"):
        if not need.is_file():
            pytest.skip("development data (../shared/dev) not present")
    results = fp.run(write=False)

    def csv_bytes(table, float_format="%.4f"):
        return table.to_csv(index=False, lineterminator="\n", float_format=float_format).encode("utf-8")

    assert csv_bytes(results["evaluation"]) == (DATA / fp.EVALUATION).read_bytes()
    assert csv_bytes(results["models"], None) == (DATA / presence.MODELS).read_bytes()
    assert csv_bytes(results["review"]) == (DATA / fp.REVIEW).read_bytes()
    assert csv_bytes(results["explored"]) == (DATA / fp.EXPLORED).read_bytes()
