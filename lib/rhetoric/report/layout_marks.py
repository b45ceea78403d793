"""Layout checks on what a figure says with its texts, marks and colours (used by
:func:`rhetoric.report.layout.layout_problems`):

* a **stray title**: a figure title repeating a panel's title (a loop variable reused after the loop);
* **overprinted labels**: two texts of the figure (annotations, titles, axis labels, tick labels of different
  axes) whose boxes overlap by more than :data:`OVERLAP_PT` in both directions, so one prints over the other;
* **unlabelled highlighted points**: a collection a plot marked as highlighting points (``gid`` :data:`HIGHLIGHT`,
  e.g. significant terms ringed) with a point that no text lies near (:data:`LABEL_DISTANCE_PT`);
* a **colour scale far wider than the data**: an image whose values span less than :data:`MIN_SCALE_USE` of
  its colour scale (a 0-1 scale for shares of 0-0.25 shows every cell in the scale's darkest quarter).
"""
from __future__ import annotations

import math

import numpy as np
from matplotlib.collections import PathCollection
from matplotlib.image import AxesImage
from matplotlib.text import Text

from rhetoric.report.layout_panels import axes_name

#: Two texts overprint when their boxes share more than this many points in each direction.
OVERLAP_PT = 1.0
#: The gid a plot gives a collection whose every point must carry a label.
HIGHLIGHT = "highlight"
#: A highlighted point is labelled when a text's box lies within this many points of it.
LABEL_DISTANCE_PT = 30.0
#: The share of its colour scale an image's values must span.
MIN_SCALE_USE = 0.5


def _short(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= 40 else text[:37] + "..."


def stray_titles(fig) -> list[str]:
    """A figure title that repeats the title of one of its panels."""
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is None or not suptitle.get_visible() or not suptitle.get_text().strip():
        return []
    text = suptitle.get_text().strip()
    for ax in fig.get_axes():
        if any(ax.get_title(loc=loc).strip() == text for loc in ("center", "left", "right")):
            return [f"figure title {_short(text)!r} repeats the title of panel "
                    f"{axes_name(ax, fig.get_axes().index(ax) + 1)!r}"]
    return []


def _owner(text, kinds: dict[int, str]) -> tuple:
    """Texts of one group are checked elsewhere (an axis's own tick labels: the crowded-axis check)."""
    kind = kinds.get(id(text), "text")
    if kind.endswith("tick label"):
        return (id(getattr(text, "axes", None)), kind)
    return (id(text),)


def overprinted_labels(fig, renderer, drawn: list, kinds: dict[int, str]) -> list[str]:
    """Pairs of texts whose boxes overlap (see the module docstring); a legend's texts are the legend check's."""
    to_pt = 72.0 / fig.dpi
    boxes, seen = [], set()
    for text in drawn:
        if id(text) in seen or kinds.get(id(text)) == "legend text" or not text.get_text().strip():
            continue
        seen.add(id(text))
        box = Text.get_window_extent(text, renderer)
        if box is None or not all(math.isfinite(v) for v in box.extents) or box.width <= 0 or box.height <= 0:
            continue
        boxes.append((text, box))
    problems = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            if _owner(a, kinds) == _owner(b, kinds):
                continue
            dx = (min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)) * to_pt
            dy = (min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)) * to_pt
            if dx > OVERLAP_PT and dy > OVERLAP_PT:
                problems.append(f"{kinds.get(id(a), 'text')} {_short(a.get_text())!r} and {kinds.get(id(b), 'text')} "
                                f"{_short(b.get_text())!r} overprint ({dx:.1f} x {dy:.1f} pt)")
    return problems


def unlabelled_highlights(fig, renderer, drawn: list) -> list[str]:
    """Highlighted points (collections with gid :data:`HIGHLIGHT`) with no text near them."""
    to_px = fig.dpi / 72.0
    boxes = [Text.get_window_extent(t, renderer) for t in drawn if t.get_text().strip()]
    problems = []
    for ax in fig.get_axes():
        for coll in ax.findobj(PathCollection):
            if coll.get_gid() != HIGHLIGHT or not coll.get_visible():
                continue
            points = coll.get_offset_transform().transform(np.asarray(coll.get_offsets(), dtype=float))
            reach = LABEL_DISTANCE_PT * to_px
            bare = 0
            for x, y in points:
                if not (math.isfinite(x) and math.isfinite(y)):
                    continue
                if not any(b.x0 - reach <= x <= b.x1 + reach and b.y0 - reach <= y <= b.y1 + reach for b in boxes):
                    bare += 1
            if bare:
                problems.append(f"{bare} highlighted point(s) of {axes_name(ax, fig.get_axes().index(ax) + 1)!r} "
                                "carry no label")
    return problems


def wide_colour_scales(fig) -> list[str]:
    """Colour scales whose images' values use less than :data:`MIN_SCALE_USE` of them: images drawn on one
    scale (the panels of a heatmap sharing a colour bar) are judged together."""
    scales: dict[tuple, list] = {}
    for ax in fig.get_axes():
        for image in ax.findobj(AxesImage):
            data = np.ma.masked_invalid(np.ma.asarray(image.get_array(), dtype=float))
            low, high = image.norm.vmin, image.norm.vmax
            if data.count() == 0 or low is None or high is None or not high > low:
                continue
            entry = scales.setdefault((float(low), float(high), image.get_cmap().name), [[], []])
            entry[0].append(axes_name(ax, fig.get_axes().index(ax) + 1))
            entry[1] += [float(data.min()), float(data.max())]
    problems = []
    for (low, high, _), (panels, values) in scales.items():
        if max(values) - min(values) < MIN_SCALE_USE * (high - low):
            problems.append(f"colour scale {low:g}-{high:g} of {', '.join(repr(p) for p in panels[:3])} is far "
                            f"wider than its data ({min(values):.3g}-{max(values):.3g})")
    return problems
