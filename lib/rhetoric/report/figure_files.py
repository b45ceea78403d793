"""One way to make and save every figure: journal sizes, one style, colour-blind-safe, byte-identical.

Each figure is saved as PDF (TrueType/Type 42 fonts), SVG and 300-dpi PNG with creation dates and
creator strings removed and a fixed SVG hash salt, so re-running a notebook rewrites the same bytes.
Each save records the figure's caption, source notebook and layout problems (text cut off at the canvas
edge, a legend over the data, an axis with too many or overlapping tick labels, text over lines, a panel of
a constant, a mostly empty panel: ``layout_problems``) in
``figures/figures.csv``, from which ``figures/README.md`` (the gallery) is generated.

In a notebook, a saved figure shows as an inline PNG whose output carries the caption as alt text
(``metadata["image/png"]["alt"]``, the key IPython's ``Image(alt=...)`` writes and nbconvert's templates
read) and as its ``text/plain``; the overview's gallery embeds every figure the same way, as data URIs,
so it renders without the ``figures/`` directory beside it (nbviewer, an exported HTML page).
"""
from __future__ import annotations

import base64
import contextlib
import html
import io
import math
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless and deterministic; notebooks display the PNG we hand them
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from rhetoric.base.atomic_files import atomic_write, replace_rows
from rhetoric.base.paths import FIGURES
from rhetoric.report.tables import latex as latex_table

#: Physical widths in inches (one journal column, 1.5 columns, two columns).
WIDTHS = {"single": 3.5, "onehalf": 5.0, "double": 7.2}
DPI = 300
SCREEN_DPI = 150
MANIFEST = "figures.csv"
MANIFEST_COLUMNS = ["name", "notebook", "caption", "width_in", "height_in", "layout_problems"]
#: CSS pixels per inch: a figure is shown at its physical size.
CSS_DPI = 96
#: An axis listing more tick labels than this is overcrowded (``layout_problems``): no reader finds one of 300.
MAX_TICK_LABELS = 30
#: Two tick labels of one axis overlap when their boxes share more than this many points in each direction.
_TICK_OVERLAP_PT = 1.0
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
_METADATA = {
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
    "svg": {"Creator": None, "Date": None},
    "png": {"Software": None},
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

    The manifest entry includes ``layout_problems`` (see :func:`layout_problems`; empty when none). Returns a
    :class:`FigureImage` of the figure at its physical size (so the notebook shows what the paper gets),
    with the caption as alt text, or ``None`` when ``show`` is false. The figure is closed afterwards.
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
    from matplotlib.text import Text

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


# --- layout checks -------------------------------------------------------------------------------------

#: How far (in pixels at the figure's dpi) a bounding box may cross an edge before it counts: anti-aliasing.
_TOLERANCE_PX = 1.0
#: How many data pixels under a legend count as an overlap (a lone anti-aliased pixel does not).
_MIN_OVERLAP_PX = 3


@contextlib.contextmanager
def _recording_text_draws():
    """Record every text artist actually drawn (visible, non-empty, inside the drawn ticks) during a draw."""
    import matplotlib.text as mtext

    drawn = []
    original = mtext.Text.draw

    def draw(self, renderer):
        if self.get_visible() and self.get_text():
            drawn.append(self)
        return original(self, renderer)

    mtext.Text.draw = draw
    try:
        yield drawn
    finally:
        mtext.Text.draw = original


def _text_kinds(fig) -> dict[int, str]:
    """What each known text artist is, by ``id``: for messages a reader can act on."""
    from matplotlib.legend import Legend

    kinds = {}
    for ax in fig.get_axes():
        for axis_name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                kinds[id(tick.label1)] = kinds[id(tick.label2)] = f"{axis_name} tick label"
            kinds[id(axis.label)] = f"{axis_name} axis label"
            kinds[id(axis.get_offset_text())] = f"{axis_name} offset text"
        for attr in ("title", "_left_title", "_right_title"):
            if getattr(ax, attr, None) is not None:
                kinds[id(getattr(ax, attr))] = "axes title"
        for t in ax.texts:
            kinds[id(t)] = "text"
    for leg in fig.findobj(Legend):
        for t in [*leg.get_texts(), leg.get_title()]:
            kinds[id(t)] = "legend text"
    for t in fig.texts:
        kinds[id(t)] = "figure text"
    for attr in ("_suptitle", "_supxlabel", "_supylabel"):
        if getattr(fig, attr, None) is not None:
            kinds[id(getattr(fig, attr))] = "figure title" if attr == "_suptitle" else "figure label"
    return kinds


def _visible_extent(artist, renderer):
    """The artist's window extent, cut to its clip box / clip path when it is clipped (None if empty)."""
    from matplotlib.transforms import Bbox

    bbox = artist.get_window_extent(renderer)
    if artist.get_clip_on():
        clip_box = artist.get_clip_box()
        clip_path = artist.get_clip_path()
        if clip_box is not None:
            bbox = Bbox.intersection(bbox, clip_box)
        if bbox is not None and clip_path is not None:
            bbox = Bbox.intersection(bbox, clip_path.get_fully_transformed_path().get_extents())
    return bbox


def _data_artists(ax) -> list:
    """What an axes plots: lines, collections (markers, areas, networks), patches (bars), images."""
    return [a for a in [*ax.lines, *ax.collections, *ax.patches, *ax.images] if a.get_visible()]


def _artist_kind(artist) -> str:
    from matplotlib.collections import PathCollection
    from matplotlib.image import AxesImage
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    kind = ("line" if isinstance(artist, Line2D) else "markers" if isinstance(artist, PathCollection)
            else "patch" if isinstance(artist, Patch) else "image" if isinstance(artist, AxesImage)
            else "collection")
    label = str(artist.get_label() or "")
    return f"{kind} '{label}'" if label and not label.startswith("_") else kind


def _pixels_under(artist, box, renderer_agg) -> int:
    """How many pixels ``artist``, drawn alone, paints inside ``box`` (display coordinates)."""
    import numpy as np

    renderer_agg.clear()
    artist.draw(renderer_agg)
    alpha = np.asarray(renderer_agg.buffer_rgba())[..., 3]
    height = alpha.shape[0]
    # Shrink the box by a pixel on each side: anti-aliasing of data that only touches the frame is no overlap.
    c0, c1 = max(math.ceil(box.x0) + 1, 0), min(math.floor(box.x1) - 1, alpha.shape[1])
    r0, r1 = max(math.ceil(height - box.y1) + 1, 0), min(math.floor(height - box.y0) - 1, height)
    if c1 <= c0 or r1 <= r0:
        return 0
    return int((alpha[r0:r1, c0:c1] > 16).sum())


def _labels_overlap(first, second, axis_name: str, renderer, to_pt: float) -> bool:
    """Whether two tick labels of one axis overlap. Level (or vertical) labels: their boxes share more than
    ``_TICK_OVERLAP_PT`` in both directions. Slanted labels are parallel strips whose boxes overlap even when
    the text does not: they overlap when the distance between them, across the direction of the text, is
    less than the text's height."""
    (a_text, a), (b_text, b) = first, second
    angle = a_text.get_rotation() % 180
    if min(angle % 90, 90 - angle % 90) < 1:
        dx = (min(a.x1, b.x1) - max(a.x0, b.x0)) * to_pt
        dy = (min(a.y1, b.y1) - max(a.y0, b.y0)) * to_pt
        return dx > _TICK_OVERLAP_PT and dy > _TICK_OVERLAP_PT
    theta = math.radians(angle)
    along = abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) if axis_name == "x" else abs((a.y0 + a.y1) / 2
                                                                                     - (b.y0 + b.y1) / 2)
    across = along * (abs(math.sin(theta)) if axis_name == "x" else abs(math.cos(theta)))
    height = renderer.points_to_pixels(max(a_text.get_fontsize(), b_text.get_fontsize()))
    return (height - across) * to_pt > _TICK_OVERLAP_PT


def _crowded_axes(fig, renderer, drawn: set[int], to_pt: float) -> list[str]:
    """Axes whose tick labels are too many (more than MAX_TICK_LABELS) or overlap one another."""
    problems = []
    for number, ax in enumerate(fig.get_axes(), start=1):
        if not ax.get_visible() or not ax.axison:
            continue
        name = ax.get_title() or ax.get_title(loc="left") or ax.get_label() or f"axes {number}"
        name = name if not name.startswith("<") else f"axes {number}"
        for axis_name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            texts = [t for t in axis.get_ticklabels(which="both") if id(t) in drawn]
            if len(texts) > MAX_TICK_LABELS:
                problems.append(f"{axis_name} axis of {name!r} is overcrowded: {len(texts)} tick labels "
                                f"(at most {MAX_TICK_LABELS})")
                continue
            boxes = [(t, t.get_window_extent(renderer)) for t in texts]
            clashes = []
            for i in range(len(boxes)):
                for j in range(i + 1, len(boxes)):
                    if _labels_overlap(boxes[i], boxes[j], axis_name, renderer, to_pt):
                        clashes.append((boxes[i][0].get_text(), boxes[j][0].get_text()))
            if clashes:
                first = " / ".join(repr(x.replace("\n", " ")[:25]) for x in clashes[0])
                problems.append(f"{axis_name} axis of {name!r} has overlapping tick labels: {len(clashes)} "
                                f"pair{'s' if len(clashes) != 1 else ''} (first: {first})")
    return problems


#: A text (tick label, annotation, legend text) counts as drawn over a line when at least this many pixels of a
#: line or collection of its axes fall inside its box (shrunk by a pixel): a crossing stroke, not anti-aliasing.
_MIN_TEXT_OVER_LINE_PX = 3
#: A panel is mostly empty when its data's bounding box covers less than this share of the axes (see
#: :func:`_mostly_empty_axes`).
MIN_DATA_COVERAGE = 0.25


def _axes_name(ax, number: int) -> str:
    name = ax.get_title() or ax.get_title(loc="left") or ax.get_label() or f"axes {number}"
    return name if not name.startswith("<") else f"axes {number}"


def _in_data_coordinates(artist, ax) -> bool:
    """Whether ``artist`` is placed by the data (not a reference line such as ``axhline``, drawn in axes units
    along one direction, nor text or decoration)."""
    from matplotlib.collections import Collection

    if isinstance(artist, Collection):
        offsets = artist.get_offsets()
        if len(offsets) and artist.get_offset_transform().contains_branch(ax.transData):
            return True
    return artist.get_transform().contains_branch(ax.transData)


def _categorical(axis) -> bool:
    """An axis whose ticks name categories (``set_yticks(ticks, labels)``, string data, box plot labels): a
    categorical or fixed formatter, or fixed tick positions whose labels are not numbers."""
    from matplotlib.category import StrCategoryFormatter
    from matplotlib.ticker import FixedFormatter, FixedLocator

    if isinstance(axis.get_major_formatter(), (FixedFormatter, StrCategoryFormatter)):
        return True
    if not isinstance(axis.get_major_locator(), FixedLocator):
        return False
    for label in axis.get_majorticklabels():
        text = label.get_text().strip().replace("\u2212", "-").replace(",", "").rstrip("%")
        if not text:
            continue
        try:
            float(text)
        except ValueError:
            return True
    return False


def _data_values(ax) -> dict[str, list]:
    """The values an axes plots, per direction ('x', 'y'), in data coordinates: line vertices, marker and
    collection positions, bar heights (vertical bars) or widths (horizontal bars), box plot lines; image
    arrays under 'image'. Reference lines (``axhline``/``axvline``) and bar positions are not values."""
    import numpy as np
    from matplotlib.collections import Collection
    from matplotlib.container import BarContainer
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    values = {"x": [], "y": [], "image": []}
    bars = set()
    for container in ax.containers:
        if isinstance(container, BarContainer):
            direction = "y" if container.orientation == "vertical" else "x"
            data = np.asarray(container.datavalues, dtype=float)
            values[direction].append(data[np.isfinite(data)])
            bars.update(id(p) for p in container.patches)
    for artist in _data_artists(ax):
        if id(artist) in bars:
            continue
        if hasattr(artist, "get_array") and not isinstance(artist, (Collection, Line2D)):  # an image
            data = np.ma.masked_invalid(np.ma.asarray(artist.get_array(), dtype=float)).compressed()
            values["image"].append(data)
            continue
        if not _in_data_coordinates(artist, ax):
            continue
        if isinstance(artist, Line2D):
            xy = np.asarray(artist.get_xydata(), dtype=float)
        elif isinstance(artist, Collection):
            if artist.get_transform().contains_branch(ax.transData):  # paths in data units: lines, areas
                paths = artist.get_paths()
                xy = np.concatenate([p.vertices for p in paths]) if paths else np.empty((0, 2))
            else:  # markers: shapes in points, placed at their offsets
                xy = np.asarray(artist.get_offsets(), dtype=float)
        elif isinstance(artist, Patch):
            xy = artist.get_path().transformed(artist.get_patch_transform()).vertices
        else:
            continue
        xy = xy.reshape(-1, 2) if xy.size else np.empty((0, 2))
        values["x"].append(xy[:, 0])
        values["y"].append(xy[:, 1])
    return values


def _constant_axes(fig) -> list[str]:
    """Axes whose plotted data do not vary: along each value direction (an axis that does not name categories)
    holding at least two finite values, all of them equal (to 1e-12 of their size); an image whose every
    pixel has one value. A panel of a constant tells the reader nothing a sentence would not."""
    import numpy as np

    problems = []
    for number, ax in enumerate(fig.get_axes(), start=1):
        if not ax.get_visible():
            continue
        values = _data_values(ax)
        constant = []
        for direction, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            if _categorical(axis) or not values[direction]:
                continue
            data = np.concatenate(values[direction])
            data = data[np.isfinite(data)]
            if len(data) >= 2 and np.ptp(data) <= 1e-12 * max(1.0, float(np.abs(data).max())):
                constant.append(f"every {direction} value is {data[0]:g}")
        images = [v for v in values["image"] if len(v)]
        if images:
            data = np.concatenate(images)
            if len(data) >= 2 and np.ptp(data) <= 1e-12 * max(1.0, float(np.abs(data).max())):
                constant.append(f"every image value is {data[0]:g}")
        if constant:
            problems.append(f"{_axes_name(ax, number)!r} plots a constant ({'; '.join(constant)})")
    return problems


def _data_extent(artist, renderer):
    """Where ``artist`` draws, in display coordinates (None if nowhere finite). A collection by its data limits
    (``get_datalim``: its markers' positions, its paths' vertices), since its own window extent may be empty
    before it is drawn alone."""
    import numpy as np
    from matplotlib.collections import Collection

    if isinstance(artist, Collection):
        ax = artist.axes
        limits = artist.get_datalim(ax.transData)
        if not np.isfinite(limits.extents).all() or (limits.width < 0 or limits.height < 0):
            return None
        return ax.transData.transform_bbox(limits)
    extent = artist.get_window_extent(renderer)
    if extent is None or not np.isfinite(extent.extents).all():
        return None
    return extent


def _mostly_empty_axes(fig, renderer) -> list[str]:
    """Axes whose data fill little of them. The data's box is the union of the window extents of what the axes
    plots in data coordinates (lines, markers, collections, bars, images; not reference lines), cut to the
    axes. Along an axis that names categories, the categories are spread over it by construction, so that
    direction counts as covered; along every other direction, the share of the axes' extent the data's box
    spans. The product of the two shares is the share of the axes' area the data cover: below
    :data:`MIN_DATA_COVERAGE` the panel is mostly empty (a few points squeezed into a corner, limits far beyond
    the data, a line flat against one edge)."""
    from matplotlib.transforms import Bbox

    problems = []
    for number, ax in enumerate(fig.get_axes(), start=1):
        if not ax.get_visible() or not ax.axison:
            continue
        box = ax.get_window_extent(renderer)
        extents = []
        for artist in _data_artists(ax):
            if not _in_data_coordinates(artist, ax):
                continue
            extent = _data_extent(artist, renderer)
            if extent is None:
                continue
            extent = Bbox.intersection(extent, box)
            if extent is not None:
                extents.append(extent)
        if not extents or box.width <= 0 or box.height <= 0:
            continue
        data = Bbox.union(extents)
        share_x = 1.0 if _categorical(ax.xaxis) else data.width / box.width
        share_y = 1.0 if _categorical(ax.yaxis) else data.height / box.height
        if share_x * share_y < MIN_DATA_COVERAGE:
            problems.append(f"{_axes_name(ax, number)!r} is mostly empty: its data cover {share_x * share_y:.0%} of "
                            f"the panel (at least {MIN_DATA_COVERAGE:.0%} wanted)")
    return problems


def _has_backing(text) -> bool:
    """Whether ``text`` is drawn on its own opaque ground, legible over whatever lies under it: a box with an
    opaque face (``bbox={"facecolor": "white", "alpha": 1}``) or a halo (``patheffects.withStroke`` of at
    least 1.5 pt, opaque)."""
    from matplotlib import patheffects
    from matplotlib.colors import to_rgba

    patch = text.get_bbox_patch()
    if patch is not None and patch.get_visible() and patch.get_fill() and patch.get_facecolor()[3] >= 0.99:
        return True
    for effect in text.get_path_effects():
        if isinstance(effect, patheffects.withStroke):
            gc = effect._gc
            colour = gc.get("foreground", gc.get("color"))
            if gc.get("linewidth", 0) >= 1.5 and colour is not None and to_rgba(colour)[3] >= 0.99 \
                    and gc.get("alpha", 1) >= 0.99:
                return True
    return False


def _texts_over_lines(fig, renderer, drawn: list, kinds: dict[int, str]) -> list[str]:
    """Texts (tick labels, annotations, titles) drawn over a line or collection (markers, interval bars, network
    edges) of their own axes; a figure's own text, over those of any axes. A legend's texts lie inside the
    legend's box, which the legend check measures against all data already; a text on an opaque box or with
    an opaque halo (:func:`_has_backing`) stays legible and is not reported. Measured on
    pixels, as for legends: each line or collection is drawn alone once and its pixels counted inside the
    text's box (shrunk by a pixel on each side); :data:`_MIN_TEXT_OVER_LINE_PX` or more is an overlap."""
    import numpy as np
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.collections import Collection
    from matplotlib.lines import Line2D
    from matplotlib.text import Text

    width, height = fig.bbox.width, fig.bbox.height
    agg, masks = None, {}
    lines_of = {id(ax): [a for a in _data_artists(ax) if isinstance(a, (Line2D, Collection))]
                for ax in fig.get_axes()}
    problems, seen = [], set()
    for text in drawn:
        if id(text) in seen:
            continue
        seen.add(id(text))
        if kinds.get(id(text)) == "legend text" or _has_backing(text):
            continue  # a legend's text: inside its legend's box, which the legend check measures already
        box = Text.get_window_extent(text, renderer)  # the text alone (an annotation's arrow may touch its data)
        if box is None or not all(math.isfinite(v) for v in box.extents):
            continue
        owners = [text.axes] if getattr(text, "axes", None) is not None else fig.get_axes()
        for ax in owners:
            for artist in lines_of.get(id(ax), []):
                extent = artist.get_window_extent(renderer)
                if extent is None or not extent.overlaps(box):
                    continue
                if id(artist) not in masks:
                    if agg is None:
                        agg = RendererAgg(int(math.ceil(width)), int(math.ceil(height)), fig.dpi)
                    agg.clear()
                    artist.draw(agg)
                    masks[id(artist)] = np.asarray(agg.buffer_rgba())[..., 3] > 16
                mask = masks[id(artist)]
                c0, c1 = max(math.ceil(box.x0) + 1, 0), min(math.floor(box.x1) - 1, mask.shape[1])
                r0 = max(math.ceil(mask.shape[0] - box.y1) + 1, 0)
                r1 = min(math.floor(mask.shape[0] - box.y0) - 1, mask.shape[0])
                n = int(mask[r0:r1, c0:c1].sum()) if c1 > c0 and r1 > r0 else 0
                if n >= _MIN_TEXT_OVER_LINE_PX:
                    label = text.get_text().replace("\n", " ")
                    label = label if len(label) <= 40 else label[:37] + "..."
                    problems.append(f"{kinds.get(id(text), 'text')} {label!r} is drawn over "
                                    f"{_artist_kind(artist)} of {_axes_name(ax, fig.get_axes().index(ax) + 1)!r} "
                                    f"({n} px)")
                    break
            else:
                continue
            break
    return problems


def layout_problems(fig) -> list[str]:
    """Draw ``fig`` and list what a reader would see go wrong; an empty list for a clean layout.

    * every text drawn (tick labels, axis labels, titles, legend texts, annotations, figure texts) whose
      bounding box crosses the edge of the figure canvas, i.e. is cut off in the saved file;
    * every legend whose bounding box covers plotted data (lines, markers and other collections, patches
      such as bars, images) of the axes it belongs to, or of any axes for a figure legend. Overlap is
      measured on pixels: each data artist is drawn alone and counted inside the legend's box, so a line
      that passes beside a legend's corner is not an overlap and one that runs under its frame is.

    * every axis that is overcrowded: more than :data:`MAX_TICK_LABELS` tick labels drawn, or tick labels that
      overlap each other (boxes sharing more than a point in both directions);
    * every text drawn over a line or collection (markers, interval bars, network edges) of its axes
      (:func:`_texts_over_lines`, measured on pixels like legends);
    * every panel of a constant: its plotted values do not vary (:func:`_constant_axes`);
    * every mostly empty panel: its data's bounding box covers less than :data:`MIN_DATA_COVERAGE` of the axes,
      a direction that names categories counting as covered (:func:`_mostly_empty_axes`).

    Amounts are in points (1/72 in), so they do not depend on the dpi.
    """
    from matplotlib.axes import Axes
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
    from matplotlib.legend import Legend

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    with _recording_text_draws() as drawn:
        canvas.draw()
    renderer = canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    to_pt = 72.0 / fig.dpi
    kinds = _text_kinds(fig)
    problems = []
    seen = set()
    for text in drawn:
        if id(text) in seen:
            continue
        seen.add(id(text))
        bbox = _visible_extent(text, renderer)
        if bbox is None or not all(math.isfinite(v) for v in bbox.extents):
            continue
        over = {"left": -bbox.x0, "right": bbox.x1 - width, "bottom": -bbox.y0, "top": bbox.y1 - height}
        sides = [f"{side} by {amount * to_pt:.1f} pt" for side, amount in over.items() if amount > _TOLERANCE_PX]
        if sides:
            label = text.get_text().replace("\n", " ")
            label = label if len(label) <= 40 else label[:37] + "..."
            problems.append(f"{kinds.get(id(text), 'text')} {label!r} is cut off at the canvas edge "
                            f"({', '.join(sides)})")

    problems += _crowded_axes(fig, renderer, {id(t) for t in drawn}, to_pt)
    problems += _texts_over_lines(fig, renderer, drawn, kinds)
    problems += _constant_axes(fig)
    problems += _mostly_empty_axes(fig, renderer)

    agg = None
    axes_list = fig.get_axes()
    for leg in fig.findobj(Legend):
        if not leg.get_visible():
            continue
        box = leg.get_window_extent(renderer)
        owner = leg.parent if isinstance(leg.parent, Axes) else None
        for ax in [owner] if owner is not None else axes_list:
            hits = {}  # kind -> [artists, pixels]
            for artist in _data_artists(ax):
                extent = artist.get_window_extent(renderer)
                if extent is None or not extent.overlaps(box):
                    continue  # cheap bounding-box test first
                if agg is None:
                    agg = RendererAgg(int(math.ceil(width)), int(math.ceil(height)), fig.dpi)
                n = _pixels_under(artist, box, agg)
                if n >= _MIN_OVERLAP_PX:
                    entry = hits.setdefault(_artist_kind(artist), [0, 0])
                    entry[0] += 1
                    entry[1] += n
            if hits:
                hits = [f"{kind}{f' x{k}' if k > 1 else ''} ({n} px)" for kind, (k, n) in hits.items()]
                where = "figure legend" if owner is None else "legend"
                title = ax.get_title() or ax.get_label() or f"axes {axes_list.index(ax) + 1}"
                problems.append(f"{where} covers plotted data of {title!r}: {', '.join(hits)}")
    return problems


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


def _alt_markdown(text: str) -> str:
    """Text for a Markdown image's alt: brackets and line breaks would end it early."""
    return " ".join(text.replace("[", "(").replace("]", ")").split())


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
            lines += [f"### {r.name}", "", f"![{_alt_markdown(r.caption)}]({r.name}.png)", "",
                      f"{r.caption}", "",
                      f"Size {r.width_in} x {r.height_in} in. Files: [PDF]({r.name}.pdf), "
                      f"[SVG]({r.name}.svg), [PNG]({r.name}.png).", ""]
    return "\n".join(lines)


def _thumbnail(path: Path, width_in: float) -> bytes:
    """The 300-dpi PNG at screen resolution (``SCREEN_DPI``), in a 256-colour palette: a few dozen KB per
    figure, so a notebook can embed the whole gallery. Deterministic for a given Pillow."""
    from PIL import Image

    with Image.open(path) as im:
        width = max(1, round(width_in * SCREEN_DPI))
        small = im.convert("RGB").resize((width, max(1, round(im.height * width / im.width))), Image.LANCZOS)
    palette = small.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    palette.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _gallery_entries(out_dir: Path | str | None):
    out = Path(out_dir) if out_dir is not None else FIGURES
    for r in read_manifest(out).itertuples(index=False):
        if (out / f"{r.name}.png").is_file():
            width_in = float(r.width_in)
            image = FigureImage(_thumbnail(out / f"{r.name}.png", width_in), width=round(width_in * CSS_DPI),
                                alt=r.caption, name=r.name)
            yield r, image


def gallery(out_dir: Path | str | None = None) -> list:
    """The gallery as display objects: for each figure a Markdown heading line and a :class:`FigureImage`
    (an ``image/png`` output with alt text). In a notebook: ``display(*gallery(nb.figures))``."""
    from IPython.display import Markdown

    items = []
    for r, image in _gallery_entries(out_dir):
        items += [Markdown(f"**{r.name}** (from [{r.notebook}]({r.notebook})): {r.caption}"), image]
    return items or [Markdown("_No figures yet: run `make run`._")]


def gallery_for_notebooks(out_dir: Path | str | None = None) -> str:
    """The gallery as Markdown for a notebook: every figure with caption and source, the image embedded as a
    data URI with the caption as alt text (no link to ``figures/``, which a shared notebook does not have)."""
    lines = []
    for r, image in _gallery_entries(out_dir):
        lines += [f"**{r.name}** (from [{r.notebook}]({r.notebook})): {r.caption}", "", image.img_tag(), ""]
    return "\n".join(lines) if lines else "_No figures yet: run `make run`._"


def write_table(table: pd.DataFrame, name: str, out_dir: Path | str | None = None, *,
                caption: str = "", latex: bool = True) -> list[Path]:
    """Export a results table as CSV (every column, full precision) and LaTeX for a paper
    (:func:`rhetoric.report.tables.latex`: booktabs, headers in words, the columns a reader needs, p as
    ``< 0.001``) next to the figures; with ``latex=False`` (a table
    that grows with the corpus: the data stay in CSV) as CSV only, and a LaTeX file left by an earlier run is
    removed."""
    out = Path(out_dir) if out_dir is not None else FIGURES
    out.mkdir(parents=True, exist_ok=True)
    csv = table.to_csv(index=False, lineterminator="\n", float_format="%.6g").encode()
    tex = latex_table(table, name, caption).encode() if latex else b""
    atomic_write(out / f"{name}.csv", csv)
    if not latex:
        (out / f"{name}.tex").unlink(missing_ok=True)
        return [out / f"{name}.csv"]
    atomic_write(out / f"{name}.tex", tex)
    return [out / f"{name}.csv", out / f"{name}.tex"]
