"""One way to make and save every figure: journal sizes, one style, colour-blind-safe, byte-identical.

Each figure is saved as PDF (TrueType/Type 42 fonts), SVG and 300-dpi PNG with creation dates and
creator strings removed and a fixed SVG hash salt, so re-running a notebook rewrites the same bytes.
Each save records the figure's caption and source notebook in ``figures/figures.csv``, from which
``figures/README.md`` (the gallery) is generated.
"""
from __future__ import annotations

import io
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless and deterministic; notebooks display the PNG we hand them
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from .files import atomic_write  # noqa: E402
from .paths import FIGURES  # noqa: E402

#: Physical widths in inches (one journal column, 1.5 columns, two columns).
WIDTHS = {"single": 3.5, "onehalf": 5.0, "double": 7.2}
DPI = 300
SCREEN_DPI = 150
MANIFEST = "figures.csv"
MANIFEST_COLUMNS = ["name", "notebook", "caption", "width_in", "height_in"]
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
}
_METADATA = {
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
    "svg": {"Creator": None, "Date": None},
    "png": {"Software": None},
}


def use_style() -> None:
    """Apply the project style (seaborn 'ticks' + colour-blind palette + STYLE) to matplotlib."""
    sns.set_theme(context="paper", style="ticks", palette=PALETTE, rc=STYLE)
    matplotlib.rcParams.update(STYLE)


def stance_colours(stances: list[str]) -> dict[str, tuple]:
    """A fixed colour per stance label, in the order given (sorted order gives the same colour every run)."""
    return {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sorted(dict.fromkeys(stances)))}


def new_figure(width: str = "single", height: float = 2.6, **kwargs):
    """``(fig, ax)`` at a journal width ('single', 'onehalf', 'double') with constrained layout."""
    use_style()
    return plt.subplots(figsize=(WIDTHS[width], height), layout="constrained", **kwargs)


def new_mosaic(layout, width: str = "double", height: float = 6.0, **kwargs):
    """``(fig, axes)`` for a multi-panel figure (``plt.subplot_mosaic``) at a journal width."""
    use_style()
    fig = plt.figure(figsize=(WIDTHS[width], height), layout="constrained")
    return fig, fig.subplot_mosaic(layout, **kwargs)


def _render(fig, fmt: str, dpi: int) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
    return buf.getvalue()


def save_figure(fig, name: str, caption: str, notebook: str, out_dir: Path | str | None = None,
                show: bool = True):
    """Save ``fig`` as ``name``.pdf/.svg/.png in ``out_dir`` (default ``figures/``), record it, show it.

    Returns an ``IPython.display.Image`` of the figure at its physical size (so the notebook shows what
    the paper gets), or ``None`` when ``show`` is false. The figure is closed afterwards.
    """
    out = Path(out_dir) if out_dir is not None else FIGURES
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    for fmt in ("pdf", "svg", "png"):
        atomic_write(out / f"{name}.{fmt}", _render(fig, fmt, DPI))
    width, height = fig.get_size_inches()
    record_figure(out, name=name, notebook=notebook, caption=caption, width_in=round(float(width), 2),
                  height_in=round(float(height), 2))
    screen = _render(fig, "png", SCREEN_DPI)
    plt.close(fig)
    if not show:
        return None
    from IPython.display import Image

    return Image(data=screen, format="png", width=int(round(width * 96)))


def read_manifest(out_dir: Path | str | None = None) -> pd.DataFrame:
    path = (Path(out_dir) if out_dir is not None else FIGURES) / MANIFEST
    if not path.is_file():
        return pd.DataFrame(columns=MANIFEST_COLUMNS)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def record_figure(out_dir: Path, **entry) -> None:
    """Insert or replace one figure's entry in the manifest (sorted by name, so the file is stable)."""
    table = read_manifest(out_dir)
    table = table[table["name"] != entry["name"]]
    table = pd.concat([table, pd.DataFrame([{k: str(v) for k, v in entry.items()}])], ignore_index=True)
    table = table.sort_values(["notebook", "name"], kind="mergesort")[MANIFEST_COLUMNS]
    atomic_write(Path(out_dir) / MANIFEST, table.to_csv(index=False, lineterminator="\n").encode())


def gallery_markdown(out_dir: Path | str | None = None) -> str:
    """``figures/README.md``: every figure with its caption and source notebook (generated; do not edit)."""
    out = Path(out_dir) if out_dir is not None else FIGURES
    table = read_manifest(out)
    lines = ["# Figures", "",
             "Generated by `rhetoric run` (`make run`) from the notebooks; do not edit by hand. "
             "Each figure is saved as PDF (TrueType fonts), SVG and 300-dpi PNG.", ""]
    for nb, group in table.groupby("notebook", sort=True):
        lines += [f"## From [`{nb}`](../notebooks/{nb})", ""]
        for r in group.itertuples(index=False):
            if not (out / f"{r.name}.png").is_file():
                continue
            lines += [f"### {r.name}", "", f"![{r.name}]({r.name}.png)", "",
                      f"{r.caption}", "",
                      f"Size {r.width_in} x {r.height_in} in. Files: [PDF]({r.name}.pdf), "
                      f"[SVG]({r.name}.svg), [PNG]({r.name}.png).", ""]
    return "\n".join(lines)


def gallery_for_notebooks(out_dir: Path | str | None = None, link_prefix: str = "../figures/") -> str:
    """The gallery as Markdown for a notebook: every figure (relative image link) with caption and source."""
    table = read_manifest(out_dir)
    lines = []
    for r in table.itertuples(index=False):
        lines += [f"**{r.name}** (from [{r.notebook}]({r.notebook})): {r.caption}", "",
                  f'<img src="{link_prefix}{r.name}.png" alt="{r.name}" width="{int(float(r.width_in) * 96)}">', ""]
    return "\n".join(lines) if lines else "_No figures yet: run `make run`._"


def write_table(table: pd.DataFrame, name: str, out_dir: Path | str | None = None, *,
                caption: str = "", float_format: str = "{:.2f}") -> list[Path]:
    """Export a results table as CSV and LaTeX (booktabs) next to the figures."""
    out = Path(out_dir) if out_dir is not None else FIGURES
    out.mkdir(parents=True, exist_ok=True)
    csv = table.to_csv(index=False, lineterminator="\n", float_format="%.6g").encode()
    latex = table.to_latex(index=False, float_format=float_format.format, caption=caption or None,
                           label=f"tab:{name}", escape=True).encode()
    atomic_write(out / f"{name}.csv", csv)
    atomic_write(out / f"{name}.tex", latex)
    return [out / f"{name}.csv", out / f"{name}.tex"]
