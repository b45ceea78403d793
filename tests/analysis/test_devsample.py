"""Development and audit samples: a fixed split, seeded samples, stratified hit draws, Wilson precision."""
from __future__ import annotations

import pandas as pd
import pytest

from rhetoric.analysis import devsample
from rhetoric.analysis.agreement import wilson_interval
from rhetoric.io.articles import Article


def _articles(n):
    topics = ["middle_east", "immigration", "china", "healthcare"]
    return [Article(doc_id=f"id{k:03d}", stance="left", text="Some text.", meta={"topic": topics[k % 4]})
            for k in range(n)]


def test_split_is_fixed_by_id_and_about_half():
    ids = [f"x{k}" for k in range(2000)]
    halves = [devsample.bench_split_of(i) for i in ids]
    assert halves == [devsample.bench_split_of(i) for i in reversed(ids)][::-1]
    assert 0.45 < halves.count("dev") / len(ids) < 0.55


def test_sample_is_seeded_and_stays_in_its_split_and_stratum():
    arts = _articles(200)
    a = devsample.sample(arts, "dev", "international", 20, seed=3)
    assert [x.doc_id for x in a] == [x.doc_id for x in devsample.sample(list(reversed(arts)), "dev",
                                                                       "international", 20, seed=3)]
    assert len(a) == 20 and all(devsample.bench_split_of(x.doc_id) == "dev" for x in a)
    assert {x.meta["topic"] for x in a} <= {"middle_east", "china"}
    with pytest.raises(ValueError):
        devsample.sample(arts, "test", "any", 1, seed=0)


def test_draw_hits_gives_each_category_its_minimum():
    hits = pd.DataFrame({"category": ["a"] * 90 + ["b"] * 3 + ["c"] * 30, "doc_id": "d", "start": range(123)})
    drawn = devsample.draw_hits(hits, 40, seed=1, minimum=5)
    counts = drawn["category"].value_counts().to_dict()
    assert counts == {"a": 29, "b": 3, "c": 10}
    assert drawn.equals(devsample.draw_hits(hits, 40, seed=1, minimum=5))


def test_wilson_interval_hand_computed():
    low, high = wilson_interval(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-4) and high == pytest.approx(0.9433, abs=1e-4)
    assert all(x != x for x in wilson_interval(0, 0))  # NaN when nothing was checked


def test_precision_table_from_gold():
    gold = pd.DataFrame({"category": ["a"] * 10 + ["b"] * 4, "label": [1] * 8 + [0] * 2 + [1, 0, 0, 0]})
    table = devsample.precision(gold).set_index("category")
    assert table.at["a", "precision"] == 0.8 and table.at["b", "correct"] == 1
    assert table.at["all", "hits_checked"] == 14 and table.at["all", "precision"] == pytest.approx(9 / 14)


@pytest.mark.parametrize("instrument", ["frames", "entman", "boosters", "metadiscourse", "markers"])
def test_audit_gold_files(instrument):
    from rhetoric.io.wordlists import read_table
    gold = read_table(f"audit_dev_{instrument}.csv")
    assert list(gold.columns[:12]) == ["instrument", "category", "doc_id", "start", "end", "term", "matched", "label",
                                       "note", "split", "sample_seed", "coder"]
    assert set(gold["split"]) == {"dev"} and set(gold["coder"]) == {"developer"}
    assert set(gold["label"].astype(int)) <= {0, 1}
