"""Saving every figure one way: TrueType fonts, no dates, byte-identical re-saves; the manifest; the figure as a
notebook output (an inline PNG with the caption as alt text); a layout check that does not change the files."""
from __future__ import annotations

import base64

import pytest
from IPython.core.formatters import DisplayFormatter
from PIL import Image

from rhetoric.base.paths import FIGURES
from rhetoric.report.figure_files import (
    MANIFEST_COLUMNS,
    _render,
    clear_figures,
    read_manifest,
    save_figure,
)
from rhetoric.report.style import DPI, WIDTHS, new_figure


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
    assert (tmp_path / "a" / "figures.csv").read_bytes() == (tmp_path / "b" / "figures.csv").read_bytes()


def test_png_is_300_dpi_at_physical_size(tmp_path):
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


def test_manifest_without_the_new_column_still_reads(tmp_path):
    (tmp_path / "figures.csv").write_text("name,notebook,caption,width_in,height_in\nx,n,c,3.5,2.0\n")
    table = read_manifest(tmp_path)
    assert list(table.columns) == MANIFEST_COLUMNS and table["layout_problems"].tolist() == [""]


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
    return _render(fig, fmt, DPI)


def test_no_committed_figure_has_a_layout_problem():
    """Every figure the notebooks save: no text cut off at the canvas edge, no legend over data."""
    table = read_manifest(FIGURES)
    if table.empty:
        pytest.skip("no figures yet: run `make run`")
    assert list(table.columns) == MANIFEST_COLUMNS
    with_problems = {r.name: r.layout_problems for r in table.itertuples(index=False) if r.layout_problems}
    assert with_problems == {}, "figures with layout problems (fix the plot, see figures/figures.csv)"


def test_clear_figures_forgets_one_notebooks_figures_and_files(tmp_path):
    save_figure(_draw(), "a-one", "First.", notebook="01-x.ipynb", out_dir=tmp_path, show=False)
    save_figure(_draw(), "b-two", "Second.", notebook="02-y.ipynb", out_dir=tmp_path, show=False)
    clear_figures(tmp_path, "01-x.ipynb")
    assert list(read_manifest(tmp_path)["name"]) == ["b-two"]
    assert not any((tmp_path / f"a-one.{fmt}").exists() for fmt in ("pdf", "svg", "png"))
    assert all((tmp_path / f"b-two.{fmt}").is_file() for fmt in ("pdf", "svg", "png"))
    clear_figures(tmp_path, "09-none.ipynb")  # a notebook that saved nothing: nothing to do
    assert list(read_manifest(tmp_path)["name"]) == ["b-two"]
