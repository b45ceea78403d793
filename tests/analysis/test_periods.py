"""Measures over time: dates read strictly, the period chosen by the span, cells and intervals by hand."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rhetoric.analysis import periods
from rhetoric.analysis.periods import choose_period, period_of, period_table, read_dates
from rhetoric.instruments.registry import Measure


def measure(name: str) -> Measure:
    return Measure(name=name, column=name, builder="test", family="test", label=name, aggregation="mean")


def test_dates_are_read_as_iso_8601_and_the_others_named():
    docs = pd.DataFrame({"doc_id": list("abcdefg"),
                         "date": ["2019-07-20", "2019-07", "2019", "07/20/2019", "", "2019-07-20T10:00:00Z", "soon"]})
    dates = read_dates(docs)
    assert sorted(dates.when) == ["a", "b", "c", "f"] and dates.missing == ["e"]
    assert dates.unparseable == {"d": "07/20/2019", "g": "soon"}
    assert dates.precision == {"a": "day", "b": "month", "c": "year", "f": "day"}
    assert dates.when["f"] == pd.Timestamp("2019-07-20 10:00")
    assert dates.note() == ("4 of 7 articles have a date read as ISO 8601; 1 have none; 2 have a date that is not "
                            "ISO 8601 (YYYY-MM-DD), left out rather than guessed: d ('07/20/2019'), g ('soon').")


def test_the_period_follows_the_span():
    def span(days: int) -> str:
        later = pd.Timestamp("2018-01-01") + pd.Timedelta(days=days)
        docs = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2018-01-01", str(later.date())]})
        return choose_period(read_dates(docs))

    assert span(0) == "month" and span(periods.MONTHS_UP_TO) == "month"
    assert span(periods.MONTHS_UP_TO + 1) == "quarter" and span(periods.QUARTERS_UP_TO) == "quarter"
    assert span(periods.QUARTERS_UP_TO + 1) == "year"
    assert period_of(pd.Timestamp("2019-08-31"), "quarter") == ("2019-Q3", pd.Timestamp("2019-07-01"))
    assert period_of(pd.Timestamp("2019-08-31"), "month") == ("2019-08", pd.Timestamp("2019-08-01"))
    with pytest.raises(ValueError, match="unknown period"):
        period_of(pd.Timestamp("2019-08-31"), "week")


def _corpus():
    """Two groups over three months; article values chosen by hand; one article dated by its year only."""
    docs = pd.DataFrame({
        "doc_id": ["a1", "a2", "a3", "b1", "b2", "b3", "b4", "y"],
        "stance": ["a", "a", "a", "b", "b", "b", "b", "a"],
        "outlet": ["P", "Q", "P", "R", "R", "S", "S", "P"],
        "date": ["2020-01-05", "2020-01-20", "2020-03-02", "2020-01-11", "2020-02-01", "2020-02-28", "2020-02-03",
                 "2020"]})
    articles = pd.DataFrame({"doc_id": docs["doc_id"], "m0": [1.0, 3.0, 5.0, 2.0, 4.0, 8.0, 6.0, 100.0],
                             "m1": [0.0, 1.0, np.nan, 1.0, 1.0, 0.0, 1.0, 1.0]})
    return articles, docs


def test_cells_by_hand_and_year_only_dates_left_out():
    articles, docs = _corpus()
    table = period_table(articles, docs, [measure("m0"), measure("m1")], seed=4, n=400)
    assert table.attrs["period"] == "month" and table.attrs["too_coarse"] == ["y"]
    assert table.attrs["rule"].startswith("months: the dates span 61 days")  # the year-only date counts as 1 Jan
    m0 = table[table["measure"] == "m0"].set_index(["period", "group"])
    assert list(m0.index) == [("2020-01", "a"), ("2020-01", "b"), ("2020-02", "b"), ("2020-03", "a")]
    assert m0["estimate"].tolist() == [2.0, 2.0, 6.0, 5.0] and m0["n_docs"].tolist() == [2, 1, 3, 1]
    assert np.isnan(m0.loc[("2020-01", "b"), "ci_low"]) and np.isnan(m0.loc[("2020-03", "a"), "ci_high"])
    # the interval of February's b: its three articles resampled with the cell's own seeded draw
    idx = np.random.default_rng([4, 2, 0]).integers(0, 3, size=(400, 3))
    boot = np.array([4.0, 8.0, 6.0])[idx].mean(axis=1)
    assert m0.loc[("2020-02", "b"), "ci_low"] == pytest.approx(np.quantile(boot, 0.025))
    assert m0.loc[("2020-02", "b"), "ci_high"] == pytest.approx(np.quantile(boot, 0.975))
    m1 = table[table["measure"] == "m1"].set_index(["period", "group"])
    assert np.isnan(m1.loc[("2020-03", "a"), "estimate"])  # a3 has no value of m1
    assert (table["analysis_unit"] == "article").all()


def test_clusters_resample_outlets_and_count_them():
    articles, docs = _corpus()
    outlets = dict(zip(docs["doc_id"], docs["outlet"]))
    table = period_table(articles, docs, [measure("m0")], seed=4, n=400, clusters=outlets, cluster_column="outlet")
    cells = table.set_index(["period", "group"])
    assert (table["analysis_unit"] == "outlet").all()
    assert cells.loc[("2020-02", "b"), "n_units"] == 2 and cells.loc[("2020-01", "a"), "n_units"] == 2
    # February's b: outlets R (4) and S (8, 6) resampled whole
    idx = np.random.default_rng([4, 2, 0]).integers(0, 2, size=(400, 2))
    sums, counts = np.array([4.0, 14.0]), np.array([1.0, 2.0])
    boot = sums[idx].sum(axis=1) / counts[idx].sum(axis=1)
    assert cells.loc[("2020-02", "b"), "ci_low"] == pytest.approx(np.quantile(boot, 0.025))
    quarterly = period_table(articles, docs, [measure("m0")], seed=4, n=100, period="quarter")
    assert quarterly.attrs["rule"] == "quarters, as chosen" and set(quarterly["period"]) == {"2020-Q1"}


def test_nothing_without_dates():
    articles, docs = _corpus()
    none = period_table(articles, docs.drop(columns="date"), [measure("m0")], seed=1)
    assert none.empty and none.attrs["why_empty"] == "no date column: no measures over time"
    bad = period_table(articles, docs.assign(date="someday"), [measure("m0")], seed=1)
    assert bad.empty and "no parseable date" in bad.attrs["why_empty"] and "8 have a date" in bad.attrs["dates"]
    assert list(none.columns) == periods.PERIOD_COLUMNS
