"""The layout checker on synthetic figures: text cut off at the canvas edge, legends over data, crowded or
overlapping tick labels, text drawn over lines."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from rhetoric.report.layout import MAX_TICK_LABELS, layout_problems
from rhetoric.report.style import new_figure


def test_clean_layout_has_no_problems():
    fig, ax = new_figure("single", 2.4)
    x = np.linspace(0, 1, 50)
    ax.plot(x, x ** 2, label="square")
    ax.plot(x, x ** 3, label="cube")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("Powers")
    ax.legend(loc="upper left")  # the curves stay low on the left: nothing under the legend
    ax.annotate("end", xy=(1, 1), xytext=(0.7, 0.9), arrowprops={"arrowstyle": "->"})
    assert layout_problems(fig) == []
    plt.close(fig)


def test_clipped_axis_label_is_reported():
    fig, ax = plt.subplots(figsize=(3, 2))  # no layout engine: nothing makes room for a big label
    ax.plot([0, 1], [0, 1])
    ax.set_ylabel("A label far too large", fontsize=30)
    problems = layout_problems(fig)
    assert len(problems) == 1
    assert problems[0].startswith("y axis label 'A label far too large' is cut off at the canvas edge")
    plt.close(fig)


def test_clipped_tick_labels_and_figure_text_are_reported():
    fig, ax = new_figure("single", 2.0)
    ax.plot([0, 1], [0, 1])
    fig.text(0.95, 0.5, "outside on the right")
    problems = layout_problems(fig)
    assert problems == [p for p in problems if "outside on the right" in p] and len(problems) == 1
    assert "right by" in problems[0] and problems[0].startswith("figure text")
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1], [0, 1])
    ax.set_position([0.0, 0.3, 0.9, 0.6])  # y tick labels now left of the canvas
    assert any(p.startswith("y tick label") and "left by" in p for p in layout_problems(fig))
    plt.close(fig)


def test_legend_over_data_is_reported_for_each_kind_of_data():
    fig, ax = new_figure("single", 2.4)
    ax.bar(range(5), [5, 4, 5, 4.5, 5], label="bars")
    ax.legend(loc="center")
    problems = layout_problems(fig)
    assert len(problems) == 1 and problems[0].startswith("legend covers plotted data") and "patch" in problems[0]
    plt.close(fig)

    fig, ax = new_figure("single", 2.4)
    ax.scatter([0.5], [0.5], label="middle point")
    ax.scatter([0, 1], [0, 1], label="corners")
    ax.legend(loc="center")
    problems = layout_problems(fig)
    assert len(problems) == 1 and "markers 'middle point'" in problems[0] and "corners" not in problems[0]
    plt.close(fig)

    fig, ax = new_figure("single", 2.4)
    ax.plot([0, 1], [0.5, 0.5], label="level")
    ax.legend(loc="center")
    assert any("line 'level'" in p for p in layout_problems(fig))
    plt.close(fig)

    fig, ax = new_figure("single", 2.4)
    ax.imshow(np.arange(25.0).reshape(5, 5))
    ax.plot([0, 0.1], [0, 0.1], label="tiny")
    ax.legend(loc="center")
    assert any("image" in p for p in layout_problems(fig))
    plt.close(fig)


def test_legend_beside_data_is_not_an_overlap():
    fig, ax = new_figure("single", 2.4)
    ax.plot([0, 1], [0, 1], label="diagonal")
    ax.legend(loc="upper left")  # the diagonal runs from lower left to upper right
    assert layout_problems(fig) == []
    plt.close(fig)


def test_figure_legend_is_checked_against_every_axes():
    fig, axes = plt.subplots(1, 2, figsize=(5, 2), layout="constrained")
    for ax in axes:
        ax.plot([0, 1], [0, 1], label="diagonal")
    fig.legend(loc="outside right upper")
    assert layout_problems(fig) == []
    plt.close(fig)
    fig, axes = plt.subplots(1, 2, figsize=(5, 2), layout="constrained")
    axes[0].plot([0, 1], [0.4, 0.6], label="flat")
    axes[1].plot([0, 1], [0, 1], label="rising")
    axes[0].set_title("left")
    leg = fig.legend(loc="center left", bbox_to_anchor=(0.15, 0.5))
    assert leg.parent is fig
    problems = layout_problems(fig)
    assert len(problems) == 1 and problems[0].startswith("figure legend covers plotted data of 'left'")
    plt.close(fig)


def test_overcrowded_axis_is_reported():
    fig, ax = new_figure("single", 8.0)
    n = MAX_TICK_LABELS + 1
    ax.barh(range(n), np.arange(n))
    ax.set_yticks(range(n), [f"d{k}" for k in range(n)], fontsize=3)  # small enough not to overlap
    problems = layout_problems(fig)
    assert len(problems) == 1 and problems[0].startswith("y axis of 'axes 1' is overcrowded: 31 tick labels")
    plt.close(fig)
    fig, ax = new_figure("single", 8.0)  # one label fewer: fine
    ax.barh(range(n - 1), np.arange(n - 1))
    ax.set_yticks(range(n - 1), [f"d{k}" for k in range(n - 1)], fontsize=3)
    assert layout_problems(fig) == []
    plt.close(fig)


def test_overlapping_tick_labels_are_reported():
    fig, ax = new_figure("single", 1.6)
    ax.barh(range(20), np.arange(20))
    ax.set_yticks(range(20), [f"document number {k}" for k in range(20)])  # 20 rows of 7-pt text in ~1 inch
    ax.set_title("Crowded")
    problems = layout_problems(fig)
    assert any(p.startswith("y axis of 'Crowded' has overlapping tick labels") for p in problems), problems
    assert not any("x axis" in p for p in problems)
    plt.close(fig)
    fig, ax = new_figure("single", 4.0)  # the same labels with room: fine
    ax.barh(range(20), np.arange(20))
    ax.set_yticks(range(20), [f"document number {k}" for k in range(20)], fontsize=6)
    assert layout_problems(fig) == []
    plt.close(fig)


def _problems_like(fig, word: str) -> list[str]:
    return [p for p in layout_problems(fig) if word in p]


def test_text_over_a_line_is_reported():
    fig, ax = new_figure("single", 2.4)
    x = np.linspace(0, 1, 50)
    ax.plot(x, x, label="diagonal")
    ax.text(0.5, 0.5, "right on the diagonal", ha="center", va="center")
    problems = layout_problems(fig)
    assert len(problems) == 1 and problems[0].startswith("text 'right on the diagonal' is drawn over line "
                                                         "'diagonal'"), problems
    plt.close(fig)
    fig, ax = new_figure("single", 2.4)  # interval bars and markers (collections) count too
    ax.errorbar([0.2, 0.8], [0, 1], xerr=0.5, fmt="o")
    ax.annotate("over the bar", (0.2, 0.0), ha="center", va="center")
    assert len(_problems_like(fig, "is drawn over")) == 1
    plt.close(fig)


def test_text_beside_lines_or_on_its_own_ground_is_not_reported():
    fig, ax = new_figure("single", 2.4)
    x = np.linspace(0, 1, 50)
    ax.plot(x, x, label="diagonal")
    ax.text(0.05, 0.9, "upper left, clear", va="top")  # the diagonal is low on the left
    ax.text(0.5, 0.5, "boxed", ha="center", va="center", bbox={"facecolor": "white", "edgecolor": "none"})
    assert layout_problems(fig) == []
    plt.close(fig)
    fig, ax = new_figure("single", 2.4)  # a see-through box does not make the text legible: still reported
    ax.plot(x, x)
    ax.text(0.5, 0.5, "half boxed", ha="center", va="center", bbox={"facecolor": "white", "alpha": 0.3})
    assert len(_problems_like(fig, "'half boxed' is drawn over")) == 1
    plt.close(fig)
