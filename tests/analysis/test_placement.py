"""Placements judged with chance in mind (rhetoric.analysis.placement), against hand computation."""
import pandas as pd
import pytest

from rhetoric.analysis import placement
from rhetoric.instruments import registry


def test_two_sided_p_hand_computed():
    # N = 99: percentile 0 -> tail 0 -> p = 2 * 1 / 100; percentile 50 -> tail 49.5 -> p = 2 * 50.5 / 100 > 1 -> 1.
    assert placement.two_sided_p(0.0, 99) == pytest.approx(0.02)
    assert placement.two_sided_p(100.0, 99) == pytest.approx(0.02)
    assert placement.two_sided_p(50.0, 99) == 1.0
    # percentile 97 of 199: tail = 199 * 3 / 100 = 5.97 -> p = 2 * 6.97 / 200 = 0.0697.
    assert placement.two_sided_p(97.0, 199) == pytest.approx(0.0697)
    assert placement.two_sided_p(float("nan"), 10) != placement.two_sided_p(float("nan"), 10)


def test_expected_and_observed_outside_the_middle():
    assert placement.expected_outside(23, 2) == pytest.approx(4.6)
    pct = pd.DataFrame({"pct_reference": [1.0, 4.99, 5.0, 50.0, 95.0, 95.01, 99.0, float("nan")]})
    assert placement.outside_middle(pct) == 4


def test_readability_formulas_are_one_family():
    assert {placement.family_of(m) for m in registry.measures() if m.family == "readability"} == {
        "readability formulas"}
    assert placement.family_of(registry.get("proposal_per_1000")) == "proposal_per_1000"


def test_judge_bonferroni_within_family_then_bh_across_pairs():
    # N = 999 reference articles. Article a: two formulas of one family at percentiles 0 and 1, and a
    # single-measure family at 50; article b: the single measure at 0.
    rows = [("a", "f1", 0.0), ("a", "f2", 1.0), ("a", "solo", 50.0), ("b", "solo", 0.0)]
    pct = pd.DataFrame([{"doc_id": d, "name": n, "value": 1.0, "pct_reference": p} for d, n, p in rows])
    judged = placement.judge_placements(pct, {"f1": "fam", "f2": "fam", "solo": "solo"}, 999, alpha=0.05)
    j = judged.set_index(["doc_id", "family"])
    # a/fam: min p = 2 * 1 / 1000 = 0.002 (f1), times 2 measures = 0.004.
    assert j.loc[("a", "fam"), "extreme"] == "f1" and j.loc[("a", "fam"), "measures"] == 2
    assert j.loc[("a", "fam"), "p_family"] == pytest.approx(0.004)
    # a/solo: tail 499.5 -> p = 2 * 500.5 / 1000 > 1 -> 1; b/solo: 0.002.
    assert j.loc[("a", "solo"), "p_family"] == 1.0
    assert j.loc[("b", "solo"), "p_family"] == pytest.approx(0.002)
    # BH over 3 pairs: sorted p 0.002, 0.004, 1 -> q = min(0.002*3/1, 0.004*3/2) = 0.006 and 0.006, then 1.
    assert j.loc[("b", "solo"), "q_bh"] == pytest.approx(0.006)
    assert j.loc[("a", "fam"), "q_bh"] == pytest.approx(0.006)
    assert j.loc[("a", "solo"), "q_bh"] == pytest.approx(1.0)
    assert list(j["unusual"]) == [True, False, True]


def test_a_percentile_just_outside_the_middle_is_not_unusual_among_many():
    # 46 placements at percentile 96 of 1,000: each p about 0.08; none survives.
    pct = pd.DataFrame([{"doc_id": f"d{k % 2}", "name": f"m{k // 2}", "value": 0.0, "pct_reference": 96.0}
                        for k in range(46)])
    judged = placement.judge_placements(pct, {f"m{k}": f"m{k}" for k in range(23)}, 1000)
    assert not judged["unusual"].any()


def test_reference_set_counts_development_articles():
    from rhetoric.analysis.devsample import bench_split_of

    ids = [f"id{k}" for k in range(40)]
    large = pd.DataFrame({"doc_id": ids, "topic": ["world" if k % 2 else "sports" for k in range(40)]})
    out = placement.reference_set(large, ["world"])
    on_topic = [d for k, d in enumerate(ids) if k % 2]
    dev = sum(bench_split_of(d) == "dev" for d in on_topic)
    assert out["on_topics"] == 20 and out["in_development"] == dev
    assert len(out["table"]) == 20 - dev and all(bench_split_of(d) == "audit" for d in out["table"]["doc_id"])
    everything = placement.reference_set(large, None, audit_only=False)
    assert len(everything["table"]) == 40 and everything["topics"] is None


def test_outside_placements_that_rest_on_seed_read_terms_are_counted():
    reference = pd.DataFrame({"m": [float(v) for v in range(1, 101)]})  # 1..100
    percentiles = pd.DataFrame({"doc_id": ["a", "b", "c"], "name": "m", "pct_reference": [99.5, 2.0, 50.0]})
    # a: 100.5 with its seed terms, 99.0 without (still above 95%); b: 1.5, and 60.0 without (back inside);
    # c was inside the middle: not counted whatever its value without them
    without = pd.DataFrame({"doc_id": ["a", "b", "c"], "measure": "m", "without_seed_terms": [99.0, 60.0, 1.0]})
    assert placement.outside_without_seed_terms(percentiles, without, reference, 0.90) == (1, 2)
