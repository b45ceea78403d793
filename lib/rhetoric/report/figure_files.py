"""Saving every figure one way: byte-identical files, recorded in a manifest, shown with its caption.

Each figure is saved as PDF (TrueType/Type 42 fonts), SVG and 300-dpi PNG with creation dates and
creator strings removed and a fixed SVG hash salt, so re-running a notebook rewrites the same bytes.
Each save records the figure's caption, source notebook and layout problems (:mod:`rhetoric.report.layout`) in
``figures/figures.csv`` (the manifest), from which the gallery (:mod:`rhetoric.report.gallery`) is generated.

In a notebook, a saved figure shows as an inline PNG whose output carries the caption as alt text
(``metadata["image/png"]["alt"]``, the key IPython's ``Image(alt=...)`` writes and nbconvert's templates
read) and as its ``text/plain`` (:class:`FigureImage`).
"""
from __future__ import annotations

import base64
import html
import io
import os
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.text import Text

from rhetoric.base.atomic_files import atomic_write, replace_rows
from rhetoric.base.paths import FIGURES
from rhetoric.report.layout import layout_problems
from rhetoric.report.style import CSS_DPI, DPI, SCREEN_DPI

MANIFEST = "figures.csv"
MANIFEST_COLUMNS = ["name", "notebook", "caption", "width_in", "height_in", "layout_problems"]
_METADATA = {
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
    "svg": {"Creator": None, "Date": None},
    "png": {"Software": None},
}


def _render(fig, fmt: str, dpi: int) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
    return buf.getvalue()


class FigureImage:
    """A saved figure as a notebook output: the PNG inline, the caption as alt text and as plain text.

    Its output is a plain ``image/png`` (what GitHub, nbviewer and JupyterLab render) with
    ``metadata["image/png"] = {"width": ..., "alt": caption}``; ``text/plain`` is the caption, for viewers
    that show no images. Nothing in it varies between runs.
    """

    def __init__(self, png: bytes, width: int, alt: str, name: str = ""):
        self.png, self.width, self.alt, self.name = png, int(width), alt, name

    def _repr_mimebundle_(self, include=None, exclude=None):
        text = f"Figure {self.name}: {self.alt}" if self.name else self.alt
        data = {"image/png": base64.b64encode(self.png).decode("ascii"), "text/plain": text}
        return data, {"image/png": {"width": self.width, "alt": self.alt}}

    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")

    def img_tag(self) -> str:
        """An ``<img>`` with the PNG as a data URI and the alt text (for Markdown and HTML outputs)."""
        return f'<img src="{self.data_uri()}" alt="{html.escape(self.alt, quote=True)}" width="{self.width}">'


def save_figure(fig, name: str, caption: str, notebook: str, out_dir: Path | str | None = None,
                show: bool = True):
    """Save ``fig`` as ``name``.pdf/.svg/.png in ``out_dir`` (default ``figures/``), record it, show it.

    The manifest entry includes ``layout_problems`` (see :func:`rhetoric.report.layout.layout_problems`; empty
    when none). Returns a :class:`FigureImage` of the figure at its physical size (so the notebook shows what the
    paper gets), with the caption as alt text, or ``None`` when ``show`` is false. The figure is closed
    afterwards.
    """
    out = Path(out_dir) if out_dir is not None else FIGURES
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    with plt.rc_context({"text.parse_math": False}):  # tick labels made while drawing: plain text too
        plain_text(fig)
        return _save(fig, name, caption, notebook, out, show)


def plain_text(fig) -> None:
    """Draw every text of ``fig`` as given, never as mathtext: corpus strings (ids, titles, groups, terms) may
    hold ``$...$``, which matplotlib would otherwise parse as LaTeX (and fail on, or render)."""
    for text in fig.findobj(Text):
        text.set_parse_math(False)


def _save(fig, name: str, caption: str, notebook: str, out: Path, show: bool):
    for fmt in ("pdf", "svg", "png"):
        atomic_write(out / f"{name}.{fmt}", _render(fig, fmt, DPI))
    screen = _render(fig, "png", SCREEN_DPI)
    # Checked after saving: each draw re-runs the layout engine, and a constrained layout that cannot fit
    # everything depends on the previous draw, so checking first would change the saved files.
    problems = layout_problems(fig)
    width, height = fig.get_size_inches()
    record_figure(out, name=name, notebook=notebook, caption=caption, width_in=round(float(width), 2),
                  height_in=round(float(height), 2), layout_problems="; ".join(problems))
    plt.close(fig)
    if not show:
        return None
    return FigureImage(screen, width=int(round(width * CSS_DPI)), alt=caption, name=name)


def read_manifest(out_dir: Path | str | None = None) -> pd.DataFrame:
    path = (Path(out_dir) if out_dir is not None else FIGURES) / MANIFEST
    if not path.is_file():
        return pd.DataFrame(columns=MANIFEST_COLUMNS)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in MANIFEST_COLUMNS:  # a manifest written before a column existed
        if column not in table.columns:
            table[column] = ""
    return table


def record_figure(out_dir: Path, **entry) -> None:
    """Insert or replace one figure's entry in the manifest (sorted by name, so the file is stable)."""
    row = pd.DataFrame([{k: str(v) for k, v in entry.items()}])
    replace_rows(Path(out_dir) / MANIFEST, row, {"name": entry["name"]}, MANIFEST_COLUMNS, ["notebook", "name"])


def clear_figures(out_dir: Path | str, notebook: str) -> None:
    """Forget the figures ``notebook`` saved before (manifest rows and files): a notebook starting afresh saves
    its own again, so a figure it no longer makes does not linger in the gallery."""
    out_dir = Path(out_dir)
    table = read_manifest(out_dir)
    mine = table[table["notebook"] == notebook]
    if mine.empty:
        return
    for name in mine["name"]:
        for fmt in ("pdf", "svg", "png"):
            (out_dir / f"{name}.{fmt}").unlink(missing_ok=True)
    replace_rows(out_dir / MANIFEST, table.iloc[0:0], {"notebook": notebook}, MANIFEST_COLUMNS,
                 ["notebook", "name"])
