"""The time figure: one panel per measure, one line per group, bands for intervals, no layout problem."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rhetoric.analysis.periods import period_table
from rhetoric.instruments.registry import Measure
from rhetoric.report.figure_files import layout_problems
from rhetoric.report.period_plot import period_figure


def _table(measures: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(2)
    days = pd.date_range("2018-01-01", "2019-12-31", periods=120)
    docs = pd.DataFrame({"doc_id": [f"d{k}" for k in range(120)], "stance": np.where(np.arange(120) % 3, "x", "y"),
                         "date": [str(d.date()) for d in days]})
    articles = pd.DataFrame({"doc_id": docs["doc_id"], **{f"m{j}": rng.normal(j, 1, 120) for j in range(measures)}})
    ms = [Measure(name=f"m{j}", column=f"m{j}", builder="t", family="t", label=f"measure {j}",
                  aggregation="mean") for j in range(measures)]
    return period_table(articles, docs, ms, seed=1, n=200)


def test_one_panel_per_measure_and_a_line_and_band_per_group():
    table = _table(5)
    fig = period_figure(table)
    axes = [ax for ax in fig.axes if ax.get_visible() and ax.has_data()]
    assert len(axes) == 5 and [ax.get_title() for ax in axes] == [f"measure {j}" for j in range(5)]
    assert all(len(ax.lines) == 2 and len(ax.collections) == 2 for ax in axes)
    assert table.attrs["period"] == "quarter" and len(axes[0].lines[0].get_xdata()) == 8
    assert layout_problems(fig) == []
    legend = fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == ["x (n = 80)", "y (n = 40)"]


def test_an_empty_table_is_refused_with_the_reason():
    empty = pd.DataFrame(columns=["measure"])
    empty.attrs["why_empty"] = "no date column: no measures over time"
    with pytest.raises(ValueError, match="no date column"):
        period_figure(empty)
