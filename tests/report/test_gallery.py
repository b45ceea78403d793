"""The gallery: ``figures/README.md`` with every figure and its caption, and the overview's gallery of small
embedded images with alt text."""
from __future__ import annotations

import base64

from rhetoric.report.figure_files import FigureImage, save_figure
from rhetoric.report.gallery import gallery, gallery_markdown
from rhetoric.report.style import new_figure


def _draw():
    fig, ax = new_figure("single", 2.0)
    ax.plot([0, 1, 2], [1, 0, 2], label="line")
    return fig


def test_gallery_page_lists_every_figure_with_its_caption_and_files(tmp_path):
    save_figure(_draw(), "a-one", "First [caption].", notebook="01-x.ipynb", out_dir=tmp_path, show=False)
    save_figure(_draw(), "b-two", "Second caption.", notebook="02-y.ipynb", out_dir=tmp_path, show=False)
    page = gallery_markdown(tmp_path)
    assert page == gallery_markdown(tmp_path)  # deterministic
    assert "## From [`01-x.ipynb`](../notebooks/01-x.ipynb)" in page and "### b-two" in page
    assert "![First (caption).](a-one.png)" in page  # brackets would end the alt text early
    assert "[PDF](a-one.pdf), [SVG](a-one.svg), [PNG](a-one.png)" in page
    (tmp_path / "b-two.png").unlink()
    assert "b-two" not in gallery_markdown(tmp_path)  # a figure without its file is not listed


def test_gallery_embeds_small_images_with_alt_text(tmp_path):
    save_figure(_draw(), "a-one", "First [caption].", notebook="01-x.ipynb", out_dir=tmp_path, show=False)
    save_figure(_draw(), "b-two", "Second caption.", notebook="02-y.ipynb", out_dir=tmp_path, show=False)
    objects = gallery(tmp_path)
    assert len(objects) == 4
    heading, image = objects[0], objects[1]
    assert heading.data == "**a-one** (from [01-x.ipynb](01-x.ipynb)): First [caption]."
    images = [o for o in objects if isinstance(o, FigureImage)]
    assert [(i.alt, i.width) for i in images] == [("First [caption].", 336), ("Second caption.", 336)]
    for i in images:
        assert i.png.startswith(b"\x89PNG") and len(i.png) < 60_000  # a thumbnail, not the 300-dpi file
        assert i.img_tag().startswith('<img src="data:image/png;base64,')
        assert base64.b64decode(i.data_uri().split(",", 1)[1], validate=True) == i.png
    again = gallery(tmp_path)
    assert [i.png for i in again if isinstance(i, FigureImage)] == [i.png for i in images]  # deterministic
    assert image is images[0]


def test_gallery_without_figures_says_so(tmp_path):
    (only,) = gallery(tmp_path / "empty")
    assert only.data.startswith("_No figures yet")
