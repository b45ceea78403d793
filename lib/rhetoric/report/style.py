"""One style for every figure: journal sizes, one font, a colour-blind-safe palette.

:data:`WIDTHS` are a journal's column widths; :data:`STYLE` the matplotlib settings every figure uses (DejaVu
Sans, which ships with matplotlib, so the text is drawn the same on every machine; TrueType fonts in PDF; a fixed
SVG hash salt; text never parsed as mathtext); :data:`PALETTE` the Okabe-Ito colours of seaborn's "colorblind"
palette. :func:`new_figure` makes a figure at a journal width in this style. The backend is chosen once for the
package (``rhetoric.report``: Agg, headless and deterministic).
"""
from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import seaborn as sns

#: Physical widths in inches (one journal column, 1.5 columns, two columns).
WIDTHS = {"single": 3.5, "onehalf": 5.0, "double": 7.2}
DPI = 300
SCREEN_DPI = 150
#: CSS pixels per inch: a figure is shown at its physical size.
CSS_DPI = 96
#: Okabe-Ito via seaborn's "colorblind" palette.
PALETTE = sns.color_palette("colorblind")

STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: identical on every machine
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "path",
    "svg.hashsalt": "rhetoric",
    "savefig.dpi": DPI,
    "figure.dpi": SCREEN_DPI,
    "path.simplify": True,
    "axes.linewidth": 0.6,
    "lines.linewidth": 1.0,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.major.size": 3,
    "ytick.major.size": 3,
    "patch.linewidth": 0.6,
    # Text is drawn as given: a corpus string holding "$...$" (an id, a group, a term) is not LaTeX math.
    "text.parse_math": False,
}


def use_style() -> None:
    """Apply the project style (seaborn 'ticks' + colour-blind palette + STYLE) to matplotlib."""
    sns.set_theme(context="paper", style="ticks", palette=PALETTE, rc=STYLE)
    matplotlib.rcParams.update(STYLE)


def new_figure(width: str = "single", height: float = 2.6, **kwargs):
    """``(fig, ax)`` at a journal width ('single', 'onehalf', 'double') with constrained layout."""
    use_style()
    return plt.subplots(figsize=(WIDTHS[width], height), layout="constrained", **kwargs)


def new_mosaic(layout, width: str = "double", height: float = 6.0, **kwargs):
    """``(fig, axes)`` for a multi-panel figure (``plt.subplot_mosaic``) at a journal width."""
    use_style()
    fig = plt.figure(figsize=(WIDTHS[width], height), layout="constrained")
    return fig, fig.subplot_mosaic(layout, **kwargs)
