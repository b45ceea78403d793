"""The shared figure helper: journal sizes, TrueType fonts, no dates, byte-identical re-saves; images with
alt text; layout checks (text cut off at the canvas edge, legends over data)."""
from __future__ import annotations

import base64
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from IPython.core.formatters import DisplayFormatter

from rhetoric.base.paths import FIGURES
from rhetoric.report.figure_files import (
    MANIFEST_COLUMNS,
    MAX_TICK_LABELS,
    WIDTHS,
    FigureImage,
    gallery,
    gallery_for_notebooks,
    gallery_markdown,
    layout_problems,
    new_figure,
    read_manifest,
    save_figure,
)


def _draw():
    fig, ax = new_figure("single", 2.0)
    ax.plot([0, 1, 2], [1, 0, 2], label="line")
    ax.set_title("Test – “quotes”")
    return fig


def test_save_is_byte_identical_and_clean(tmp_path):
    save_figure(_draw(), "t", "A caption.", notebook="99-test.ipynb", out_dir=tmp_path / "a")
    save_figure(_draw(), "t", "A caption.", notebook="99-test.ipynb", out_dir=tmp_path / "b")
    for ext in ("pdf", "svg", "png"):
        assert (tmp_path / "a" / f"t.{ext}").read_bytes() == (tmp_path / "b" / f"t.{ext}").read_bytes()
    pdf = (tmp_path / "a" / "t.pdf").read_bytes()
    assert b"/FontFile2" in pdf  # TrueType (Type 42) embedded
    assert b"CreationDate" not in pdf and b"Matplotlib" not in pdf
    svg = (tmp_path / "a" / "t.svg").read_text()
    assert "<dc:date>" not in svg
    manifest = read_manifest(tmp_path / "a")
    assert manifest.to_dict("records") == [{"name": "t", "notebook": "99-test.ipynb", "caption": "A caption.",
                                            "width_in": str(WIDTHS["single"]), "height_in": "2.0",
                                            "layout_problems": ""}]
    assert "A caption." in gallery_markdown(tmp_path / "a")
    assert (tmp_path / "a" / "figures.csv").read_bytes() == (tmp_path / "b" / "figures.csv").read_bytes()


def test_png_is_300_dpi_at_physical_size(tmp_path):
    from PIL import Image

    save_figure(_draw(), "t", "c", notebook="n", out_dir=tmp_path)
    with Image.open(tmp_path / "t.png") as im:
        assert im.size == (round(WIDTHS["single"] * 300), 600)


def test_saved_figure_shows_as_inline_png_with_alt_text(tmp_path):
    shown = save_figure(_draw(), "t", 'Tone "per" sentence <b>.', notebook="n", out_dir=tmp_path)
    again = save_figure(_draw(), "t", 'Tone "per" sentence <b>.', notebook="n", out_dir=tmp_path)
    data, metadata = DisplayFormatter().format(shown)
    assert sorted(data) == ["image/png", "text/plain"]
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG\r\n\x1a\n")
    assert metadata == {"image/png": {"width": round(WIDTHS["single"] * 96), "alt": 'Tone "per" sentence <b>.'}}
    assert data["text/plain"] == 'Figure t: Tone "per" sentence <b>.'
    assert DisplayFormatter().format(again) == (data, metadata)  # byte-identical outputs run to run
    assert 'alt="Tone &quot;per&quot; sentence &lt;b&gt;."' in shown.img_tag()
    assert save_figure(_draw(), "t", "c", notebook="n", out_dir=tmp_path, show=False) is None


def test_gallery_embeds_small_images_with_alt_text(tmp_path):
    save_figure(_draw(), "a-one", "First [caption].", notebook="01-x.ipynb", out_dir=tmp_path)
    save_figure(_draw(), "b-two", "Second caption.", notebook="02-y.ipynb", out_dir=tmp_path)
    md = gallery_for_notebooks(tmp_path)
    assert md == gallery_for_notebooks(tmp_path)  # deterministic
    assert "../figures" not in md and "a-one.png" not in md
    imgs = re.findall(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)" width="(\d+)">', md)
    assert [(alt, width) for _, alt, width in imgs] == [("First [caption].", "336"), ("Second caption.", "336")]
    for b64, _, _ in imgs:
        png = base64.b64decode(b64, validate=True)
        assert png.startswith(b"\x89PNG") and len(png) < 60_000
    assert "[01-x.ipynb](01-x.ipynb)" in md
    readme = gallery_markdown(tmp_path)
    assert "![First (caption).](a-one.png)" in readme
    objects = gallery(tmp_path)
    assert len(objects) == 4 and isinstance(objects[1], FigureImage) and objects[1].alt == "First [caption]."
    assert gallery_for_notebooks(tmp_path / "empty").startswith("_No figures yet")


def test_manifest_without_the_new_column_still_reads(tmp_path):
    (tmp_path / "figures.csv").write_text("name,notebook,caption,width_in,height_in\nx,n,c,3.5,2.0\n")
    table = read_manifest(tmp_path)
    assert list(table.columns) == MANIFEST_COLUMNS and table["layout_problems"].tolist() == [""]


# --- layout_problems on synthetic figures ----------------------------------------------------------------

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


def test_layout_check_does_not_change_the_saved_files(tmp_path):
    def draw():
        fig, ax = new_figure("single", 2.0)
        ax.plot([0, 1], [0, 1], label="l")
        ax.set_xlabel("An x label long enough to need the whole width of one column, and more")
        ax.legend(loc="center")
        return fig

    save_figure(draw(), "t", "c", notebook="n", out_dir=tmp_path)
    fig = draw()
    plain = {fmt: _render_bytes(fig, fmt) for fmt in ("pdf", "svg", "png")}
    for fmt, data in plain.items():
        assert (tmp_path / f"t.{fmt}").read_bytes() == data
    assert read_manifest(tmp_path)["layout_problems"].iloc[0] != ""


def _render_bytes(fig, fmt):
    from rhetoric.report.figure_files import DPI, _render

    return _render(fig, fmt, DPI)


# --- every figure the notebooks save ---------------------------------------------------------------------

def test_no_committed_figure_has_a_layout_problem():
    """Every figure the notebooks save: no text cut off at the canvas edge, no legend over data."""
    table = read_manifest(FIGURES)
    if table.empty:
        pytest.skip("no figures yet: run `make run`")
    assert list(table.columns) == MANIFEST_COLUMNS
    with_problems = {r.name: r.layout_problems for r in table.itertuples(index=False) if r.layout_problems}
    assert with_problems == {}, "figures with layout problems (fix the plot, see figures/figures.csv)"


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


# --- text over lines, constant panels, mostly empty panels ---------------------------------------------------

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
