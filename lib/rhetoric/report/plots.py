"""The project's figures: each function takes result tables and returns a matplotlib figure.

All figures use :mod:`rhetoric.report.figure_files` (journal sizes, one style, colour-blind palette); notebooks save
them with ``Session.save``. Nothing random except where a ``seed`` is passed (jitter only).

Figures serve any corpus from one to about thirty documents in up to six groups:

* **Each document is distinguishable.** A group has a hue (Okabe-Ito, colour-blind safe); its documents
  get shades of that hue and a marker each (:func:`document_styles`). Beyond :data:`MAX_DOCS_SHOWN`
  documents, figures that would crowd show groups instead and say so in their labels.
* **Sizes are bounded**: heights grow with the number of rows up to :data:`MAX_HEIGHT`, then rows shrink.
* **Legends sit outside the data** (below the axes), and every label is a name for people
  (:mod:`rhetoric.report.labels`), never a raw identifier.
"""
from __future__ import annotations

import colorsys

import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D

from rhetoric.report.figure_files import PALETTE, new_figure, new_mosaic
from rhetoric.report.labels import label_of

#: Above this many documents, crowded figures show groups rather than documents.
MAX_DOCS_SHOWN = 8
#: Largest figure height (inches): a journal page's text block.
MAX_HEIGHT = 8.5
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*", "<", ">", "h", "p"]
#: Group hues: the Okabe-Ito colours of seaborn's colour-blind palette, in an order that keeps neighbours apart.
GROUP_HUES = [PALETTE[i] for i in (0, 1, 2, 4, 3, 9, 5, 6)]


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
    """A fixed hue per group (groups in sorted order, so every figure and run agrees)."""
    return {g: tuple(to_rgb(GROUP_HUES[i % len(GROUP_HUES)])) for i, g in enumerate(sorted(dict.fromkeys(groups)))}


def document_styles(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per document: ``doc_id, group, colour, marker, label``: the group's hue, a shade and a marker per
    document within its group (documents in corpus order)."""
    hues = group_colours(documents["stance"])
    rows = []
    for g, part in documents.groupby("stance", sort=True):
        for k, d in enumerate(part["doc_id"]):
            rows.append({"doc_id": d, "group": g, "colour": _shade(hues[g], k, len(part)),
                         "marker": MARKERS[k % len(MARKERS)], "label": f"{d} ({g})"})
    columns = ["doc_id", "group", "colour", "marker", "label"]
    if not rows:
        return pd.DataFrame(columns=columns)
    styles = pd.DataFrame(rows, columns=columns).set_index("doc_id").reindex(documents["doc_id"])
    return styles.reset_index()


def _styles(documents: pd.DataFrame) -> dict[str, dict]:
    return {r.doc_id: r._asdict() for r in document_styles(documents).itertuples(index=False)}


def _legend_below(fig, handles, labels, title: str | None = None) -> None:
    if not handles:
        return
    per_column = 0.058 * max(len(lab) for lab in labels) + 0.45  # inches a legend entry needs at 7 pt
    ncols = int(max(1, min(len(handles), fig.get_size_inches()[0] // per_column, 4)))
    fig.legend(handles, labels, loc="outside lower center", ncols=ncols, frameon=False, title=title,
               title_fontsize=7)


def _document_legend(fig, documents: pd.DataFrame, marker: bool = True) -> None:
    """A legend of the documents (or, beyond MAX_DOCS_SHOWN, of the groups) below the figure."""
    if len(documents) > MAX_DOCS_SHOWN:
        hues = group_colours(documents["stance"])
        handles = [Line2D([], [], marker="o", ls="", color=c, markersize=5) for c in hues.values()]
        _legend_below(fig, handles, list(hues), title="group (shades: its documents)")
        return
    styles = document_styles(documents)
    handles = [Line2D([], [], marker=r.marker if marker else "s", ls="", color=r.colour, markersize=5)
               for r in styles.itertuples()]
    _legend_below(fig, handles, list(styles["label"]))


def sentence_lengths(sents: pd.DataFrame, documents: pd.DataFrame, seed: int):
    """Box plot of words per sentence per document, with every sentence as a (jittered) dot."""
    order = list(documents["doc_id"])
    styles = _styles(documents)
    fig, ax = new_figure("single", _height(len(order), 0.32, 1.1))
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
    ax.set_yticks(range(1, len(order) + 1), order)
    ax.invert_yaxis()
    ax.set_xlabel("Words per sentence")
    _document_legend(fig, documents, marker=False)
    return fig


def category_dots(table: pd.DataFrame, documents: pd.DataFrame, category: str, value: str, xlabel: str = "",
                  width: str = "single", zero: float | None = None):
    """One row per category, one marker per document (group hue, shade and marker per document): the
    document-level values of several measures or categories at a glance. ``table`` is long: doc_id,
    category, value."""
    cats = list(dict.fromkeys(table[category]))
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


def actor_network(edges: pd.DataFrame, salience: pd.DataFrame, documents: pd.DataFrame):
    """Co-occurrence networks: one panel per document (per group beyond 6 documents). Node size: mentions;
    edge width and label: sentences naming both actors. Actors shown by name."""
    import networkx as nx

    by_group = len(documents) > 6
    unit = dict(zip(documents["doc_id"], documents["stance"])) if by_group else None
    sal = salience.assign(unit=salience["doc_id"].map(unit) if by_group else salience["doc_id"])
    edg = edges.assign(unit=edges["doc_id"].map(unit) if by_group else edges["doc_id"])
    panels = sorted(set(unit.values())) if by_group else list(documents["doc_id"])
    colours = group_colours(documents["stance"]) if by_group else {d: s["colour"]
                                                                    for d, s in _styles(documents).items()}
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
        nx.draw_networkx_edges(g, pos, ax=ax, width=[0.4 + 0.4 * g[u][v]["weight"] for u, v in g.edges()],
                               edge_color="0.6", alpha=0.8)
        nx.draw_networkx_nodes(g, pos, ax=ax, node_size=[20 + 10 * counts[n] for n in g.nodes()],
                               node_color=[colours[p]], alpha=0.85, linewidths=0)
        nx.draw_networkx_labels(g, pos, labels={n: label_of(n, "actor") for n in g.nodes()}, ax=ax, font_size=6)
        for (a, b), w in weights.items():
            ax.text((pos[a][0] + pos[b][0]) / 2, (pos[a][1] + pos[b][1]) / 2, str(int(w)), fontsize=5, color="0.3",
                    ha="center", va="center")
        title = f"{p} (group)" if by_group else f"{p} ({documents.set_index('doc_id').at[p, 'stance']})"
        ax.set_title(title if len(g) else f"{title}: no actor named", fontsize=7)
        ax.set_xlim(-1.45, 1.45)
        ax.set_ylim(-1.3, 1.3)
    return fig


def frame_trajectory(traj: pd.DataFrame, frames: list[str], labels: dict[str, str], documents: pd.DataFrame):
    """Heatmaps: frame (rows) by tenth of the article (columns), share of sentences; one panel per document,
    or per group (mean over its documents) when there are more than four documents."""
    by_group = len(documents) > 4
    if by_group:
        unit = dict(zip(documents["doc_id"], documents["stance"]))
        traj = traj.assign(unit=traj["doc_id"].map(unit)).groupby(["unit", "segment"])[frames].mean().reset_index()
        panels = sorted(set(unit.values()))
    else:
        traj = traj.assign(unit=traj["doc_id"])
        panels = list(documents["doc_id"])
    cols = 1 if len(panels) <= 2 else 2
    rows = int(np.ceil(len(panels) / cols))
    per_panel = 0.25 + 0.17 * len(frames)
    fig, axes = new_figure("double", _height(rows, per_panel, 0.9), nrows=rows, ncols=cols, squeeze=False,
                           sharex=True)
    image = None
    for ax in axes.flat[len(panels):]:
        ax.axis("off")
    for ax, p in zip(axes.flat, panels):
        grid = traj[traj["unit"] == p].set_index("segment").reindex(range(10))[frames].fillna(0).T
        image = ax.imshow(grid.to_numpy(), aspect="auto", cmap="viridis", vmin=0, vmax=1)
        ax.set_yticks(range(len(frames)), [labels[f] for f in frames], fontsize=6)
        title = f"{p} (group mean)" if by_group else f"{p} ({documents.set_index('doc_id').at[p, 'stance']})"
        ax.set_title(title, loc="left", fontsize=7)
        ax.set_xticks(range(10), [f"{10 * k}-{10 * k + 10}%" for k in range(10)], rotation=45, ha="right",
                      fontsize=6)
    for ax in axes[-1]:
        ax.set_xlabel("Position in the article (tenths, by sentence)")
    if image is not None:
        fig.colorbar(image, ax=axes, shrink=0.6, label="Share of sentences\nwith the frame", location="right")
    return fig


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


def keyness_plot(table: pd.DataFrame, groups: list[str], label_top: int = 8, alpha: float = 0.05):
    """Monroe et al.'s plot: z against log frequency. The top content words of each group are labelled
    (positions adjusted so labels do not overlap: ``adjustText``), function words in grey; terms passing the
    Benjamini-Hochberg correction (q < alpha) are ringed. No fixed |z| line: with hundreds of terms tested,
    1.96 is not a threshold."""
    from adjustText import adjust_text

    fig, ax = new_figure("double", 3.6)
    two = len(groups) == 2
    shown = table[table["group"] == groups[0]] if two else table
    hues = group_colours(groups)
    ax.scatter(np.log10(shown["total"]), shown["z"], s=4, color="0.78", linewidths=0, zorder=1)
    texts, handles, names_, labels = [], [], [], []
    sides = [(groups[0], 1), (groups[1], -1)] if two else [(g, 1) for g in groups]
    for g, sign in sides:
        part = shown if two else shown[shown["group"] == g]
        part = part.assign(score=sign * part["z"])
        part = part[part["score"] > 0]
        top = part[~part["function_word"]].sort_values(["score", "term"], ascending=[False, True],
                                                      kind="mergesort").head(label_top)
        fw = part[part["function_word"]].sort_values(["score", "term"], ascending=[False, True],
                                                    kind="mergesort").head(max(2, label_top // 3))
        ax.scatter(np.log10(top["total"]), top["z"], s=10, color=hues[g], zorder=2)
        ax.scatter(np.log10(fw["total"]), fw["z"], s=10, color="0.45", zorder=2)
        for r in top.itertuples():
            labels.append((r.score, np.log10(r.total), r.z, r.term, {"color": hues[g]}))
        for r in fw.itertuples():
            labels.append((r.score, np.log10(r.total), r.z, r.term, {"color": "0.45", "style": "italic"}))
        handles.append(Line2D([], [], marker="o", ls="", color=hues[g], markersize=4))
        names_.append(f"more in {g}" + ("" if two else " (vs the rest)"))
    for _, x, y, term, style in capped_labels(labels):
        texts.append(ax.text(x, y, term, fontsize=6, **style))
    passing = shown[shown["q_bh"] < alpha]
    if len(passing):
        ax.scatter(np.log10(passing["total"]), passing["z"], s=40, facecolors="none", edgecolors="black", lw=0.6,
                   zorder=3)
        handles.append(Line2D([], [], marker="o", ls="", markerfacecolor="none", color="black", markersize=6))
        names_.append(f"passes Benjamini-Hochberg, q < {alpha}")
    handles.append(Line2D([], [], marker="o", ls="", color="0.45", markersize=4))
    names_.append("function word (italic)")
    ax.axhline(0, color="0.7", lw=0.5)
    adjust_text(texts, ax=ax, expand=(1.15, 1.3), arrowprops={"arrowstyle": "-", "color": "0.6", "lw": 0.4},
                time_lim=2, max_move=None)
    ax.set_xlabel("Frequency in the corpus (log10 count)")
    ax.set_ylabel(f"z (log-odds, informative prior)\n+ = more in {groups[0]}" if two else "z (log-odds vs rest)")
    _legend_below(fig, handles, names_)
    return fig


def tone_distribution(scored: pd.DataFrame, documents: pd.DataFrame, seed: int):
    """VADER compound per sentence, one row per document: jittered dots, the mean, the neutral band."""
    order = list(documents["doc_id"])
    styles = _styles(documents)
    fig, ax = new_figure("single", _height(len(order), 0.3, 1.2))
    rng = np.random.default_rng(seed)
    ax.axvspan(-0.05, 0.05, color="0.92", zorder=0)
    for k, d in enumerate(order, start=1):
        values = scored.loc[scored["doc_id"] == d, "vader_compound"]
        ax.scatter(values, k + rng.uniform(-0.2, 0.2, len(values)), s=5, color=styles[d]["colour"], alpha=0.8,
                   linewidths=0, zorder=2)
        ax.plot([values.mean()] * 2, [k - 0.3, k + 0.3], color="black", lw=1.2, zorder=3)
    ax.set_yticks(range(1, len(order) + 1), order)
    ax.invert_yaxis()
    ax.set_xlim(-1.02, 1.02)
    ax.set_xlabel("VADER compound per sentence")
    handles = [Line2D([], [], color="black", lw=1.2), Line2D([], [], marker="s", ls="", color="0.85", markersize=6)]
    _legend_below(fig, handles, ["mean of the article", "neutral band (|compound| < 0.05)"])
    return fig


def tone_trajectory(scored: pd.DataFrame, documents: pd.DataFrame, window: int = 5):
    """VADER compound by position in each article, with a centred rolling mean over ``window`` sentences."""
    styles = _styles(documents)
    fig, ax = new_figure("double", 2.6)
    for d in documents["doc_id"]:
        part = scored[scored["doc_id"] == d].sort_values("sentence_id")
        pos = part["sentence_id"] / max(len(part) - 1, 1)
        smooth = part["vader_compound"].rolling(window, center=True, min_periods=1).mean()
        if len(documents) <= MAX_DOCS_SHOWN:
            ax.scatter(pos, part["vader_compound"], s=4, color=styles[d]["colour"], alpha=0.3, linewidths=0)
        ax.plot(pos, smooth, color=styles[d]["colour"], lw=1.1 if len(documents) <= MAX_DOCS_SHOWN else 0.7)
    ax.axhline(0, color="0.6", lw=0.5)
    ax.set_xlabel("Position in the article (0 = first sentence, 1 = last)")
    ax.set_ylabel("VADER compound")
    _document_legend(fig, documents, marker=False)
    return fig


def interval_dots(table: pd.DataFrame, documents: pd.DataFrame, category: str, estimate: str = "estimate",
                  low: str = "ci_low", high: str = "ci_high", xlabel: str = "", zero: float | None = 0.0,
                  width: str = "single", height: float | None = None, unit: str = "doc_id"):
    """Dot-and-interval plot: one row per category, one dot (with its 95% interval) per document, or per group
    when ``unit='group'`` (then ``table`` has a ``group`` column and colours are the groups' hues)."""
    cats = list(dict.fromkeys(table[category]))
    n_units = table[unit].nunique()
    fig, ax = new_figure(width, height or _height(len(cats), 0.22 + 0.05 * n_units, 0.9))
    _dots(ax, table, documents, category, estimate=estimate, low=low, high=high, zero=zero, spread=0.6, unit=unit)
    ax.set_xlabel(xlabel)
    if unit == "group":
        hues = group_colours(documents["stance"])
        _legend_below(fig, [Line2D([], [], marker="o", ls="", color=c, markersize=4) for c in hues.values()],
                      list(hues), title="group mean, 95% interval over its documents")
    else:
        _document_legend(fig, documents)
    return fig


def lexicon_agreement(scored: pd.DataFrame, documents: pd.DataFrame):
    """VADER compound against Pattern polarity, one dot per sentence, coloured by document."""
    styles = _styles(documents)
    fig, ax = new_figure("single", 3.2)
    for d in documents["doc_id"]:
        part = scored[scored["doc_id"] == d]
        ax.scatter(part["vader_compound"], part["pattern_polarity"], s=6, color=styles[d]["colour"], alpha=0.75,
                   marker=styles[d]["marker"], linewidths=0)
    ax.axhline(0, color="0.7", lw=0.5)
    ax.axvline(0, color="0.7", lw=0.5)
    ax.set_xlabel("VADER compound")
    ax.set_ylabel("Pattern polarity (TextBlob)")
    _document_legend(fig, documents)
    return fig


def _dots(ax, table: pd.DataFrame, documents: pd.DataFrame, category: str, *, estimate: str = "estimate",
          low: str = "ci_low", high: str = "ci_high", zero: float | None = 0.0, spread: float = 0.5,
          unit: str = "doc_id"):
    """Draw one dot with its interval per document (or group) in each category row of ``ax``."""
    if unit == "group":
        order = sorted(table["group"].unique())
        hues = group_colours(documents["stance"])
        style = {g: {"colour": hues.get(g, "0.3"), "marker": "o"} for g in order}
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


def comparison_figure(std: pd.DataFrame, frame_profile: pd.DataFrame, positioning: pd.DataFrame,
                      documents: pd.DataFrame):
    """The paper figure: (A) standardised profile of the core measures, (B) frame salience, (C) how often each
    article names the main actors, with the number of "can/could" constructions written on each bar."""
    fig, ax = new_mosaic([["A", "B"], ["A", "C"]], "double", 6.4, width_ratios=[0.8, 1.2], height_ratios=[1.5, 1])
    _dots(ax["A"], std, documents, "measure", spread=0.55)
    ax["A"].set_xlabel("Standardised mean: (article − corpus mean) / SD\nover sentences, bootstrap 95% interval")
    _dots(ax["B"], frame_profile, documents, "measure", zero=None, spread=0.55)
    ax["B"].set_xlabel("Share of sentences\n(95% interval)")
    order = list(documents["doc_id"])
    styles = _styles(documents)
    actors = list(dict.fromkeys(positioning["actor"]))
    step = 0.8 / max(len(order), 1)
    for k, d in enumerate(order):
        part = positioning[positioning["doc_id"] == d].set_index("actor").reindex(actors)
        x = np.arange(len(actors)) + (k - (len(order) - 1) / 2) * step
        ax["C"].bar(x, part["mentions_per_1000"], width=step, color=styles[d]["colour"])
        if len(order) <= MAX_DOCS_SHOWN:
            for xi, height, n in zip(x, part["mentions_per_1000"], part["can_could"]):
                if n and n == n:
                    ax["C"].text(xi, height, f"{int(n)}", ha="center", va="bottom", fontsize=6, color="0.15")
    ax["C"].set_xticks(range(len(actors)), [label_of(a, "actor") for a in actors], rotation=20, ha="right")
    ax["C"].set_ylabel("Mentions per 1,000 words")
    ax["C"].margins(y=0.15)
    ax["C"].text(0.99, 0.98, "number on a bar: 'can/could' with\nthe actor as subject", transform=ax["C"].transAxes,
                 ha="right", va="top", fontsize=6, color="0.3")
    for key in "ABC":
        ax[key].set_title(key, loc="left", fontweight="bold", fontsize=10)
    _document_legend(fig, documents)
    return fig


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


def corpus_placement(reference: pd.DataFrame, corpus: pd.DataFrame, measures: dict[str, str],
                     documents: pd.DataFrame, group: str = "leaning", order: list[str] | None = None, cols: int = 4):
    """Small multiples: each measure's distribution in a reference corpus by its groups (box plots, whiskers
    1.5 IQR, no outliers drawn), and this corpus's documents as markers in a column of their own."""
    order = order or sorted(reference[group].dropna().unique())
    styles = _styles(documents)
    rows = int(np.ceil(len(measures) / cols))
    fig, axes = new_figure("double", _height(rows, 1.75, 0.5), nrows=rows, ncols=cols, squeeze=False)
    for ax in axes.flat[len(measures):]:
        ax.axis("off")
    for ax, (col, label) in zip(axes.flat, measures.items()):
        data = [reference.loc[reference[group] == g, col].dropna() for g in order]
        ax.boxplot(data, widths=0.55, showfliers=False, patch_artist=True,
                   boxprops={"facecolor": "0.88", "edgecolor": "0.4"}, medianprops={"color": "black"})
        spread = np.linspace(-0.2, 0.2, len(corpus)) if len(corpus) > 1 else [0.0]
        for dx, (d, v) in zip(spread, zip(corpus["doc_id"], corpus[col])):
            ax.scatter(len(order) + 1 + dx, v, s=12, color=styles[d]["colour"], marker=styles[d]["marker"], zorder=3,
                       linewidths=0)
        ax.set_xticks(range(1, len(order) + 2), [*order, "this\ncorpus"], fontsize=6)
        ax.set_title(label, fontsize=7)
    _document_legend(fig, documents)
    return fig
