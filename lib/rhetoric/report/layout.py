"""The layout checker: what a reader would see go wrong in a figure, listed by :func:`layout_problems`.

Text cut off at the canvas edge, a legend over the data, an axis with too many or overlapping tick labels, text
drawn over a line, and (:mod:`rhetoric.report.layout_panels`) a panel of a constant or a mostly empty panel;
stray titles, overprinted labels, unlabelled highlighted points and colour scales far wider than the data
(:mod:`rhetoric.report.layout_marks`).
Overlaps are measured on pixels, each data artist drawn alone; amounts are in points, so they do not depend on the
dpi. :func:`rhetoric.report.figure_files.save_figure` records the problems of every figure it saves in the
manifest (``figures/figures.csv``), and a test keeps the committed figures free of them.
"""
from __future__ import annotations

import contextlib
import math

import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.collections import Collection, PathCollection
from matplotlib.colors import to_rgba
from matplotlib.image import AxesImage
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from rhetoric.report.layout_marks import overprinted_labels, stray_titles, unlabelled_highlights, wide_colour_scales
from rhetoric.report.layout_panels import axes_name, constant_panels, data_artists, mostly_empty_panels

#: An axis listing more tick labels than this is overcrowded (``layout_problems``): no reader finds one of 300.
MAX_TICK_LABELS = 30
#: Two tick labels of one axis overlap when their boxes share more than this many points in each direction.
_TICK_OVERLAP_PT = 1.0
#: How far (in pixels at the figure's dpi) a bounding box may cross an edge before it counts: anti-aliasing.
_TOLERANCE_PX = 1.0
#: How many data pixels under a legend count as an overlap (a lone anti-aliased pixel does not).
_MIN_OVERLAP_PX = 3


@contextlib.contextmanager
def _recording_text_draws():
    """Record every text artist actually drawn (visible, non-empty, inside the drawn ticks) during a draw."""
    drawn = []
    original = Text.draw

    def draw(self, renderer):
        if self.get_visible() and self.get_text():
            drawn.append(self)
        return original(self, renderer)

    Text.draw = draw
    try:
        yield drawn
    finally:
        Text.draw = original


def _text_kinds(fig) -> dict[int, str]:
    """What each known text artist is, by ``id``: for messages a reader can act on."""
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
    bbox = artist.get_window_extent(renderer)
    if artist.get_clip_on():
        clip_box = artist.get_clip_box()
        clip_path = artist.get_clip_path()
        if clip_box is not None:
            bbox = Bbox.intersection(bbox, clip_box)
        if bbox is not None and clip_path is not None:
            bbox = Bbox.intersection(bbox, clip_path.get_fully_transformed_path().get_extents())
    return bbox


def _artist_kind(artist) -> str:

    kind = ("line" if isinstance(artist, Line2D) else "markers" if isinstance(artist, PathCollection)
            else "patch" if isinstance(artist, Patch) else "image" if isinstance(artist, AxesImage)
            else "collection")
    label = str(artist.get_label() or "")
    return f"{kind} '{label}'" if label and not label.startswith("_") else kind


def _pixels_under(artist, box, renderer_agg) -> int:
    """How many pixels ``artist``, drawn alone, paints inside ``box`` (display coordinates)."""
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


def _has_backing(text) -> bool:
    """Whether ``text`` is drawn on its own opaque ground, legible over whatever lies under it: a box with an
    opaque face (``bbox={"facecolor": "white", "alpha": 1}``) or a halo (``patheffects.withStroke`` of at
    least 1.5 pt, opaque)."""
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
    width, height = fig.bbox.width, fig.bbox.height
    agg, masks = None, {}
    lines_of = {id(ax): [a for a in data_artists(ax) if isinstance(a, (Line2D, Collection))]
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
                                    f"{_artist_kind(artist)} of {axes_name(ax, fig.get_axes().index(ax) + 1)!r} "
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
    * every panel of a constant: its plotted values do not vary
      (:func:`~rhetoric.report.layout_panels.constant_panels`);
    * every mostly empty panel: its data's bounding box covers less than
      :data:`~rhetoric.report.layout_panels.MIN_DATA_COVERAGE` of the axes, a direction that names categories
      counting as covered (:func:`~rhetoric.report.layout_panels.mostly_empty_panels`).

    * a figure title repeating a panel's, texts that overprint each other, highlighted points without a label
      and colour scales far wider than their data (:mod:`rhetoric.report.layout_marks`).

    Amounts are in points (1/72 in), so they do not depend on the dpi.
    """
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
    problems += constant_panels(fig)
    problems += mostly_empty_panels(fig, renderer)
    problems += stray_titles(fig)
    problems += overprinted_labels(fig, renderer, list({id(t): t for t in drawn}.values()), kinds)
    problems += unlabelled_highlights(fig, renderer, list({id(t): t for t in drawn}.values()))
    problems += wide_colour_scales(fig)

    agg = None
    axes_list = fig.get_axes()
    for leg in fig.findobj(Legend):
        if not leg.get_visible():
            continue
        box = leg.get_window_extent(renderer)
        owner = leg.parent if isinstance(leg.parent, Axes) else None
        for ax in [owner] if owner is not None else axes_list:
            hits = {}  # kind -> [artists, pixels]
            for artist in data_artists(ax):
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
