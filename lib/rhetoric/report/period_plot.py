"""The time figure: each measure by period and group, small multiples (one panel per measure, one line per group).

Takes the table of :func:`rhetoric.analysis.periods.period_table` and returns a matplotlib figure in the project's
style (:mod:`rhetoric.report.figure_files`): each group a line in its fixed hue (the hues of every other figure),
its bootstrap 95% interval a band of the same hue; a cell of one article (or one outlet) is a point without a
band; a period without articles of a group is a gap in its line, never a line drawn through it. Periods are
placed at their first day, so uneven gaps in time stay visible; at most
:data:`~rhetoric.report.figure_files.MAX_TICK_LABELS` period labels are written on an axis.
"""
from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from rhetoric.report.layout import MAX_TICK_LABELS
from rhetoric.report.plots import group_colours
from rhetoric.report.style import WIDTHS, new_mosaic

#: Panels per row of the small multiples.
COLUMNS = 4
#: Labels written on each panel's time axis at most (every k-th period beyond it).
TICKS_PER_PANEL = 6


def _wrap(text: str, width: int = 34) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def period_figure(table: pd.DataFrame, title_unit: bool = True):
    """Small multiples of ``table`` (:data:`rhetoric.analysis.periods.PERIOD_COLUMNS`): one panel per measure in
    the table's order, one line per group with its interval as a band. An empty table is refused (the caller
    says why there is no figure: :attr:`pandas.DataFrame.attrs` ``why_empty``)."""
    if table.empty:
        raise ValueError("no periods to draw: " + str(table.attrs.get("why_empty", "the table is empty")))
    measures = list(dict.fromkeys(table["measure"]))
    groups = sorted(table["group"].unique())
    hues = group_colours(groups)
    periods = table.drop_duplicates("period").sort_values("period_start")
    starts = pd.to_datetime(periods["period_start"]).to_numpy()
    labels = periods["period"].tolist()
    # x positions in years since the first period, so gaps in time stay gaps
    years = (starts - starts[0]) / np.timedelta64(1, "D") / 365.25
    cols = min(COLUMNS, len(measures))
    rows = math.ceil(len(measures) / cols)
    layout = [[f"m{r * cols + c}" if r * cols + c < len(measures) else "." for c in range(cols)]
              for r in range(rows)]
    fig, axes = new_mosaic(layout, width="double", height=min(1.75 * rows + 0.8, 9.0), sharex=True)
    step = max(1, math.ceil(len(labels) / min(TICKS_PER_PANEL, MAX_TICK_LABELS)))
    for k, name in enumerate(measures):
        ax = axes[f"m{k}"]
        part = table[table["measure"] == name]
        for g in groups:
            cells = part[part["group"] == g].set_index("period").reindex(labels)
            y = cells["estimate"].to_numpy(dtype=float)
            low, high = cells["ci_low"].to_numpy(dtype=float), cells["ci_high"].to_numpy(dtype=float)
            ax.plot(years, y, color=hues[g], marker="o", markersize=2.5, linewidth=1.0)
            ax.fill_between(years, low, high, color=hues[g], alpha=0.18, linewidth=0)
        first = part.iloc[0]
        ax.set_title(_wrap(str(first["label"])), fontsize=7.5)
        ax.set_ylabel(_wrap(str(first["unit"]), 22) if title_unit else "", fontsize=6.5)
        shown = list(range(0, len(labels), step))
        ax.set_xticks([years[i] for i in shown])
        ax.set_xticklabels([labels[i] for i in shown], rotation=45, ha="right", fontsize=6)
        ax.tick_params(axis="y", labelsize=6)
        if k + cols >= len(measures):  # no panel below: this one carries the period labels
            ax.tick_params(axis="x", labelbottom=True)
    unit = str(table["analysis_unit"].iloc[0]) if "analysis_unit" in table.columns else "article"
    sizes = table.drop_duplicates(["period", "group"]).groupby("group")["n_docs"].sum()
    handles = [Line2D([], [], color=hues[g], marker="o", markersize=3) for g in groups]
    names = [f"{g} (n = {int(sizes.get(g, 0)):,})" for g in groups]
    fig.legend(handles, names, loc="outside lower center", ncols=min(len(groups), 4), frameon=False,
               title=f"group mean per {table.attrs.get('period', 'period')} with bootstrap 95% interval over "
                     f"{unit}s", title_fontsize=7)
    fig.set_figwidth(WIDTHS["double"])
    return fig
