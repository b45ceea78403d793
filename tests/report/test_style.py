"""One style for every figure: journal widths, the fonts a PDF embeds, the colour-blind palette, text never parsed
as mathtext."""
from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt

from rhetoric.report import style


def test_new_figure_has_a_journal_width_and_constrained_layout():
    for width, inches in style.WIDTHS.items():
        fig, ax = style.new_figure(width, 2.0)
        assert tuple(fig.get_size_inches()) == (inches, 2.0)
        assert fig.get_layout_engine().__class__.__name__ == "ConstrainedLayoutEngine"
        plt.close(fig)


def test_use_style_sets_the_project_style():
    plt.rcdefaults()
    style.use_style()
    assert matplotlib.rcParams["pdf.fonttype"] == 42 and matplotlib.rcParams["svg.hashsalt"] == "rhetoric"
    assert matplotlib.rcParams["font.family"] == ["DejaVu Sans"] and matplotlib.rcParams["text.parse_math"] is False
    assert matplotlib.rcParams["savefig.dpi"] == style.DPI == 300


def test_palette_is_okabe_ito_and_the_backend_headless():
    assert len(style.PALETTE) == 10
    assert [round(255 * c) for c in style.PALETTE[0]] == [1, 115, 178]  # seaborn's "colorblind" blue
    assert matplotlib.get_backend().lower() == "agg"
