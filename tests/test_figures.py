"""The shared figure helper: journal sizes, TrueType fonts, no dates, byte-identical re-saves."""
from __future__ import annotations

from rhetoric.figures import WIDTHS, gallery_markdown, new_figure, read_manifest, save_figure


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
                                            "width_in": str(WIDTHS["single"]), "height_in": "2.0"}]
    assert "A caption." in gallery_markdown(tmp_path / "a")


def test_png_is_300_dpi_at_physical_size(tmp_path):
    from PIL import Image

    save_figure(_draw(), "t", "c", notebook="n", out_dir=tmp_path)
    with Image.open(tmp_path / "t.png") as im:
        assert im.size == (round(WIDTHS["single"] * 300), 600)
