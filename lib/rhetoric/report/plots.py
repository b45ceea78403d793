"""The project's figures: each function takes result tables and returns a matplotlib figure.

All figures use :mod:`rhetoric.report.style` (journal sizes, one style, colour-blind palette); notebooks save
them with ``Session.save``. Nothing random except where a ``seed`` is passed (jitter and the bootstrap intervals
of group means).

Figures serve any corpus from one to ten thousand documents in one to twenty groups:

* **Two forms.** Up to :data:`MAX_DOCS_SHOWN` documents, a figure shows each document (the *document form*).
  Beyond it, the same figure shows groups (the *group form*): each group's documents as faint dots (one value per
  document), and the group mean of its documents with a bootstrap 95% interval over them; distributions add a
  box of the quartiles. :func:`form_note` says in words which form a figure takes and what it leaves out, for
  the caption.
* **Each document or group is distinguishable.** A group has a hue (Okabe-Ito, colour-blind safe), fixed by the
  sorted group names, so every figure and every run agrees; beyond eight groups the hues repeat with another
  marker. In the document form the documents of a group get shades of its hue and a marker each.
* **Axes stay readable**: no axis lists more than :data:`~rhetoric.report.layout.MAX_TICK_LABELS` labels
  (``layout_problems`` reports any that does); heights grow with the number of rows up to :data:`MAX_HEIGHT`.
* **Legends sit outside the data** (below the axes), and every label is a name for people
  (:mod:`rhetoric.report.labels`; documents by the metadata's ``label`` column), never a raw identifier.
"""
from __future__ import annotations

import colorsys
import math
import textwrap

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from adjustText import adjust_text
from matplotlib import patheffects
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from rhetoric.analysis.stats import bootstrap_ratio_ci
from rhetoric.instruments import registry
from rhetoric.report.labels import document_labels, label_of
from rhetoric.report.layout import MAX_TICK_LABELS
from rhetoric.report.layout_marks import HIGHLIGHT
from rhetoric.report.style import PALETTE, WIDTHS, new_figure, use_style

#: Up to this many documents a figure shows each document; beyond it, groups (see the module docstring).
MAX_DOCS_SHOWN = 8
#: Largest figure height (inches): a journal page's text block.
MAX_HEIGHT = 8.5
#: Resamples of the bootstrap interval of a group mean drawn in a figure (the tables use their own, larger n).
FIGURE_RESAMPLES = 2_000
#: The second line of an axis label in the group form.
GROUP_AXIS_NOTE = "(group means, bootstrap 95% interval)"
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*", "<", ">", "h", "p"]
#: Group hues: the Okabe-Ito colours of seaborn's colour-blind palette, in an order that keeps neighbours apart.
GROUP_HUES = [PALETTE[i] for i in (0, 1, 2, 4, 3, 9, 5, 6)]

__all__ = ["MAX_DOCS_SHOWN", "MAX_TICK_LABELS", "group_form", "form_note"]


def group_form(documents: pd.DataFrame) -> bool:
    """True when figures of ``documents`` take the group form (more than :data:`MAX_DOCS_SHOWN` documents)."""
    return len(documents) > MAX_DOCS_SHOWN


def form_note(documents: pd.DataFrame, unit: str = "article") -> str:
    """One sentence for a caption: which form the figure takes and what it leaves out."""
    n, k = len(documents), documents["stance"].nunique()
    if not group_form(documents):
        return f"Each of the {n} {unit}{'s' if n != 1 else ''} shown individually."
    return (f"Group form (more than {MAX_DOCS_SHOWN} {unit}s: {n} in {k} group{'s' if k != 1 else ''}): each "
            f"{unit} is one faint dot, and each group's mean of its {unit}s is drawn with a bootstrap 95% interval "
            f"over them; individual {unit}s are not named (their values are in the per-{unit} tables).")


def _height(rows: int, per_row: float, base: float, minimum: float = 1.6) -> float:
    return float(min(max(base + per_row * rows, minimum), MAX_HEIGHT))


def _shade(colour, k: int, m: int) -> tuple:
    """The k-th of m shades of ``colour``: lightness spread around the hue's own, dark to light."""
    if m == 1:
        return tuple(to_rgb(colour))
    h, lightness, s = colorsys.rgb_to_hls(*to_rgb(colour))
    target = np.linspace(max(0.22, lightness - 0.22), min(0.78, lightness + 0.22), m)[k]
    return colorsys.hls_to_rgb(h, float(target), s)


def group_colours(groups) -> dict[str, tuple]:
    """A fixed hue per group (groups in sorted order, so every figure and run agrees); a colour the corpus's
    ``group_labels.csv`` gives a group (carried in ``groups.attrs`` when ``groups`` is the documents' ``stance``
    column) replaces its hue."""
    given = getattr(groups, "attrs", {}).get("group_colours", {})
    return {g: tuple(to_rgb(given.get(g, GROUP_HUES[i % len(GROUP_HUES)])))
            for i, g in enumerate(sorted(dict.fromkeys(groups)))}


def group_name(documents: pd.DataFrame, group: str) -> str:
    """A group's display name: its label in the corpus's ``group_labels.csv`` (carried in ``documents.attrs``
    by :func:`rhetoric.io.corpus.load_corpus`), else its code."""
    return documents.attrs.get("group_labels", {}).get(group, group)


def group_order(documents: pd.DataFrame) -> list[str]:
    """The groups of ``documents`` in order: ``group_labels.csv``'s order where given, then the others sorted."""
    present = set(documents["stance"])
    given = [g for g in documents.attrs.get("group_order", []) if g in present]
    return given + sorted(present - set(given))


def group_markers(groups) -> dict[str, str]:
    """A marker per group: circles for the first eight groups, then another marker each time the hues repeat."""
    return {g: MARKERS[(i // len(GROUP_HUES)) % len(MARKERS)] for i, g in enumerate(sorted(dict.fromkeys(groups)))}


def document_styles(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per document: ``doc_id, group, colour, marker, label``: the group's hue, a shade and a marker per
    document within its group (documents in corpus order); ``label`` is the document's display label."""
    hues = group_colours(documents["stance"])
    names = document_labels(documents)
    rows = []
    for g, part in documents.groupby("stance", sort=True):
        for k, d in enumerate(part["doc_id"]):
            rows.append({"doc_id": d, "group": g, "colour": _shade(hues[g], k, len(part)),
                         "marker": MARKERS[k % len(MARKERS)], "label": names[d]})
    columns = ["doc_id", "group", "colour", "marker", "label"]
    if not rows:
        return pd.DataFrame(columns=columns)
    styles = pd.DataFrame(rows, columns=columns).set_index("doc_id").reindex(documents["doc_id"])
    return styles.reset_index()


def _styles(documents: pd.DataFrame) -> dict[str, dict]:
    return {r.doc_id: r._asdict() for r in document_styles(documents).itertuples(index=False)}


def _width_for(labels, width: str = "single") -> str:
    """A wider figure when axis labels are long (document labels), so the data keep room."""
    longest = max((len(str(x)) for x in labels), default=0)
    if width == "single" and longest > 24:
        return "onehalf"
    return width


def _legend_below(fig, handles, labels, title: str | None = None) -> None:
    if not handles:
        return
    per_column = 0.058 * max(len(lab) for lab in labels) + 0.45  # inches a legend entry needs at 7 pt
    ncols = int(max(1, min(len(handles), fig.get_size_inches()[0] // per_column, 4)))
    rows = int(np.ceil(len(handles) / ncols)) + (1 if title else 0)
    if rows > 3:  # a long legend (many groups) gets room of its own instead of squeezing the axes
        fig.set_figheight(fig.get_figheight() + 0.15 * (rows - 3))
    fig.legend(handles, labels, loc="outside lower center", ncols=ncols, frameon=False, title=title,
               title_fontsize=7)


def _group_handles(documents: pd.DataFrame) -> tuple[list, list]:
    hues, marks = group_colours(documents["stance"]), group_markers(documents["stance"])
    sizes = documents.groupby("stance").size()
    handles = [Line2D([], [], marker=marks[g], ls="", color=hues[g], markersize=5) for g in group_order(documents)]
    return handles, [f"{group_name(documents, g)} (n = {int(sizes[g])})" for g in group_order(documents)]


def _document_legend(fig, documents: pd.DataFrame, marker: bool = True, title: str | None = None) -> None:
    """A legend of the documents (or, beyond MAX_DOCS_SHOWN, of the groups) below the figure; ``title`` says
    what the colours mean where that is not simply "this document"."""
    if group_form(documents):
        handles, names = _group_handles(documents)
        handles.append(Line2D([], [], marker="o", ls="-", color="black", markersize=4, mfc="white"))
        names.append("group mean, bootstrap 95% interval over its documents")
        _legend_below(fig, handles, names, title="group (faint dots: its documents)")
        return
    styles = document_styles(documents)
    handles = [Line2D([], [], marker=r.marker if marker else "s", ls="", color=r.colour, markersize=5)
               for r in styles.itertuples()]
    _legend_below(fig, handles, list(styles["label"]), title=title)


# --- group summaries -----------------------------------------------------------------------------------------


def group_means(values: pd.DataFrame, documents: pd.DataFrame, value: str = "value", category: str | None = None,
                seed: int = 0, n: int = FIGURE_RESAMPLES) -> pd.DataFrame:
    """Each group's mean of its documents' ``value`` (per ``category`` when given), with a bootstrap percentile
    95% interval over the documents (none for a group of one document): ``[category,] group, n_docs, estimate,
    ci_low, ci_high``. ``values`` has one row per document (and category); missing values are left out."""
    group_of = dict(zip(documents["doc_id"], documents["stance"]))
    table = values.assign(group=values["doc_id"].map(group_of)).dropna(subset=[value, "group"])
    keys = ([category] if category else []) + ["group"]
    rows = []
    for key, part in table.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        v = part[value].to_numpy(dtype=float)
        est, lo, hi = bootstrap_ratio_ci(v, n=n, seed=seed) if len(v) > 1 else (float(v.mean()), np.nan, np.nan)
        rows.append({**dict(zip(keys, key)), "n_docs": len(v), "estimate": est, "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows, columns=[*keys, "n_docs", "estimate", "ci_low", "ci_high"])


def _group_dots(ax, values: pd.DataFrame, documents: pd.DataFrame, category: str, value: str, *, seed: int,
                zero: float | None = None, spread: float = 0.6, cats: list | None = None) -> None:
    """Group form of a category-by-unit plot: in each category row, per group, its documents as faint dots and
    the group mean with its bootstrap interval."""
    cats = cats or list(dict.fromkeys(values[category]))
    order = group_order(documents)
    hues, marks = group_colours(documents["stance"]), group_markers(order)
    group_of = dict(zip(documents["doc_id"], documents["stance"]))
    means = group_means(values, documents, value, category, seed=seed)
    step = spread / max(len(order), 1)
    rng = np.random.default_rng(seed)
    table = values.assign(group=values["doc_id"].map(group_of))
    for k, g in enumerate(order):
        offset = (k - (len(order) - 1) / 2) * step
        mine = table[table["group"] == g]
        y = mine[category].map({c: i for i, c in enumerate(cats)}) + offset
        few = len(mine) <= 50 * max(len(cats), 1)  # fewer dots: larger and stronger, still behind the means
        ax.scatter(mine[value], y + rng.uniform(-step / 3, step / 3, len(mine)), s=5 if few else 2, color=hues[g],
                   alpha=0.5 if few else 0.3, linewidths=0, zorder=2, rasterized=len(mine) > 2000)
        part = means[means["group"] == g].set_index(category).reindex(cats)
        ys = np.arange(len(cats)) + offset
        lo = (part["estimate"] - part["ci_low"]).fillna(0).clip(lower=0)
        hi = (part["ci_high"] - part["estimate"]).fillna(0).clip(lower=0)
        ax.errorbar(part["estimate"], ys, xerr=[lo, hi], fmt=marks[g], ms=3.5, color=hues[g], mec="black",
                    mew=0.5, elinewidth=1.0, capsize=0, zorder=3)
    if zero is not None:
        ax.axvline(zero, color="0.6", lw=0.5)
    ax.set_yticks(range(len(cats)), cats)
    ax.set_ylim(len(cats) - 0.5, -0.5)


def _group_distribution(ax, values: pd.DataFrame, documents: pd.DataFrame, value: str, *, seed: int) -> None:
    """Group form of a one-row-per-document distribution: one row per group with a box of its documents'
    values (quartiles, whiskers 1.5 IQR), each document as a jittered dot, and the group mean (white dot) with its
    bootstrap 95% interval (black line)."""
    order = group_order(documents)
    hues = group_colours(documents["stance"])
    sizes = documents.groupby("stance").size()
    group_of = dict(zip(documents["doc_id"], documents["stance"]))
    table = values.assign(group=values["doc_id"].map(group_of)).dropna(subset=[value])
    data = [table.loc[table["group"] == g, value].to_numpy(dtype=float) for g in order]
    parts = ax.boxplot([d if len(d) else [np.nan] for d in data], orientation="horizontal", widths=0.6,
                       patch_artist=True, showfliers=False, medianprops={"color": "0.2", "lw": 0.8})
    rng = np.random.default_rng(seed)
    means = group_means(table, documents, value, seed=seed).set_index("group")
    for k, (patch, g, v) in enumerate(zip(parts["boxes"], order, data), start=1):
        patch.set_facecolor(hues[g])
        patch.set_alpha(0.35)
        ax.scatter(v, k + rng.uniform(-0.22, 0.22, len(v)), s=3, color=hues[g], alpha=0.6, linewidths=0, zorder=3,
                   rasterized=len(v) > 2000)
        if g in means.index:
            r = means.loc[g]
            if r["ci_low"] == r["ci_low"]:
                ax.plot([r["ci_low"], r["ci_high"]], [k, k], color="black", lw=1.4, zorder=4)
            ax.scatter([r["estimate"]], [k], s=16, color="white", edgecolors="black", linewidths=0.8, zorder=5)
    # a long display name wraps (the row's label would otherwise squeeze the axes off the figure's width)
    ax.set_yticks(range(1, len(order) + 1), [textwrap.fill(f"{group_name(documents, g)} (n = {int(sizes[g])})", 22)
                                             for g in order])
    ax.invert_yaxis()


def _mean_legend(fig, extra: list | None = None) -> None:
    handles = [Line2D([], [], marker="o", ls="-", color="black", mfc="white", markersize=4),
               Line2D([], [], marker="s", ls="", color="0.75", markersize=6)]
    names = ["group mean, bootstrap 95% interval over its documents", "box: quartiles of its documents"]
    for h, n in extra or []:
        handles.append(h)
        names.append(n)
    _legend_below(fig, handles, names)


# --- the figures ---------------------------------------------------------------------------------------------


def sentence_lengths(sents: pd.DataFrame, documents: pd.DataFrame, seed: int):
    """Words per sentence. Document form: a box per document with every sentence as a (jittered) dot. Group
    form: each document's mean words per sentence, distributed by group (:func:`_group_distribution`)."""
    if group_form(documents):
        per_doc = sents.groupby("doc_id")["n_words"].mean().rename("value").reset_index()
        k = documents["stance"].nunique()
        fig, ax = new_figure("single", _height(k, 0.32, 1.2))
        _group_distribution(ax, per_doc, documents, "value", seed=seed)
        ax.set_xlabel("Mean words per sentence\nof each article")  # two lines: long group names take the width
        _mean_legend(fig)
        return fig
    order = list(documents["doc_id"])
    styles = _styles(documents)
    names = [styles[d]["label"] for d in order]
    fig, ax = new_figure(_width_for(names), _height(len(order), 0.32, 1.1))
    data = [sents.loc[sents["doc_id"] == d, "n_words"] for d in order]
    parts = ax.boxplot(data, orientation="horizontal", widths=0.55, patch_artist=True, showfliers=False,
                       medianprops={"color": "black"})
    rng = np.random.default_rng(seed)
    for patch, d in zip(parts["boxes"], order):
        patch.set_facecolor(styles[d]["colour"])
        patch.set_alpha(0.75)
    for k, values in enumerate(data, start=1):
        ax.scatter(values, k + rng.uniform(-0.15, 0.15, len(values)), s=3, color="black", alpha=0.5, zorder=3,
                   linewidths=0)
    ax.set_yticks(range(1, len(order) + 1), names)
    ax.invert_yaxis()
    ax.set_xlabel("Words per sentence")
    if documents["stance"].nunique() > 1:  # the colour says the group
        _legend_below(fig, *_group_handles(documents), title="group")
    return fig


def category_dots(table: pd.DataFrame, documents: pd.DataFrame, category: str, value: str, xlabel: str = "",
                  width: str = "single", zero: float | None = None, seed: int = 0):
    """One row per category: the document-level values of several measures or categories at a glance.
    ``table`` is long: doc_id, category, value. Document form: one marker per document (group hue, shade and
    marker per document). Group form: per group, its documents as faint dots and its mean with a bootstrap 95%
    interval over them."""
    cats = list(dict.fromkeys(table[category]))
    if group_form(documents):
        k = documents["stance"].nunique()
        fig, ax = new_figure(width, _height(len(cats), 0.3 + 0.05 * k, 0.9))
        _group_dots(ax, table, documents, category, value, seed=seed, zero=zero, cats=cats)
        ax.grid(axis="y", color="0.93", lw=0.5)
        ax.set_xlabel((xlabel or value) + "\n" + GROUP_AXIS_NOTE)
        _document_legend(fig, documents)
        return fig
    styles = _styles(documents)
    order = list(documents["doc_id"])
    fig, ax = new_figure(width, _height(len(cats), 0.3 + 0.02 * len(order), 0.9))
    spread = 0.6
    step = spread / max(len(order), 1)
    for k, d in enumerate(order):
        part = table[table["doc_id"] == d].set_index(category).reindex(cats)[value]
        y = np.arange(len(cats)) + (k - (len(order) - 1) / 2) * step
        ax.scatter(part, y, s=14, marker=styles[d]["marker"], color=styles[d]["colour"], zorder=3, linewidths=0)
    if zero is not None:
        ax.axvline(zero, color="0.6", lw=0.5)
    ax.set_yticks(range(len(cats)), cats)
    ax.set_ylim(len(cats) - 0.5, -0.5)
    ax.grid(axis="y", color="0.93", lw=0.5)
    ax.set_xlabel(xlabel or value)
    _document_legend(fig, documents)
    return fig


#: Where along its edge a count may sit (fractions from one end), tried in turn; and the room (data units of the
#: network panel, about 1.9 x 1.35 either side) one count's label needs from another's.
_EDGE_LABEL_AT = (0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8)
_EDGE_LABEL_ROOM = (0.26, 0.18)


#: A count label's room in points (a two-digit count at 6 pt on its white ground, with air).
_EDGE_LABEL_POINTS = (13.0, 10.0)


def _edge_label_room(ax) -> tuple[float, float]:
    """A count label's room in the panel's data units: at least :data:`_EDGE_LABEL_ROOM`, more where the panel
    is small (many groups: the panel shrinks, the 6-pt label does not)."""
    box = ax.get_position()
    width = box.width * ax.figure.get_figwidth() * 72 * 0.85  # points; the layout trims a little
    height = box.height * ax.figure.get_figheight() * 72 * 0.85
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    return (max(_EDGE_LABEL_ROOM[0], _EDGE_LABEL_POINTS[0] * (x1 - x0) / width),
            max(_EDGE_LABEL_ROOM[1], _EDGE_LABEL_POINTS[1] * (y1 - y0) / height))


def _edge_label_places(weights: pd.Series, pos: dict, room: tuple[float, float] = _EDGE_LABEL_ROOM) -> list[tuple]:
    """Where each edge's count goes: the first point along the edge (:data:`_EDGE_LABEL_AT`, heaviest edges
    first) clear of the counts already placed by ``room`` (data units), so counts of edges crossing at the centre
    do not overprint; an edge with no clear point keeps its width only (no label)."""
    placed, out = [], []
    dx, dy = room
    for (a, b), w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])):
        (xa, ya), (xb, yb) = pos[a], pos[b]
        for t in _EDGE_LABEL_AT:
            x, y = xa + t * (xb - xa), ya + t * (yb - ya)
            if all(abs(x - px) > dx or abs(y - py) > dy for px, py in placed):
                placed.append((x, y))
                out.append(((a, b), w, (x, y)))
                break
    return out


def actor_network(edges: pd.DataFrame, salience: pd.DataFrame, documents: pd.DataFrame):
    """Co-occurrence networks: one panel per document (per group in the group form). Node size: mentions;
    edge width: sentences naming both actors, and a label of that number where it has room (no two labels
    overprint). Actors shown by name."""
    by_group = group_form(documents)
    unit = dict(zip(documents["doc_id"], documents["stance"])) if by_group else None
    sal = salience.assign(unit=salience["doc_id"].map(unit) if by_group else salience["doc_id"])
    edg = edges.assign(unit=edges["doc_id"].map(unit) if by_group else edges["doc_id"])
    panels = group_order(documents) if by_group else list(documents["doc_id"])
    colours = group_colours(documents["stance"]) if by_group else {d: s["colour"]
                                                                    for d, s in _styles(documents).items()}
    names = document_labels(documents)
    actors = sorted(sal.loc[sal["mentions"] > 0, "actor"].unique())
    pos = nx.circular_layout(actors) if actors else {}  # same positions in every panel, no randomness
    cols = min(len(panels), 3)
    rows = int(np.ceil(len(panels) / cols))
    fig, axes = new_figure("double" if cols > 1 else "single", _height(rows, 2.3, 0.3), nrows=rows, ncols=cols,
                           squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, p in zip(axes.flat, panels):
        g = nx.Graph()
        counts = sal[(sal["unit"] == p) & (sal["mentions"] > 0)].groupby("actor")["mentions"].sum()
        g.add_nodes_from(counts.index)
        weights = edg[edg["unit"] == p].groupby(["actor_a", "actor_b"])["sentences"].sum()
        for (a, b), w in weights.items():
            g.add_edge(a, b, weight=int(w))
        top = max([g[u][v]["weight"] for u, v in g.edges()], default=1)
        nx.draw_networkx_edges(g, pos, ax=ax, width=[0.4 + 2.6 * g[u][v]["weight"] / top for u, v in g.edges()],
                               edge_color="0.6", alpha=0.8)
        top_n = max(counts.max() if len(counts) else 1, 1)
        sizes = {n: 20 + 180 * counts[n] / top_n for n in g.nodes()}  # marker area, points squared
        nx.draw_networkx_nodes(g, pos, ax=ax, node_size=[sizes[n] for n in g.nodes()], node_color=[colours[p]],
                               alpha=0.85, linewidths=0)
        for n in g.nodes():  # outside the circle, just beyond the node, away from the edges, which run inside it
            x, y = pos[n]
            r = float(np.hypot(x, y)) or 1.0
            gap = np.sqrt(sizes[n]) / 2 + 2.0  # points: the node's radius and a little air
            ax.annotate(label_of(n, "actor"), (x, y), xytext=(gap * x / r, gap * y / r), textcoords="offset points",
                        fontsize=6, ha="left" if x > 0.3 else "right" if x < -0.3 else "center",
                        va="bottom" if y > 0.3 else "top" if y < -0.3 else "center")
        ax.set_xlim(-1.9, 1.9)
        ax.set_ylim(-1.35, 1.35)
        for _, w, (x, y) in _edge_label_places(weights, pos, _edge_label_room(ax)):  # on its edge, white ground
            ax.text(x, y, str(int(w)), fontsize=6, color="0.2", ha="center", va="center",
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 1.0})
        n_docs = int((documents["stance"] == p).sum()) if by_group else 1
        title = f"{group_name(documents, p)} (group of {n_docs})" if by_group else names[p]
        ax.set_title(title if len(g) else f"{title}: no actor named", fontsize=7)
    return fig


def frame_trajectory(traj: pd.DataFrame, frames: list[str], labels: dict[str, str], documents: pd.DataFrame):
    """Heatmaps: frame (rows) by tenth of the article (columns), share of sentences; one panel per document,
    or per group (mean over its documents) when there are more than four documents."""
    by_group = len(documents) > 4
    names = document_labels(documents)
    if by_group:
        unit = dict(zip(documents["doc_id"], documents["stance"]))
        traj = traj.assign(unit=traj["doc_id"].map(unit)).groupby(["unit", "segment"])[frames].mean().reset_index()
        panels = group_order(documents)
    else:
        traj = traj.assign(unit=traj["doc_id"])
        panels = list(documents["doc_id"])
    cols = 1 if len(panels) <= 2 else 2
    rows = int(np.ceil(len(panels) / cols))
    fit = max(3, int((MAX_HEIGHT / rows - 0.45) / 0.15))  # frame rows a panel can label legibly
    heading = None
    if len(frames) > fit:  # many panels: the frames most present in the corpus, said on the figure
        share = traj.groupby("unit")[frames].mean().mean()
        kept = sorted(frames, key=lambda f: (-share[f], frames.index(f)))[:fit]
        heading = f"The {fit} frames most present in the corpus (of {len(frames)})"
        frames = [f for f in frames if f in kept]
    per_panel = 0.25 + 0.17 * len(frames)
    fig, axes = new_figure("double", _height(rows, per_panel, 0.9), nrows=rows, ncols=cols, squeeze=False,
                           sharex=True)
    image = None
    for ax in axes.flat[len(panels):]:
        ax.axis("off")
    sizes = documents.groupby("stance").size()
    grids = {p: traj[traj["unit"] == p].set_index("segment").reindex(range(10))[frames].fillna(0).T for p in panels}
    # the colour scale fits the data: 0 to the largest share, rounded up to a twentieth (a 0-1 scale for shares
    # of 0-0.25 leaves every cell dark)
    top = max((float(g.to_numpy().max()) for g in grids.values() if g.size), default=0.0)
    vmax = min(1.0, max(0.05, math.ceil(top * 20 - 1e-9) / 20))
    for k, (ax, p) in enumerate(zip(axes.flat, panels)):
        grid = grids[p]
        image = ax.imshow(grid.to_numpy(), aspect="auto", cmap="viridis", vmin=0, vmax=vmax)
        first_column = list(axes.flat).index(ax) % cols == 0
        ax.set_yticks(range(len(frames)), [labels[f] for f in frames] if first_column else [], fontsize=6)
        panel_title = (f"{group_name(documents, p)}\n(mean of {int(sizes[p])} "
                       f"document{'s' if sizes[p] != 1 else ''})" if by_group else names[p])
        ax.set_title(panel_title, loc="left", fontsize=7)
        bottom = k + cols >= len(panels)  # the lowest panel of its column: the x labels go there only
        ax.set_xticks(range(10), [str(t + 1) for t in range(10)], fontsize=6)
        ax.tick_params(labelbottom=bottom)
        if bottom and cols == 1:
            ax.set_xlabel("Tenth of the article (1 = first; by sentence)")
    if cols > 1:  # one label under the columns (a label per column is wider than its panel)
        fig.supxlabel("Tenth of the article (1 = first; by sentence)", fontsize=7)
    if image is not None:
        fig.colorbar(image, ax=axes, shrink=0.6, label="Share of sentences\nwith the frame", location="right")
    if heading:
        fig.suptitle(heading, fontsize=7, x=0.01, ha="left")
    return fig


#: At most this many terms are labelled in the keyness plot, shared among the groups.
KEYNESS_LABELS = 24


#: The most term labels a keyness plot places: label placement (``adjustText``) compares every pair of labels,
#: so its memory and time grow with the square of their number (200 groups of one document: about 2,000
#: labels, a 2.2 GiB allocation). Two groups use 20.
MAX_KEYNESS_LABELS = 60


def capped_labels(labels: list[tuple]) -> list[tuple]:
    """``labels`` (each ``(score, ...)``) in their order, or, beyond :data:`MAX_KEYNESS_LABELS`, the highest
    scores among them (ties in order), still in their order."""
    if len(labels) <= MAX_KEYNESS_LABELS:
        return labels
    keep = sorted(range(len(labels)), key=lambda i: (-labels[i][0], i))[:MAX_KEYNESS_LABELS]
    return [labels[i] for i in sorted(keep)]


#: Beyond two groups and up to this many, the keyness plot draws one panel per group (its terms against the
#: rest); beyond, one panel of every group's top terms.
MAX_KEYNESS_PANELS = 8


def _keyness_panel(ax, shown: pd.DataFrame, sides: list, hues: dict, label_top: int, function_top: int,
                   alpha: float, spelled: dict | None = None) -> int:
    """One keyness panel: every term a grey dot, the top terms of each side labelled (and coloured), the
    labelled terms passing Benjamini-Hochberg ringed (every ringed point carries its label). Returns the panel's
    labels (highest score first), their connecting lines and rings, for :func:`_drop_overprinted`."""
    # every term as a grey dot: beyond 2,000 (as in the other figures) drawn as an image inside the PDF and SVG
    # (tens of thousands of vector markers cost seconds to write and megabytes to read); labelled and ringed
    # terms stay vector
    ax.scatter(np.log10(shown["total"]), shown["z"], s=4, color="0.78", linewidths=0, zorder=1,
               rasterized=len(shown) > 2000)
    labels, spelled = [], spelled or {}
    for g, sign, part in sides:
        part = part.assign(score=sign * part["z"])
        part = part[part["score"] > 0]
        top = part[~part["function_word"]].sort_values(["score", "term"], ascending=[False, True],
                                                      kind="mergesort").head(label_top)
        fw = part[part["function_word"]].sort_values(["score", "term"], ascending=[False, True],
                                                    kind="mergesort").head(function_top)
        ax.scatter(np.log10(top["total"]), top["z"], s=10, color=hues[g], zorder=2)
        ax.scatter(np.log10(fw["total"]), fw["z"], s=10, color="0.45", zorder=2)
        for r in top.itertuples():
            labels.append((r.score, np.log10(r.total), r.z, spelled.get(r.term, r.term), {"color": hues[g]},
                           r.q_bh))
        for r in fw.itertuples():
            labels.append((r.score, np.log10(r.total), r.z, spelled.get(r.term, r.term),
                           {"color": "0.45", "style": "italic"}, r.q_bh))
    texts, scores, ringed = [], [], {}
    for score, x, y, term, style, q in capped_labels(labels):
        text = ax.text(x, y, term, fontsize=6, **style,  # a white halo: legible over the grey dots
                       path_effects=[patheffects.withStroke(linewidth=2, foreground="white")])
        texts.append(text)
        scores.append(score)
        if q < alpha:
            ringed[id(text)] = (x, y)
    rings = None
    if ringed:
        rings = ax.scatter([x for x, _ in ringed.values()], [y for _, y in ringed.values()], s=40,
                           facecolors="none", edgecolors="black", lw=0.6, zorder=3)
        rings.set_gid(HIGHLIGHT)
    ax.axhline(0, color="0.7", lw=0.5)
    _, arrows = adjust_text(texts, ax=ax, expand=(1.3, 1.5),
                            arrowprops={"arrowstyle": "-", "color": "0.6", "lw": 0.4}, iter_lim=500,
                            max_move=None)  # a fixed number of steps, never a time limit: same figure each run
    order = sorted(range(len(texts)), key=lambda i: (-scores[i], i))
    return {"texts": [texts[i] for i in order], "arrows": list(arrows), "rings": rings, "ringed": ringed}


def _drop_overprinted(fig, panels: list[dict]) -> int:
    """After the figure is laid out: a label that would still overprint a higher-scored one of its panel (boxes
    sharing more than a point each way) is left out, with its connecting line and its ring (so every ringed
    point keeps its label). Returns how many labels were left out."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    to_pt = 72.0 / fig.dpi
    dropped = 0
    for panel in panels:
        kept, gone = [], set()
        for text in panel["texts"]:
            box = text.get_window_extent(renderer)
            if any(min(box.x1, k.x1) - max(box.x0, k.x0) > 1 / to_pt and min(box.y1, k.y1) - max(box.y0, k.y0)
                   > 1 / to_pt for k in kept):
                text.remove()
                gone.add(id(text))
                continue
            kept.append(box)
        for arrow in panel["arrows"]:
            if id(getattr(arrow, "patchA", None)) in gone:
                arrow.remove()
        if gone and panel["rings"] is not None:
            left = [xy for t, xy in panel["ringed"].items() if t not in gone]
            panel["rings"].set_offsets(np.array(left, dtype=float).reshape(-1, 2))
            panel["rings"].set_visible(bool(left))
        dropped += len(gone)
    return dropped


def keyness_plot(table: pd.DataFrame, groups: list[str], label_top: int = 8, alpha: float = 0.05,
                 names: dict[str, str] | None = None, spelled: dict[str, str] | None = None):
    """Monroe et al.'s plot: z against log frequency. The top content words of each group are labelled
    (positions adjusted so labels do not overlap: ``adjustText``; a label that still would overprint a
    higher-scored one is left out, :func:`_drop_overprinted`), function words in grey; labelled terms
    passing the Benjamini-Hochberg correction (q < alpha) are ringed. Two groups: one panel, one group above the
    zero line and the other below; three to :data:`MAX_KEYNESS_PANELS` groups: one panel per group, its terms
    against the rest; beyond, one panel of every group's top terms. No fixed |z| line: with hundreds of terms
    tested, 1.96 is not a threshold. ``names``: the groups' display names; ``spelled``: how each term is shown
    (:func:`rhetoric.analysis.keyness.display_terms`: proper nouns capitalised)."""
    names = names or {}
    name = {g: names.get(g, g) for g in groups}
    two = len(groups) == 2
    hues = group_colours(groups)
    handles, names_ = [], []
    for g in groups:
        handles.append(Line2D([], [], marker="o", ls="", color=hues[g], markersize=4))
        names_.append(f"more in {name[g]}" + ("" if two else " (vs the rest)"))
    panels = []
    if two or len(groups) > MAX_KEYNESS_PANELS:
        fig, ax = new_figure("double", 3.6)
        shown = table[table["group"] == groups[0]] if two else table
        label_top = max(1, min(label_top, KEYNESS_LABELS // len(groups)))  # no more than ~24 content labels
        function_top = max(1, label_top // 3) if len(groups) <= 3 else 0
        sides = ([(groups[0], 1, shown), (groups[1], -1, shown)] if two
                 else [(g, 1, shown[shown["group"] == g]) for g in groups])
        panels = [_keyness_panel(ax, shown, sides, hues, label_top, function_top, alpha, spelled)]
        ax.set_xlabel("Frequency in the corpus (log10 count)")
        ax.set_ylabel(f"z (log-odds, informative prior)\n+ = more in {name[groups[0]]}" if two
                      else "z (log-odds vs rest)")
    else:
        cols = 2
        rows = int(np.ceil(len(groups) / cols))
        fig, axes = new_figure("double", _height(rows, 2.3, 0.6), nrows=rows, ncols=cols, squeeze=False)
        for ax in axes.flat[len(groups):]:
            ax.axis("off")
        for k, (ax, g) in enumerate(zip(axes.flat, groups)):
            shown = table[table["group"] == g]
            panels.append(_keyness_panel(ax, shown, [(g, 1, shown)], hues, label_top, max(1, label_top // 3),
                                         alpha, spelled))
            ax.set_title(f"{name[g]} vs the rest", loc="left", fontsize=7)
            if k + cols >= len(groups):
                ax.set_xlabel("Frequency (log10 count)")
            if k % cols == 0:
                ax.set_ylabel("z (log-odds vs rest)")
    if any(p["ringed"] for p in panels):
        handles.append(Line2D([], [], marker="o", ls="", markerfacecolor="none", color="black", markersize=6))
        names_.append(f"labelled term passing Benjamini-Hochberg, q < {alpha}")
    handles.append(Line2D([], [], marker="o", ls="", color="0.45", markersize=4))
    names_.append("function word (italic)")
    _legend_below(fig, handles, names_)
    _drop_overprinted(fig, panels)
    return fig


def tone_distribution(scored: pd.DataFrame, documents: pd.DataFrame, seed: int):
    """VADER compound. Document form: every sentence as a jittered dot, one row per document, with the
    document's mean and the neutral band. Group form: each document's mean compound, distributed by group."""
    if group_form(documents):
        per_doc = scored.groupby("doc_id")["vader_compound"].mean().rename("value").reset_index()
        k = documents["stance"].nunique()
        fig, ax = new_figure("single", _height(k, 0.32, 1.2))
        ax.axvspan(-0.05, 0.05, color="0.92", zorder=0)
        _group_distribution(ax, per_doc, documents, "value", seed=seed)
        ax.set_xlabel("Mean VADER compound\nof each article")  # two lines: long group names take the width
        _mean_legend(fig, [(Line2D([], [], marker="s", ls="", color="0.85", markersize=6),
                            "neutral band (|compound| < 0.05)")])
        return fig
    order = list(documents["doc_id"])
    styles = _styles(documents)
    names = [styles[d]["label"] for d in order]
    fig, ax = new_figure(_width_for(names), _height(len(order), 0.3, 1.2))
    rng = np.random.default_rng(seed)
    ax.axvspan(-0.05, 0.05, color="0.92", zorder=0)
    for k, d in enumerate(order, start=1):
        values = scored.loc[scored["doc_id"] == d, "vader_compound"]
        ax.scatter(values, k + rng.uniform(-0.2, 0.2, len(values)), s=5, color=styles[d]["colour"], alpha=0.8,
                   linewidths=0, zorder=2)
        ax.plot([values.mean()] * 2, [k - 0.3, k + 0.3], color="black", lw=1.2, zorder=3)
    ax.set_yticks(range(1, len(order) + 1), names)
    ax.invert_yaxis()
    ax.set_xlim(-1.02, 1.02)
    ax.set_xlabel("VADER compound per sentence")
    handles = [Line2D([], [], color="black", lw=1.2), Line2D([], [], marker="s", ls="", color="0.85", markersize=6)]
    names = ["mean of the article", "neutral band (|compound| < 0.05)"]
    if documents["stance"].nunique() > 1:  # the colour says the group
        group_handles, group_names = _group_handles(documents)
        handles, names = handles + group_handles, names + [f"group: {g}" for g in group_names]
    _legend_below(fig, handles, names)
    return fig


def tone_trajectory(scored: pd.DataFrame, documents: pd.DataFrame, window: int = 5, seed: int = 0):
    """VADER compound by position in each article. Document form: every sentence, and a centred rolling mean
    over ``window`` sentences per document. Group form: per group and tenth of the article, the group mean of
    its documents' mean compound in that tenth, with a bootstrap 95% band over the documents."""
    if group_form(documents):
        fig, ax = new_figure("double", 2.8)
        part = scored.assign(n=scored.groupby("doc_id")["sentence_id"].transform("size"),
                             rank=scored.groupby("doc_id")["sentence_id"].rank(method="first") - 1)
        part["tenth"] = np.minimum((10 * part["rank"] / part["n"]).astype(int), 9)
        per_doc = part.groupby(["doc_id", "tenth"])["vader_compound"].mean().rename("value").reset_index()
        means = group_means(per_doc, documents, "value", "tenth", seed=seed)
        hues, marks = group_colours(documents["stance"]), group_markers(documents["stance"])
        x = (np.arange(10) + 0.5) / 10
        for g in sorted(hues):
            m = means[means["group"] == g].set_index("tenth").reindex(range(10))
            ax.fill_between(x, m["ci_low"], m["ci_high"], color=hues[g], alpha=0.18, linewidth=0)
            ax.plot(x, m["estimate"], color=hues[g], marker=marks[g], ms=3, lw=1.1)
        ax.axhline(0, color="0.6", lw=0.5)
        ax.set_xlabel("Position in the article (tenths, by sentence)")
        ax.set_ylabel("Mean VADER compound\n(group mean of its documents)")
        ax.set_xlim(0, 1)
        handles, names = _group_handles(documents)
        handles.append(Line2D([], [], color="0.5", lw=6, alpha=0.3))
        names.append("bootstrap 95% interval over the group's documents")
        _legend_below(fig, handles, names)
        return fig
    styles = _styles(documents)
    fig, ax = new_figure("double", 2.6)
    for d in documents["doc_id"]:
        part = scored[scored["doc_id"] == d].sort_values("sentence_id")
        pos = part["sentence_id"] / max(len(part) - 1, 1)
        smooth = part["vader_compound"].rolling(window, center=True, min_periods=1).mean()
        ax.scatter(pos, part["vader_compound"], s=4, color=styles[d]["colour"], alpha=0.3, linewidths=0)
        ax.plot(pos, smooth, color=styles[d]["colour"], lw=1.1)
    ax.axhline(0, color="0.6", lw=0.5)
    ax.set_xlabel("Position in the article (0 = first sentence, 1 = last)")
    ax.set_ylabel("VADER compound")
    _document_legend(fig, documents, marker=False)
    return fig


def interval_dots(table: pd.DataFrame, documents: pd.DataFrame, category: str, estimate: str = "estimate",
                  low: str = "ci_low", high: str = "ci_high", xlabel: str = "", zero: float | None = 0.0,
                  width: str = "single", height: float | None = None, unit: str = "doc_id", seed: int = 0):
    """Dot-and-interval plot: one row per category, one dot (with its 95% interval) per document, or per group
    when ``unit='group'`` (then ``table`` has a ``group`` column and colours are the groups' hues). In the group
    form (``unit='doc_id'`` and more than :data:`MAX_DOCS_SHOWN` documents) each group's documents are faint
    dots at their estimates and the group mean of them is drawn with a bootstrap interval over the documents
    (the documents' own intervals are left out)."""
    cats = list(dict.fromkeys(table[category]))
    if unit == "doc_id" and group_form(documents):
        k = documents["stance"].nunique()
        fig, ax = new_figure(width, height or _height(len(cats), 0.22 + 0.05 * k, 0.9))
        _group_dots(ax, table[["doc_id", category, estimate]], documents, category, estimate, seed=seed, zero=zero,
                    cats=cats)
        # at most six ticks: the automatic choice can put 11 two-decimal labels on a single-column axis
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
        ax.set_xlabel((xlabel.split("\n")[0] if xlabel else estimate) + "\n" + GROUP_AXIS_NOTE)
        _document_legend(fig, documents)
        return fig
    n_units = table[unit].nunique()
    fig, ax = new_figure(width, height or _height(len(cats), 0.22 + 0.05 * n_units, 0.9))
    _dots(ax, table, documents, category, estimate=estimate, low=low, high=high, zero=zero, spread=0.6, unit=unit)
    ax.set_xlabel(xlabel)
    if unit == "group":
        order = [g for g in group_order(documents) if g in set(table["group"])]
        order += sorted(set(table["group"]) - set(order))
        hues, marks = group_colours(documents["stance"]), group_markers(documents["stance"])
        _legend_below(fig, [Line2D([], [], marker=marks[g], ls="", color=hues[g], markersize=4) for g in order],
                      [group_name(documents, g) for g in order], title="group mean, 95% interval over its documents")
    else:
        _document_legend(fig, documents)
    return fig


def interval_panels(table: pd.DataFrame, documents: pd.DataFrame, category: str, by: str, note: str = "",
                    width: str = "onehalf", seed: int = 0):
    """:func:`interval_dots` with one panel per value of ``by`` (a unit: a 0-100 score and school grades), each
    on its own x axis labelled with that value and ``note``: measures of different scales never share an axis.
    Panels stacked, their heights following their rows; document or group form as in :func:`interval_dots`."""
    units = list(dict.fromkeys(table[by]))
    rows = [table[table[by] == u][category].nunique() for u in units]
    grouped = group_form(documents)
    per_row = 0.22 + 0.05 * (documents["stance"].nunique() if grouped else len(documents))
    fig, axes = new_figure(width, _height(sum(rows), per_row, 0.9 + 0.5 * len(units)), nrows=len(units),
                           squeeze=False, gridspec_kw={"height_ratios": [max(r, 1) + 1.2 for r in rows]})
    for ax, u in zip(axes[:, 0], units):
        part = table[table[by] == u]
        if grouped:
            _group_dots(ax, part[["doc_id", category, "estimate"]], documents, category, "estimate", seed=seed,
                        zero=None, cats=list(dict.fromkeys(part[category])))
            ax.set_xlabel(f"{u}\n{GROUP_AXIS_NOTE}")
        else:
            _dots(ax, part, documents, category, zero=None, spread=0.6)
            ax.set_xlabel(f"{u}" + (f" ({note})" if note else ""))
    _document_legend(fig, documents)
    return fig


def lexicon_agreement(scored: pd.DataFrame, documents: pd.DataFrame):
    """VADER compound against Pattern polarity, one dot per sentence, coloured by document (by group in the
    group form)."""
    fig, ax = new_figure("single", 3.2)
    if group_form(documents):
        group_of = dict(zip(documents["doc_id"], documents["stance"]))
        hues, marks = group_colours(documents["stance"]), group_markers(documents["stance"])
        groups = scored["doc_id"].map(group_of)
        for g in sorted(hues):
            part = scored[groups == g]
            ax.scatter(part["vader_compound"], part["pattern_polarity"], s=3, color=hues[g], alpha=0.35,
                       marker=marks[g], linewidths=0, rasterized=len(part) > 2000)
        handles, names = _group_handles(documents)
        _legend_below(fig, handles, names, title="group (one dot per sentence)")
    else:
        styles = _styles(documents)
        for d in documents["doc_id"]:
            part = scored[scored["doc_id"] == d]
            ax.scatter(part["vader_compound"], part["pattern_polarity"], s=6, color=styles[d]["colour"], alpha=0.75,
                       marker=styles[d]["marker"], linewidths=0)
        _document_legend(fig, documents)
    ax.axhline(0, color="0.7", lw=0.5)
    ax.axvline(0, color="0.7", lw=0.5)
    ax.set_xlabel("VADER compound")
    ax.set_ylabel("Pattern polarity (TextBlob)")
    return fig


def _dots(ax, table: pd.DataFrame, documents: pd.DataFrame, category: str, *, estimate: str = "estimate",
          low: str = "ci_low", high: str = "ci_high", zero: float | None = 0.0, spread: float = 0.5,
          unit: str = "doc_id"):
    """Draw one dot with its interval per document (or group) in each category row of ``ax``."""
    if unit == "group":
        order = sorted(table["group"].unique())
        hues, marks = group_colours(documents["stance"]), group_markers(documents["stance"])
        style = {g: {"colour": hues.get(g, "0.3"), "marker": marks.get(g, "o")} for g in order}
    else:
        order = [d for d in documents["doc_id"] if d in set(table["doc_id"])]
        style = _styles(documents)
    cats = list(dict.fromkeys(table[category]))
    step = spread / max(len(order), 1)
    for k, u in enumerate(order):
        part = table[table[unit] == u].set_index(category).reindex(cats)
        y = np.arange(len(cats)) + (k - (len(order) - 1) / 2) * step
        lo = (part[estimate] - part[low]).fillna(0).clip(lower=0)
        hi = (part[high] - part[estimate]).fillna(0).clip(lower=0)
        ax.errorbar(part[estimate], y, xerr=[lo, hi], fmt=style[u]["marker"], ms=3, color=style[u]["colour"],
                    elinewidth=0.8, capsize=0)
    if zero is not None:
        ax.axvline(zero, color="0.6", lw=0.5)
    ax.set_yticks(range(len(cats)), cats)
    ax.set_ylim(len(cats) - 0.5, -0.5)


def paper_figure_by_group(documents: pd.DataFrame) -> bool:
    """True when the paper figure summarises groups: in the group form, or when there are at least two groups
    and one of them has several documents (then group means say more than the documents one by one)."""
    sizes = documents.groupby("stance").size()
    return group_form(documents) or (len(sizes) >= 2 and bool((sizes >= 2).any()))


def paper_figure_shows_difference(documents: pd.DataFrame) -> bool:
    """True when panel A of the paper figure shows the difference between two documents (a corpus of exactly
    two: their standardised values would only mirror each other) rather than standardised values."""
    return len(documents) == 2


def _constant_rows(table: pd.DataFrame, category: str, value: str = "estimate") -> list[tuple[str, float]]:
    """The categories of ``table`` whose value is the same (and finite) in every row: ``(category, value)``."""
    out = []
    for c, part in table.groupby(category, sort=False):
        v = part[value].to_numpy(dtype=float)
        if len(v) and np.isfinite(v).all() and np.ptp(v) == 0:
            out.append((c, float(v[0])))
    return out


def _dropped_note(what: str, dropped: list[tuple[str, float]], unit: str = "") -> str:
    if not dropped:
        return ""
    items = ", ".join(f"{c} ({v:.3g}{unit})" for c, v in dropped)
    return f"{what}: {items}."


#: How each unit of the registry reads on a difference axis: (axis text, factor applied to the difference).
_DIFFERENCE_UNITS = {"per 1,000 words": ("per 1,000 words", 1.0),
                     "share of sentences": ("share of sentences, percentage points", 100.0)}


def _difference_panels(difference: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Panel A's sub-panels for two documents: one per unit (rates together, shares together, each mean on its
    own scale), each with its axis text, rows ordered by difference (largest first), in the unit's scale."""
    panels = []
    for unit, part in difference.groupby("unit", sort=False):
        text, factor = _DIFFERENCE_UNITS.get(unit, (None, 1.0))
        part = part.assign(**{c: part[c] * factor for c in ("difference", "ci_low", "ci_high")})
        groups = [(text, part)] if text else [(r.measure, part[part["measure"] == r.measure])  # its own scale
                                              for r in part.itertuples()]
        for axis_text, rows in groups:
            panels.append((axis_text, rows.sort_values(["difference", "measure"], ascending=[False, True],
                                                       kind="mergesort")))
    panels.sort(key=lambda p: -len(p[1]))  # the largest panel first
    return panels


def _draw_difference(ax, rows: pd.DataFrame, colours: tuple, axis_text: str) -> None:
    """One sub-panel of panel A for two documents: the difference (second minus first) per measure with its
    interval, coloured by the document that has more, and a line at 0."""
    y = np.arange(len(rows))
    lo = (rows["difference"] - rows["ci_low"]).fillna(0).clip(lower=0)
    hi = (rows["ci_high"] - rows["difference"]).fillna(0).clip(lower=0)
    for k, (d, l_, h_) in enumerate(zip(rows["difference"], lo, hi)):
        colour = colours[1] if d > 0 else colours[0] if d < 0 else "0.4"
        ax.errorbar([d], [k], xerr=[[l_], [h_]], fmt="o", ms=3.5, color=colour, elinewidth=0.9, capsize=0)
    ax.axvline(0, color="0.6", lw=0.5)
    ax.set_yticks(y, list(rows["measure"]))
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlabel(f"Difference, {axis_text}")
    ax.margins(x=0.08)


#: The instruments whose sentence shares panel B of the paper figure draws, and how a label names its family.
FRAME_SHARE_INSTRUMENTS = {"frames": ("frame: ", ""), "generic_frames": ("generic frame: ", " (generic)")}


def frame_shares(profile: pd.DataFrame) -> pd.DataFrame:
    """Panel B's rows of a profile (:func:`rhetoric.analysis.comparison.profile`): the share of sentences of each
    frame of the families in force (the registry's ``frame_<name>_share`` and ``generic_<name>_share``; not the
    calibrated ``_score`` and ``_present``, which are per article), ``measure`` relabelled to the frame's short
    name (a generic frame marked ``(generic)``, so no two frames share a label) and the registry's name kept as
    ``measure_id``."""
    names = {m.name: m.label.removeprefix(FRAME_SHARE_INSTRUMENTS[m.instrument][0])
             + FRAME_SHARE_INSTRUMENTS[m.instrument][1]
             for m in registry.measures() if m.aggregation == "share" and m.instrument in FRAME_SHARE_INSTRUMENTS}
    rows = profile[profile["measure"].isin(names)]
    return rows.assign(measure_id=rows["measure"], measure=rows["measure"].map(names))


def comparison_figure(std: pd.DataFrame, frame_profile: pd.DataFrame, positioning: pd.DataFrame,
                      documents: pd.DataFrame, seed: int = 0, difference: pd.DataFrame | None = None):
    """The paper figure and a note for its caption: ``(fig, note)``.

    (A) The core measures. For a corpus of two documents (:func:`paper_figure_shows_difference`), with
    ``difference`` (:func:`rhetoric.analysis.comparison.document_difference`): the difference between them per
    measure in the measure's own units (rates per 1,000 words together, shares in percentage points, each mean
    on its own axis), with its bootstrap 95% interval, largest first. Otherwise the standardised profile
    (``std``). (B) Frame salience. (C) How often the main actors are named. Per document (with, in C, the number
    of "can/could" constructions written on each bar), or, when :func:`paper_figure_by_group`, per group: the
    group mean of its documents' values with a bootstrap 95% interval over them, the documents as faint dots
    (A, B), and no construction counts (C).

    A measure, frame or actor with the same value in every document is left out (a row of a constant says
    nothing a sentence would not); ``note`` names each one with its value ("" when none is left out).

    Layout: panel A in the left column, its sub-panels as tall as their rows; B and C in the right column, each
    in a sub-figure of its own, so C's axis is not pushed right by B's long labels.
    """
    use_style()
    by_group = paper_figure_by_group(documents)
    two = difference is not None and paper_figure_shows_difference(documents) and not by_group
    notes = []
    dropped = _constant_rows(frame_profile, "measure")
    frame_profile = frame_profile[~frame_profile["measure"].isin([c for c, _ in dropped])]
    notes.append(_dropped_note("Frames not drawn, the same share of sentences in every article", dropped))
    if two:
        same = [(r.measure, r.estimate_a) for r in difference.itertuples()
                if r.estimate_a == r.estimate_b and np.isfinite(r.estimate_a)]
        notes.append(_dropped_note("Measures not drawn in A, equal in both articles", same))
        panels = _difference_panels(difference[~difference["measure"].isin([c for c, _ in same])])
    else:
        same = _constant_rows(std, "measure")
        notes.append(_dropped_note("Measures not drawn in A, the same in every article", same, " SD"))
        panels = [("", std[~std["measure"].isin([c for c, _ in same])])]
    actors = list(dict.fromkeys(positioning["actor"]))
    flat = _constant_rows(positioning, "actor", "mentions_per_1000")
    notes.append(_dropped_note("Actors not drawn in C, as often named in every article", flat,
                               " per 1,000 words"))
    actors = [a for a in actors if a not in {c for c, _ in flat}]
    frames_n = frame_profile["measure"].nunique()
    # heights in inches, from the content: a row of a dot plot 0.19 in (group form 0.26), axis and label 0.55
    per_row = 0.26 if by_group else 0.19
    heights_a = [0.5 + per_row * max(rows["measure"].nunique(), 1) + (0.25 if not text else 0.0)
                 for text, rows in panels]
    height_b, height_c = 0.75 + per_row * max(frames_n, 1), 2.0
    height = float(min(max(sum(heights_a), height_b + height_c) + 0.45, MAX_HEIGHT))
    heights_a[0] += max(height_b + height_c - sum(heights_a), 0.0)  # the room left goes to the largest panel
    fig = plt.figure(figsize=(WIDTHS["double"], height), layout="constrained")
    left, right = fig.subfigures(1, 2, width_ratios=[1.0, 1.15], wspace=0.02)
    axes_a = left.subplots(len(panels), 1, squeeze=False, height_ratios=heights_a)[:, 0]
    top, bottom = right.subfigures(2, 1, height_ratios=[height_b, height_c], hspace=0.02)
    ax = {"A": axes_a[0], "B": top.subplots(), "C": bottom.subplots()}
    if two:
        order = list(documents["doc_id"])
        styles = _styles(documents)
        colours = tuple(styles[d]["colour"] for d in order)
        groups = list(documents["stance"])
        names = (tuple(group_name(documents, g) for g in groups) if groups[0] != groups[1]
                 else tuple(styles[d]["label"] for d in order))
        for a, (text, rows) in zip(axes_a, panels):
            _draw_difference(a, rows, colours, text)
        ax["A"].set_title(f"{names[1]} minus {names[0]}", fontsize=7, loc="right")
    elif by_group:
        _group_dots(ax["A"], panels[0][1], documents, "measure", "estimate", seed=seed, zero=0.0, spread=0.55)
        ax["A"].set_xlabel("Standardised mean, in SDs:\n(article − mean) / SD\nacross articles; group means,"
                           "\n95% interval over articles")
    else:
        _dots(ax["A"], panels[0][1], documents, "measure", spread=0.55)
        ax["A"].set_xlabel("Standardised mean, in SDs:\n(article − corpus mean) / SD\nover sentences; bootstrap 95% "
                           "interval")
    if by_group:
        _group_dots(ax["B"], frame_profile, documents, "measure", "estimate", seed=seed, spread=0.55)
        ax["B"].set_xlabel("Share of sentences (group\nmeans, 95% interval)")
        order = sorted(documents["stance"].unique())
        hues = group_colours(order)
        means = group_means(positioning, documents, "mentions_per_1000", "actor", seed=seed)
        step = 0.8 / max(len(order), 1)
        for k, g in enumerate(order):
            part = means[means["group"] == g].set_index("actor").reindex(actors)
            x = np.arange(len(actors)) + (k - (len(order) - 1) / 2) * step
            lo = (part["estimate"] - part["ci_low"]).fillna(0).clip(lower=0)
            hi = (part["ci_high"] - part["estimate"]).fillna(0).clip(lower=0)
            ax["C"].bar(x, part["estimate"].fillna(0), width=step, color=hues[g], yerr=[lo, hi],
                        error_kw={"elinewidth": 0.7, "ecolor": "0.2"})
        note = "bar: group mean of its articles,\nline: bootstrap 95% interval"
    else:
        _dots(ax["B"], frame_profile, documents, "measure", zero=None, spread=0.55)
        ax["B"].set_xlabel("Share of sentences\n(95% interval)")
        order = list(documents["doc_id"])
        styles = _styles(documents)
        step = 0.8 / max(len(order), 1)
        for k, d in enumerate(order):
            part = positioning[positioning["doc_id"] == d].set_index("actor").reindex(actors)
            x = np.arange(len(actors)) + (k - (len(order) - 1) / 2) * step
            ax["C"].bar(x, part["mentions_per_1000"].fillna(0), width=step, color=styles[d]["colour"])
            for xi, h, n in zip(x, part["mentions_per_1000"].fillna(0), part["can_could"]):
                if n and n == n:
                    ax["C"].text(xi, h, f"{int(n)}", ha="center", va="bottom", fontsize=6, color="0.15")
        note = "number on a bar: 'can/could' with\nthe actor as subject"
    names_c = [label_of(a, "actor") for a in actors]
    level = sum(len(n) + 2 for n in names_c) * 0.06 < 2.4  # inches the labels need side by side at 7 pt
    ax["C"].set_xticks(range(len(actors)), names_c, rotation=0 if level else 30, ha="center" if level else "right",
                       rotation_mode="anchor")
    ax["C"].set_ylabel("Mentions per 1,000 words")
    ax["C"].margins(y=0.2)
    ax["C"].set_title(note, loc="right", fontsize=6, color="0.3")
    for key in "ABC":
        ax[key].set_title(key, loc="left", fontweight="bold", fontsize=10)
    if by_group and not group_form(documents):
        handles, names = _group_handles(documents)
        handles.append(Line2D([], [], marker="o", ls="-", color="black", markersize=4, mfc="white"))
        names.append("group mean, bootstrap 95% interval over its documents")
        _legend_below(fig, handles, names, title="group (faint dots: its documents)")
    elif two:  # in A a colour is the side that is higher, not the article's own value
        _document_legend(fig, documents, title=f"in A, the colour of the higher article ({names[1]} minus "
                                                f"{names[0]} > 0: {names[1]}); in B and C, the article")
    else:
        _document_legend(fig, documents)
    return fig, " ".join(n for n in notes if n)


def group_comparison_plot(table: pd.DataFrame, documents: pd.DataFrame, articles: pd.DataFrame | None = None):
    """Group means of each measure on one scale: (group mean − mean of all documents) / SD across documents, with
    the bootstrap 95% interval over the group's documents (none for a group of one document)."""
    rows = []
    for measure, part in table.groupby("measure", sort=False):
        values = articles[measure].astype(float) if articles is not None and measure in articles else None
        mu = values.mean() if values is not None else part["estimate"].mean()
        sd = values.std(ddof=1) if values is not None and len(values) > 1 else np.nan
        if not sd > 0:
            continue
        for r in part.itertuples(index=False):
            rows.append({"measure": r.label, "group": r.group, "estimate": (r.estimate - mu) / sd,
                         "ci_low": (r.ci_low - mu) / sd, "ci_high": (r.ci_high - mu) / sd})
    std = pd.DataFrame(rows, columns=["measure", "group", "estimate", "ci_low", "ci_high"])
    fig = interval_dots(std, documents, "measure", unit="group",
                        xlabel="Group mean, standardised:\n(mean − mean of all documents) / SD across documents",
                        width="onehalf")
    return fig


def _unit_of(column: str) -> str:
    """The unit of a registered measure (its per-article column), or "" for a column the registry does not know."""
    try:
        return registry.get(column).unit
    except KeyError:
        return ""


def corpus_placement(reference: pd.DataFrame, corpus: pd.DataFrame, measures: dict[str, str],
                     documents: pd.DataFrame, group: str = "leaning", order: list[str] | None = None, cols: int = 4,
                     seed: int = 0):
    """Small multiples: each measure's distribution in a reference corpus by its groups (box plots, whiskers
    1.5 IQR, no outliers drawn), and this corpus's documents in a column of their own: one marker per document
    (document form) or, in the group form, a box of this corpus's documents with each document as a faint dot in
    its group's hue. ``corpus`` holds one row per document (``doc_id`` and the measures); its groups come from
    ``documents`` (documents missing there are drawn in grey)."""
    order = order or sorted(reference[group].dropna().unique())
    every = documents if set(corpus["doc_id"]) <= set(documents["doc_id"]) else None
    by_group = len(corpus) > MAX_DOCS_SHOWN
    styles = _styles(documents)
    group_of = dict(zip(documents["doc_id"], documents["stance"]))
    hues = group_colours(documents["stance"])
    rows = int(np.ceil(len(measures) / cols))
    fig, axes = new_figure("double", _height(rows, 1.75, 0.5), nrows=rows, ncols=cols, squeeze=False)
    for ax in axes.flat[len(measures):]:
        ax.axis("off")
    rng = np.random.default_rng(seed)
    for ax, (col, label) in zip(axes.flat, measures.items()):
        data = [reference.loc[reference[group] == g, col].dropna() for g in order]
        # a measure that is 0 in most reference articles has a box of zero height: its fliers are then the only
        # sign of the articles that are not 0, so they are drawn (as small grey points) rather than hidden
        flat = all(len(d) and d.quantile(0.75) == d.quantile(0.25) for d in data)
        ax.boxplot(data, widths=0.55, showfliers=flat, patch_artist=True,
                   boxprops={"facecolor": "0.88", "edgecolor": "0.4"}, medianprops={"color": "black"},
                   flierprops={"marker": ".", "markersize": 2, "markerfacecolor": "0.5", "markeredgecolor": "none",
                               "alpha": 0.5, "rasterized": True})
        if flat:
            pooled = pd.concat(data)
            centre = float(pooled.median())
            off = float((pooled != centre).mean())
            label = f"{label}\n" + textwrap.fill(f"(≠ {centre:.3g} in {off:.0%} of reference)", 24)  # a panel's width
        unit = _unit_of(col)
        if unit:
            ax.set_ylabel(unit, fontsize=6)
        x0 = len(order) + 1
        if by_group:
            ax.boxplot([corpus[col].dropna()], positions=[x0], widths=0.55, showfliers=False, patch_artist=True,
                       boxprops={"facecolor": "white", "edgecolor": "0.3"}, medianprops={"color": "black"})
            colours = [hues.get(group_of.get(d), "0.5") for d in corpus["doc_id"]]
            ax.scatter(x0 + rng.uniform(-0.2, 0.2, len(corpus)), corpus[col], s=3, color=colours, alpha=0.5,
                       linewidths=0, zorder=3, rasterized=len(corpus) > 2000)
        else:
            spread = np.linspace(-0.2, 0.2, len(corpus)) if len(corpus) > 1 else [0.0]
            for dx, (d, v) in zip(spread, zip(corpus["doc_id"], corpus[col])):
                style = styles.get(d, {"colour": "0.5", "marker": "o"})
                ax.scatter(x0 + dx, v, s=12, color=style["colour"], marker=style["marker"], zorder=3, linewidths=0)
        ax.set_xticks(range(1, len(order) + 2), [*order, "this\ncorpus"], fontsize=6)
        ax.set_title(label, fontsize=7)
    if by_group:
        handles, names = _group_handles(documents[documents["doc_id"].isin(corpus["doc_id"])])
        _legend_below(fig, handles, names, title="this corpus: box of its documents, a dot per document")
    elif every is not None:
        _document_legend(fig, every[every["doc_id"].isin(corpus["doc_id"])])
    return fig
