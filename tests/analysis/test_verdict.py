"""The declared rule on hand-checked cases: when a difference clears it, and one measure's verdict (a finding,
described only, no clear difference, nothing to judge)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from rhetoric.analysis import verdict
from rhetoric.instruments import registry
from rhetoric.instruments.features import sentence_features
from rhetoric.io.corpus import load_corpus

from conftest import TWO_DOCS, session_docs

# Held-out audit evidence of the argument markers: proposal passes the 0.5 cut, verdict fails it.
EVIDENCE = pd.DataFrame([
    {"instrument": "argument", "evidence": "held-out precision audit", "category": c, "metric": "hit precision",
     "value": v, "ci_low": lo, "ci_high": hi, "n": n, "outside_study_texts": True}
    for c, v, lo, hi, n in (("proposal", 0.9, 0.7, 0.97, 20), ("verdict", 0.2, 0.04, 0.62, 5),
                            ("all", 0.9, 0.85, 0.94, 200))])


def _rows(name: str, *per_doc: tuple[float, float, float]) -> pd.DataFrame:
    return pd.DataFrame([{"measure": name, "doc_id": d, "estimate": e, "ci_low": lo, "ci_high": hi}
                         for d, (e, lo, hi) in zip("abc", per_doc)])


def _groups(name: str, q: float, test: str = "permutation", in_test=(True, True)) -> pd.DataFrame:
    return pd.DataFrame([{"measure": name, "group": g, "n_docs": 3, "estimate": e, "test": test, "q_bh": q,
                          "in_test": t} for (g, e), t in zip((("con", 1.0), ("pro", 2.0)), in_test)])


NO_GROUPS = _groups("x", float("nan"), test="none").iloc[0:0]


def test_articles_clear_the_rule_only_when_the_two_ends_do_not_overlap():
    assert verdict.clears_threshold(_rows("m", (30, 28, 32), (20, 18, 22)), None)
    assert not verdict.clears_threshold(_rows("m", (30, 21, 32), (20, 18, 22)), None)  # 21 < 22: overlap
    assert not verdict.clears_threshold(_rows("m", (30, 22, 32), (20, 18, 22)), None)  # touching is overlap
    # three articles: the highest (a) against the lowest (c); the middle one does not matter
    assert verdict.clears_threshold(_rows("m", (30, 28, 32), (25, 10, 40), (20, 18, 22)), None)
    assert not verdict.clears_threshold(_rows("m", (30, 28, 32)), None)  # one article: nothing to compare
    assert not verdict.clears_threshold(_rows("m", (30, 28, 32), (np.nan, np.nan, np.nan)), None)


def test_groups_clear_the_rule_by_q_not_by_the_articles():
    separated = _rows("m", (30, 28, 32), (20, 18, 22))
    assert not verdict.clears_threshold(separated, _groups("m", 0.2))
    assert verdict.clears_threshold(_rows("m", (30, 10, 50), (20, 0, 40)), _groups("m", 0.01))
    assert not verdict.clears_threshold(separated, _groups("m", 0.05))  # q < 0.05, strictly
    # groups of one document are described, not tested: then the articles decide
    untested = _groups("m", float("nan"), test="none")
    assert not verdict.groups_tested(untested) and verdict.clears_threshold(separated, untested)
    assert not verdict.groups_tested(_groups("m", 0.01, in_test=(False, False)))
    assert verdict.groups_tested(_groups("m", 0.01, in_test=(True, False)))


def test_a_validated_difference_is_a_finding_with_its_validity():
    m = registry.get("proposal_per_1000")
    out = verdict.judge_measure(m, _rows(m.name, (6.0, 2.5, 11.0), (0.0, 0.0, 0.0)), NO_GROUPS, EVIDENCE)
    assert out.kind == "finding" and "for proposal: 0.90" in out.note and not out.seed_terms


def test_a_difference_on_a_failed_instrument_is_described_with_the_check_it_failed():
    m = registry.get("verdict_per_1000")
    out = verdict.judge_measure(m, _rows(m.name, (0.0, 0.0, 0.0), (3.9, 0.8, 7.4)), NO_GROUPS, EVIDENCE)
    assert out.kind == "described"
    assert out.note == ("verdict: held-out hit precision 0.20 [0.04, 0.62] on 5 hits, lower bound 0.04 below "
                        "the 0.5 cut")


def test_overlapping_intervals_are_unclear_and_document_level_measures_are_not_judged():
    m = registry.get("proposal_per_1000")
    assert verdict.judge_measure(m, _rows(m.name, (6.0, 1.0, 11.0), (2.0, 0.0, 4.0)), NO_GROUPS,
                                 EVIDENCE).kind == "unclear"
    no_interval = _rows(m.name, (6.0, np.nan, np.nan), (2.0, np.nan, np.nan))
    assert verdict.judge_measure(m, no_interval, NO_GROUPS, EVIDENCE) == verdict.Verdict("none")


def test_leaving_out_the_seed_terms():
    m = registry.get("proposal_per_1000")
    rows = _rows(m.name, (6.0, 2.5, 11.0), (0.0, 0.0, 0.0))
    gone = verdict.judge_measure(m, rows, NO_GROUPS, EVIDENCE, _rows(m.name, (1.0, 0.0, 3.0), (0.0, 0.0, 0.0)))
    assert gone == verdict.Verdict("described", "it does not survive leaving out the terms first read off these "
                                   "two articles (without them: `a` 1.0 [0.0, 3.0]; `b` 0.0 [0.0, 0.0])", True)
    kept = verdict.judge_measure(m, rows, NO_GROUPS, EVIDENCE, _rows(m.name, (5.0, 2.0, 9.0), (0.0, 0.0, 0.0)))
    assert kept.kind == "finding" and kept.note.endswith("it survives leaving out the terms first read off these "
                                                         "two articles (without them: `a` 5.0 [2.0, 9.0]; `b` 0.0 "
                                                         "[0.0, 0.0])")
    same = verdict.judge_measure(m, rows, NO_GROUPS, EVIDENCE, rows)  # unchanged by the word lists: nothing to say
    assert same.kind == "finding" and "leaving out" not in same.note


def test_numbers_as_printed():
    assert verdict.value_text(float("nan"), "{:.1f}") == "n/a" and verdict.value_text(2.345, "{:.2f}") == "2.35"
    assert verdict.number_format(registry.get("questions_share")) == "{:.2f}"
    assert verdict.number_format(registry.get("vader_compound")) == "{:+.3f}"
    assert verdict.number_format(registry.get("words_per_sentence")) == "{:.1f}"
    assert verdict.interval_text(_rows("m", (1.0, 0.5, np.nan)), "{:.1f}") == "`a` 1.0 [0.5, n/a]"


def test_rule_tables_are_seeded_and_describe_groups_of_one_document_by_their_articles(make_corpus):
    corpus = load_corpus(make_corpus(TWO_DOCS))
    table = sentence_features(corpus)
    group_of = dict(zip(corpus.documents["doc_id"], corpus.documents["stance"]))
    profile, groups = verdict.rule_tables(table, group_of, n=200)
    again = verdict.rule_tables(table, group_of, n=200)
    assert profile.equals(again[0]) and groups.equals(again[1])
    assert set(profile["measure"]) == {m.name for m in registry.measures()}
    assert not verdict.groups_tested(groups)  # one document per group: nothing tested, the articles decide
    defined = profile.dropna(subset=["estimate"])
    assert defined["ci_low"].notna().all() and (defined["ci_low"] <= defined["ci_high"]).all()


def test_seed_term_profile_is_for_the_project_articles_only(make_corpus):
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": "We urge talks. They refuse."}]))
    assert verdict.seed_term_profile(corpus) is None


def test_the_rule_says_the_same_without_the_intervals_it_does_not_read(six):
    """Tested groups: the verdicts and statements with the articles' intervals skipped are those with them."""
    from rhetoric.analysis.aggregate import article_intervals, group_comparison, per_article
    from rhetoric.instruments.registry import measures
    from rhetoric.report import findings

    corpus, table = six
    group_of = dict(zip(corpus.documents["doc_id"], corpus.documents["stance"]))
    groups = group_comparison(per_article(table), group_of, seed=3, n=400)
    profile, rule_groups = verdict.rule_tables(table, group_of, groups_table=groups, n=400, seed=3)
    tested = {m for m, g in rule_groups.groupby("measure") if (g["test"] != "none").all()}
    # constant measures have no test: their articles keep intervals (the calibrated frame presence measures of
    # issue 34 are constant on these few sentences, so they are left out of the count)
    varying = [m for m in measures() if m.aggregation not in ("presence", "presence_score")]
    assert len(tested) > len(varying) / 2
    assert profile.loc[profile["measure"].isin(tested), "ci_low"].isna().all()
    assert profile.loc[~profile["measure"].isin(tested), "ci_low"].notna().any()
    full = article_intervals(table, measures(), seed=3, n=400)
    assert findings.rule_findings(corpus, profile, rule_groups) == findings.rule_findings(corpus, full, rule_groups)


def test_groups_of_one_document_still_get_the_articles_intervals(tmp_path):
    from rhetoric.analysis.aggregate import article_intervals
    from rhetoric.instruments.registry import measures

    from conftest import write_corpus

    corpus = load_corpus(write_corpus(tmp_path / "two", session_docs(2)))
    table = sentence_features(corpus)
    group_of = dict(zip(corpus.documents["doc_id"], corpus.documents["stance"]))
    profile, _ = verdict.rule_tables(table, group_of, n=300, seed=3)
    pd.testing.assert_frame_equal(profile, article_intervals(table, measures(), seed=3, n=300))


def test_no_difference_is_claimed_for_a_frame_that_failed_on_human_coded_articles():
    """The rule reads frame_presence.frame_passed: a clear group difference in a frame that failed its
    per-article agreement with people is described only, with the reason and its figures; a frame that passed
    stays a finding; the international frames (no human-coded articles) are judged by their audit alone."""
    from rhetoric.analysis import frame_presence
    from rhetoric.analysis.validity import instrument_evidence
    from rhetoric.instruments import frames

    table = frame_presence.passed()
    failed, ok = table[~table["passed"]].iloc[0], table[table["passed"]].iloc[0]
    empty = instrument_evidence()  # the committed evidence: the frames' held-out audit passes
    with frames.use_families("all"):
        for column, passes in ((failed.column, False), (ok.column, True)):
            name = f"{column}_share"
            m = registry.get(name)
            got = verdict.judge_measure(m, _rows(name, (0.3, 0.2, 0.4), (0.1, 0.0, 0.2)), _groups(name, 0.001),
                                        empty)
            if passes:  # a finding reports the frame's agreement with people per article beside its hit precision
                assert got.kind == "finding"
                assert "per article against human annotators, cross-validated ROC AUC" in got.note
                assert verdict.frame_agreement(m) in got.note and "human-coded articles" in got.note
            else:
                assert got.kind == "described"
                assert got.note.startswith("its frame failed on human-coded articles")
                assert "cross-validated ROC AUC" in got.note
        rivalry = registry.get("frame_rivalry_share")
        assert frame_presence.frame_passed(rivalry.column) is None and verdict.frame_failure(rivalry) is None
    assert verdict.frame_failure(registry.get("proposal_per_1000")) is None
    assert verdict.frame_agreement(registry.get("proposal_per_1000")) == ""
    assert verdict.frame_agreement(rivalry) == ""  # no human-coded articles: its audit alone


def test_seed_term_share_is_computed_per_article():
    from rhetoric.instruments.registry import get

    m = get("contrast_per_1000")
    rows = pd.DataFrame({"doc_id": ["a", "b", "c"], "estimate": [10.0, 4.0, 0.0]})
    without = pd.DataFrame({"measure": m.name, "doc_id": ["a", "b", "c"], "estimate": [2.5, 4.0, 0.0]})
    # a: (10 - 2.5) / 10 = 75%; b: nothing from seed-read terms; c: no hits at all
    assert verdict.seed_term_share(m, rows, without) == (
        "share of its value from terms first read off the seeds: 75% in `a`, 0% in `b`, no hits in `c`")
    same = without.assign(estimate=[10.0, 4.0, 0.0])
    assert verdict.seed_term_share(m, rows, same) == ""  # no seed-read term in use: nothing to say
    assert verdict.seed_term_share(m, rows, None) == ""  # any corpus but the seeds
