"""Layout checks on what a panel plots: a panel of a constant, a mostly empty panel.

:func:`constant_panels` reports axes whose plotted values do not vary; :func:`mostly_empty_panels` axes whose data
fill less than :data:`MIN_DATA_COVERAGE` of them. Both read the data an axes plots in data coordinates (lines,
markers and other collections, bars, images; not reference lines such as ``axhline``), and treat a direction
whose ticks name categories as covered. :func:`rhetoric.report.layout.layout_problems` runs them with the
checks on texts and legends.
"""
from __future__ import annotations

import numpy as np
from matplotlib.category import StrCategoryFormatter
from matplotlib.collections import Collection
from matplotlib.container import BarContainer
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedFormatter, FixedLocator
from matplotlib.transforms import Bbox

#: A panel is mostly empty when its data's bounding box covers less than this share of the axes (see
#: :func:`mostly_empty_panels`).
MIN_DATA_COVERAGE = 0.25


def data_artists(ax) -> list:
    """What an axes plots: lines, collections (markers, areas, networks), patches (bars), images."""
    return [a for a in [*ax.lines, *ax.collections, *ax.patches, *ax.images] if a.get_visible()]


def axes_name(ax, number: int) -> str:
    """How a problem names an axes: its title, else its label, else ``axes N`` (its place in the figure)."""
    name = ax.get_title() or ax.get_title(loc="left") or ax.get_label() or f"axes {number}"
    return name if not name.startswith("<") else f"axes {number}"


def _in_data_coordinates(artist, ax) -> bool:
    """Whether ``artist`` is placed by the data (not a reference line such as ``axhline``, drawn in axes units
    along one direction, nor text or decoration)."""
    if isinstance(artist, Collection):
        offsets = artist.get_offsets()
        if len(offsets) and artist.get_offset_transform().contains_branch(ax.transData):
            return True
    return artist.get_transform().contains_branch(ax.transData)


def _categorical(axis) -> bool:
    """An axis whose ticks name categories (``set_yticks(ticks, labels)``, string data, box plot labels): a
    categorical or fixed formatter, or fixed tick positions whose labels are not numbers."""
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
    values = {"x": [], "y": [], "image": []}
    bars = set()
    for container in ax.containers:
        if isinstance(container, BarContainer):
            direction = "y" if container.orientation == "vertical" else "x"
            data = np.asarray(container.datavalues, dtype=float)
            values[direction].append(data[np.isfinite(data)])
            bars.update(id(p) for p in container.patches)
    for artist in data_artists(ax):
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


def constant_panels(fig) -> list[str]:
    """Axes whose plotted data do not vary: along each value direction (an axis that does not name categories)
    holding at least two finite values, all of them equal (to 1e-12 of their size); an image whose every
    pixel has one value. A panel of a constant tells the reader nothing a sentence would not."""
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
            problems.append(f"{axes_name(ax, number)!r} plots a constant ({'; '.join(constant)})")
    return problems


def _data_extent(artist, renderer):
    """Where ``artist`` draws, in display coordinates (None if nowhere finite). A collection by its data limits
    (``get_datalim``: its markers' positions, its paths' vertices), since its own window extent may be empty
    before it is drawn alone."""
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


def mostly_empty_panels(fig, renderer) -> list[str]:
    """Axes whose data fill little of them. The data's box is the union of the window extents of what the axes
    plots in data coordinates (lines, markers, collections, bars, images; not reference lines), cut to the
    axes. Along an axis that names categories, the categories are spread over it by construction, so that
    direction counts as covered; along every other direction, the share of the axes' extent the data's box
    spans. The product of the two shares is the share of the axes' area the data cover: below
    :data:`MIN_DATA_COVERAGE` the panel is mostly empty (a few points squeezed into a corner, limits far beyond
    the data, a line flat against one edge)."""
    problems = []
    for number, ax in enumerate(fig.get_axes(), start=1):
        if not ax.get_visible() or not ax.axison:
            continue
        box = ax.get_window_extent(renderer)
        extents = []
        for artist in data_artists(ax):
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
            problems.append(f"{axes_name(ax, number)!r} is mostly empty: its data cover {share_x * share_y:.0%} of "
                            f"the panel (at least {MIN_DATA_COVERAGE:.0%} wanted)")
    return problems
