"""When articles are not independent: the hint, the cluster map and the words on power, by hand."""
from __future__ import annotations

from math import comb

import pandas as pd
import pytest

from rhetoric.analysis import clusters


def documents(outlets: dict[str, str], extra: dict | None = None) -> pd.DataFrame:
    """One row per document: ``doc_id``, ``stance``, ``outlet`` (``outlets``: doc -> 'group/outlet')."""
    rows = [{"doc_id": d, "stance": v.split("/")[0], "outlet": v.split("/")[1], **(extra or {})}
            for d, v in outlets.items()]
    return pd.DataFrame(rows)


def test_hint_when_groups_are_constant_within_a_repeated_outlet():
    docs = documents({"d1": "left/CNN", "d2": "left/CNN", "d3": "left/Vox", "d4": "right/Fox", "d5": "right/Fox"})
    hint = clusters.cluster_hint(docs)
    assert "not independent" in hint and "`rhetoric run --cluster outlet`" in hint
    assert "5 articles come from 3 values of `outlet` (left 2, right 1 per group)" in hint
    assert clusters.cluster_hint(docs, declared="outlet") is None


def test_no_hint_when_outlets_do_not_repeat_or_there_is_one_group_and_a_note_when_they_hold_two_groups():
    unique = documents({"d1": "left/CNN", "d2": "left/Vox", "d3": "right/Fox"})
    assert clusters.cluster_hint(unique) is None
    mixed = documents({"d1": "left/CNN", "d2": "right/CNN", "d3": "right/Fox", "d4": "right/Fox"})
    assert not clusters.constant_within(mixed, "outlet")
    said = clusters.cluster_hint(mixed)  # the outlet cannot be the unit: said, with the outlet that holds two groups
    assert said.startswith("**Articles may not be independent here.** `outlet` repeats (2 values for 4 articles)")
    assert "1 of its values hold articles of two or more groups (`CNN`)" in said and "the article is" in said
    one = documents({"d1": "left/CNN", "d2": "left/CNN"})
    assert clusters.cluster_hint(one) is None
    empty = documents({"d1": "left/", "d2": "right/"})
    assert clusters.cluster_hint(empty) is None
    no_column = pd.DataFrame({"doc_id": ["a", "b"], "stance": ["x", "y"]})
    assert clusters.cluster_hint(no_column) is None


def test_the_generic_cluster_column_comes_first():
    docs = documents({"d1": "left/CNN", "d2": "left/Vox", "d3": "right/Fox"}).assign(cluster=["k1", "k1", "k2"])
    assert "`rhetoric run --cluster cluster`" in clusters.cluster_hint(docs)


def test_cluster_map_and_a_missing_column():
    docs = documents({"d1": "left/CNN", "d2": "left/ ", "d3": "right/Fox"})
    assert clusters.cluster_map(docs, "outlet") == {"d1": "CNN", "d2": "", "d3": "Fox"}
    with pytest.raises(KeyError, match="no column 'publisher'.*present: outlet"):
        clusters.cluster_map(docs, "publisher")


def test_smallest_p_by_hand():
    assert clusters.smallest_p([3, 3]) == pytest.approx(2 / comb(6, 3))  # 0.1: the mirror gives the same |diff|
    assert clusters.smallest_p([2, 4]) == pytest.approx(1 / comb(6, 2))
    assert clusters.relabellings([2, 2, 1]) == 30  # 5! / (2! 2! 1!)
    assert clusters.smallest_p([2, 2, 1]) == pytest.approx(1 / 30)
    assert clusters.smallest_p([7]) == 1.0


def test_power_note_in_words():
    assert clusters.power_note({"left": 12, "right": 10}) == ""
    few = clusters.power_note({"left": 9, "right": 12}, unit="outlet")
    assert few.startswith("Few outlets per group (left 9; fewer than 10)") and "not as \"no difference\"" in few
    assert "smallest p" not in few
    tiny = clusters.power_note({"a": 3, "b": 3, "c": 1}, unit="outlet")
    assert "the smallest p the test can give is 0.1: no difference between these groups can reach p < 0.05" in tiny
    assert tiny.endswith("c: one outlet, described, not tested.")


def test_default_cluster_is_the_column_the_hint_names():
    docs = documents({"d1": "left/CNN", "d2": "left/CNN", "d3": "left/Vox", "d4": "right/Fox", "d5": "right/Fox"})
    assert clusters.default_cluster(docs) == "outlet"
    unique = documents({"d1": "left/CNN", "d2": "left/Vox", "d3": "right/Fox"})
    mixed = documents({"d1": "left/CNN", "d2": "right/CNN", "d3": "right/Fox", "d4": "right/Fox"})
    one = documents({"d1": "left/CNN", "d2": "left/CNN"})
    empty = documents({"d1": "left/", "d2": "right/"})
    for none in (unique, mixed, one, empty, pd.DataFrame({"doc_id": ["a", "b"], "stance": ["x", "y"]})):
        assert clusters.default_cluster(none) is None
    assert clusters.default_cluster(docs.assign(block=["", "", "", "b1", ""])) is None  # blocks declared
    assert clusters.default_cluster(docs.assign(block="")) == "outlet"  # an empty block column declares none
    assert clusters.default_cluster(docs.assign(cluster=["k1", "k1", "k2", "k3", "k3"])) == "cluster"


def test_cluster_problem_names_what_is_wrong():
    docs = documents({"d1": "left/CNN", "d2": "left/CNN", "d3": "right/Fox"})
    assert clusters.cluster_problem(docs, "outlet") is None
    assert clusters.cluster_problem(docs, "site") == "no metadata column 'site' (cluster-like columns present: outlet)"
    assert clusters.cluster_problem(docs.assign(site=" "), "site") == "the metadata column 'site' has no values"
    mixed = documents({"d1": "left/CNN", "d2": "right/CNN", "d3": "right/Fox"})
    assert clusters.cluster_problem(mixed, "outlet").startswith("'CNN' of column 'outlet' holds articles of two")
    assert "blocks and clusters are not combined" in clusters.cluster_problem(docs.assign(block="b"), "outlet")


def _groups_table(unit: str, units: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame([{"measure": "m", "group": g, "analysis_unit": unit, "n_units": k} for g, k in units.items()])


def test_unit_note_states_the_unit_and_units_per_group():
    docs = documents({"d1": "left/CNN", "d2": "left/CNN", "d3": "left/Vox", "d4": "right/Fox", "d5": "right/Fox"})
    clustered = clusters.unit_note(_groups_table("outlet", {"left": 2, "right": 3}), docs, "outlet")
    assert clustered.startswith("**Unit of analysis: the outlet** (5 values of `outlet`: left 2, right 3; 5 articles)")
    assert "every p and q below counts outlets" in clustered
    assert "Few outlets per group (left 2, right 3; fewer than 10)" in clustered
    plain = clusters.unit_note(_groups_table("article", {"left": 3, "right": 2}), docs, None)
    assert plain.startswith("**Unit of analysis: the article** (5 articles: left 3, right 2)")
    assert "`rhetoric run --cluster outlet`" in plain  # the metadata suggest clusters: said how to declare them
    unique = documents({"d1": "left/CNN", "d2": "left/Vox", "d3": "right/Fox", "d4": "right/NYT"})
    assert "--cluster" not in clusters.unit_note(_groups_table("article", {"left": 2, "right": 2}), unique, None)
    untested = clusters.unit_note(_groups_table("outlet", {"left": 2, "right": 1}), docs.iloc[:3], "outlet")
    assert untested == ("**Unit of analysis: the outlet** (left 2, right 1). Fewer than two groups have two or more "
                        "outlets, so no group test is run: the groups are described.")
    assert clusters.unit_note(pd.DataFrame(columns=["group"]), docs, None).startswith("No group comparison")
