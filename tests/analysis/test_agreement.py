"""Agreement of two codings: Gwet's AC1 and Cohen's kappa with prevalence, checked against hand computation."""
from fractions import Fraction

import pytest

from rhetoric.analysis import agreement


def _table(both_yes: int, first_only: int, second_only: int, both_no: int) -> tuple[list[bool], list[bool]]:
    first = [True] * both_yes + [True] * first_only + [False] * second_only + [False] * both_no
    second = [True] * both_yes + [False] * first_only + [True] * second_only + [False] * both_no
    return first, second


def test_ac1_and_kappa_hand_computed_on_a_high_prevalence_table():
    # 40 items: 35 both yes, 2 first only, 1 second only, 2 both no.
    # pa = 37/40; pi_yes = (37 + 36) / 80 = 73/80; pe(AC1) = 2 * 73/80 * 7/80 = 1022/6400
    # AC1 = (5920 - 1022) / (6400 - 1022) = 4898/5378 = 2449/2689.
    # Cohen: pe = 37/40 * 36/40 + 3/40 * 4/40 = 1344/1600 = 0.84; kappa = (0.925 - 0.84) / 0.16 = 0.53125.
    first, second = _table(35, 2, 1, 2)
    assert agreement.gwet_ac1(first, second) == pytest.approx(float(Fraction(2449, 2689)), abs=1e-12)
    scores = agreement.rater_agreement(first, second)
    assert scores["kappa"] == pytest.approx(0.53125, abs=1e-12)
    assert scores["ac1"] == pytest.approx(float(Fraction(2449, 2689)), abs=1e-12)
    assert scores["percent_agreement"] == pytest.approx(37 / 40)
    assert scores["prevalence"] == pytest.approx(73 / 80)
    assert (scores["negatives_first"], scores["negatives_second"], scores["n"]) == (3, 4, 40)


def test_ac1_equals_kappa_when_margins_are_balanced():
    # Balanced 2x2 (10, 5, 5, 10): every margin is 1/2, so both chance terms are 1/2.
    # pa = 20/30 = 2/3; pe = 1/2; both = (2/3 - 1/2) / (1/2) = 1/3.
    first, second = _table(10, 5, 5, 10)
    assert agreement.gwet_ac1(first, second) == pytest.approx(1 / 3, abs=1e-12)
    assert agreement.rater_agreement(first, second)["kappa"] == pytest.approx(1 / 3, abs=1e-12)


def test_ac1_three_categories_hand_computed():
    # Items: (a,a), (a,a), (b,b), (c,a). pa = 3/4; shares over 8 codes: a 5/8, b 2/8, c 1/8.
    # pe = (5/8*3/8 + 2/8*6/8 + 1/8*7/8) / 2 = (15 + 12 + 7) / 64 / 2 = 34/128 = 17/64.
    # AC1 = (3/4 - 17/64) / (1 - 17/64) = (48 - 17) / (64 - 17) = 31/47.
    assert agreement.gwet_ac1(list("aabc"), list("aaba")) == pytest.approx(31 / 47, abs=1e-12)


def test_ac1_of_perfect_agreement_and_of_no_items():
    assert agreement.gwet_ac1([True, True, False], [True, True, False]) == pytest.approx(1.0)
    # One class only: pi = 1, pe = 0 with Q = 2, so AC1 = pa = 1 (kappa is undefined there).
    assert agreement.gwet_ac1([True] * 5, [True] * 5) == pytest.approx(1.0)
    assert agreement.gwet_ac1([], []) != agreement.gwet_ac1([], [])  # NaN


def test_audit_agreement_table_reports_prevalence_negatives_and_ac1():
    from rhetoric.analysis import validity

    table = validity.coder_agreement()
    if table is None:
        pytest.skip("no second automated run committed")
    for col in ("kappa", "gwet_ac1", "prevalence", "negatives_first_run", "negatives_second_run"):
        assert col in table.columns
    r = table.iloc[0]
    assert r.negatives_first_run <= r.hits_coded_twice
    note = validity.agreement_note(r.instrument)
    assert "automated" in note and "AC1" in note and "negatives" in note
