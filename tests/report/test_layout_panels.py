"""The layout checks on what a panel plots: a panel of a constant, a mostly empty panel (run by the layout
checker with the others, and on their own here)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from rhetoric.report.layout import layout_problems
from rhetoric.report.layout_panels import constant_panels, mostly_empty_panels
from rhetoric.report.style import new_figure


def _problems_like(fig, word: str) -> list[str]:
    """The panel checks' problems containing ``word``, drawn as the layout checker draws (every check of a
    figure is the checker's, so the two must agree)."""
    fig.canvas.draw()
    own = [p for p in constant_panels(fig) + mostly_empty_panels(fig, fig.canvas.get_renderer()) if word in p]
    assert own == [p for p in layout_problems(fig) if word in p]
    return own


def test_constant_panels_are_reported():
    fig, axes = plt.subplots(1, 4, figsize=(7, 2), layout="constrained")
    axes[0].plot([0, 1, 2], [0.0, 0.0, 0.0])  # a flat line
    axes[0].set_title("flat")
    axes[1].bar(["a", "b", "c"], [2.0, 2.0, 2.0])  # bars of one height
    axes[1].set_title("bars")
    axes[2].scatter([1, 2, 3], [5, 5, 5])
    axes[2].set_title("points")
    axes[3].imshow(np.zeros((3, 4)))
    axes[3].set_title("image")
    problems = _problems_like(fig, "plots a constant")
    assert [p.split("'")[1] for p in problems] == ["flat", "bars", "points", "image"], problems
    assert "every y value is 0" in problems[0] and "every image value is 0" in problems[3]
    plt.close(fig)


def test_varying_panels_and_category_rows_are_not_constant():
    fig, axes = plt.subplots(1, 3, figsize=(7, 2), layout="constrained")
    axes[0].bar(["a", "b", "c"], [2.0, 3.0, 2.0])  # bar positions are categories, not values
    axes[1].errorbar([0.4], [0], xerr=[[0.3], [0.5]], fmt="o")  # one category row with an interval
    axes[1].set_yticks([0], ["words per sentence"])
    axes[1].axvline(0, color="0.6")  # a reference line is not data
    axes[2].boxplot([[1, 2, 3], [2, 3, 9]])
    assert _problems_like(fig, "plots a constant") == []
    plt.close(fig)


def test_mostly_empty_panel_is_reported():
    fig, ax = new_figure("single", 2.4)
    ax.plot([0, 1, 2], [0, 1, 0.5])
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)  # the data in a corner: 20% of the width and 10% of the height
    ax.set_title("corner")
    problems = layout_problems(fig)
    assert len(problems) == 1 and problems[0].startswith("'corner' is mostly empty: its data cover 2% of the panel")
    assert _problems_like(fig, "is mostly empty") == problems
    plt.close(fig)
    fig, ax = new_figure("single", 2.4)  # a dot plot whose values crowd one end of a long axis
    ax.errorbar([9.6, 9.8, 10.0], [0, 1, 2], xerr=0.05, fmt="o")
    ax.set_yticks([0, 1, 2], ["a", "b", "c"])
    ax.set_xlim(0, 10.2)
    assert len(_problems_like(fig, "is mostly empty")) == 1
    plt.close(fig)


def test_filled_panels_are_not_mostly_empty():
    fig, axes = plt.subplots(1, 3, figsize=(7, 2), layout="constrained")
    axes[0].plot([0, 1, 2], [0, 1, 0.5])
    axes[1].errorbar([0.4], [0], xerr=[[0.3], [0.5]], fmt="o")  # one category row: its direction counts as full
    axes[1].set_yticks([0], ["words per sentence"])
    axes[2].scatter(np.linspace(0, 1, 20), np.linspace(0, 1, 20) ** 2, s=4)
    assert _problems_like(fig, "is mostly empty") == []
    plt.close(fig)


def test_interval_bars_alone_are_values():
    """An interval's bar is a line collection in data units: its ends are values (a row whose dot sits at a
    constant while its bar spans 0.2 to 0.6 is not a constant), and two bars at one position are."""
    fig, ax = new_figure("single", 1.6)
    ax.errorbar([0.4, 0.4], [0, 1], xerr=[[0.2, 0.2], [0.2, 0.2]], fmt="o")
    ax.set_yticks([0, 1], ["a", "b"])
    assert _problems_like(fig, "plots a constant") == []
    plt.close(fig)
    fig, ax = new_figure("single", 1.6)
    ax.errorbar([0.4, 0.4], [0, 1], xerr=[[0.0, 0.0], [0.0, 0.0]], fmt="o")
    ax.set_yticks([0, 1], ["a", "b"])
    assert len(_problems_like(fig, "every x value is 0.4")) == 1
    plt.close(fig)
