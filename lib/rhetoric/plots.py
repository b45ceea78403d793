"""The project's figures: each function takes result tables and returns a matplotlib figure.

All figures use :mod:`rhetoric.figures` (journal sizes, one style, colour-blind palette); notebooks save
them with ``Session.save``. Nothing random except where a ``seed`` is passed (jitter only).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .figures import PALETTE, new_figure, new_mosaic, stance_colours


def _doc_colours(documents: pd.DataFrame) -> dict[str, tuple]:
    colours = stance_colours(list(documents["stance"]))
    return {d: colours[s] for d, s in zip(documents["doc_id"], documents["stance"])}


def _doc_labels(documents: pd.DataFrame) -> dict[str, str]:
    return {d: f"{d}\n({s})" for d, s in zip(documents["doc_id"], documents["stance"])}


def sentence_lengths(sents: pd.DataFrame, documents: pd.DataFrame, seed: int):
    """Box plot of words per sentence per document, with every sentence as a (jittered) dot."""
    order = list(documents["doc_id"])
    colours, labels = _doc_colours(documents), _doc_labels(documents)
    fig, ax = new_figure("single", 0.9 + 0.8 * len(order))
    data = [sents.loc[sents["doc_id"] == d, "n_words"] for d in order]
    parts = ax.boxplot(data, orientation="horizontal", widths=0.5, patch_artist=True, showfliers=False,
                       medianprops={"color": "black"})
    rng = np.random.default_rng(seed)
    for patch, d in zip(parts["boxes"], order):
        patch.set_facecolor(colours[d])
        patch.set_alpha(0.7)
    for k, values in enumerate(data, start=1):
        ax.scatter(values, k + rng.uniform(-0.15, 0.15, len(values)), s=4, color="black", alpha=0.6,
                   zorder=3, linewidths=0)
    ax.set_yticks(range(1, len(order) + 1), [labels[d] for d in order])
    ax.set_xlabel("Words per sentence")
    return fig


def grouped_bars(table: pd.DataFrame, documents: pd.DataFrame, category: str, value: str, xlabel: str = "",
                 ylabel: str = "", width: str = "double", height: float = 2.2, horizontal: bool = False):
    """One bar per document within each category (``table`` is long: doc_id, category, value)."""
    order = list(documents["doc_id"])
    colours = _doc_colours(documents)
    cats = list(dict.fromkeys(table[category]))
    fig, ax = new_figure(width, height)
    step = 0.8 / len(order)
    for k, d in enumerate(order):
        vals = table[table["doc_id"] == d].set_index(category).reindex(cats)[value].fillna(0)
        pos = [m + (k - (len(order) - 1) / 2) * step for m in range(len(cats))]
        label = f"{d} ({documents.set_index('doc_id').at[d, 'stance']})"
        if horizontal:
            ax.barh(pos, vals, height=step, color=colours[d], label=label)
        else:
            ax.bar(pos, vals, width=step, color=colours[d], label=label)
    if horizontal:
        ax.set_yticks(range(len(cats)), cats)
        ax.invert_yaxis()
        ax.set_xlabel(xlabel or value)
    else:
        ax.set_xticks(range(len(cats)), cats)
        ax.set_ylabel(ylabel or value)
    ax.legend(frameon=False, loc="best")
    return fig


def actor_network(edges: pd.DataFrame, salience: pd.DataFrame, documents: pd.DataFrame):
    """Co-occurrence networks, one panel per document: node size = mentions, edge width = sentences."""
    import networkx as nx

    order = list(documents["doc_id"])
    colours = _doc_colours(documents)
    actors = sorted(salience.loc[salience["mentions"] > 0, "actor"].unique())
    pos = nx.circular_layout(actors)  # same positions in every panel, no randomness
    cols = min(len(order), 3)
    rows = int(np.ceil(len(order) / cols))
    fig, axes = new_figure("double", 2.8 * rows, nrows=rows, ncols=cols, squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, d in zip(axes.flat, order):
        g = nx.Graph()
        sal = salience[(salience["doc_id"] == d) & (salience["mentions"] > 0)].set_index("actor")["mentions"]
        g.add_nodes_from(sal.index)
        for e in edges[edges["doc_id"] == d].itertuples():
            g.add_edge(e.actor_a, e.actor_b, weight=e.sentences)
        widths = [0.4 + 0.5 * g[u][v]["weight"] for u, v in g.edges()]
        nx.draw_networkx_edges(g, pos, ax=ax, width=widths, edge_color="0.55", alpha=0.8)
        nx.draw_networkx_nodes(g, pos, ax=ax, node_size=[20 + 12 * sal[n] for n in g.nodes()],
                               node_color=[colours[d]], alpha=0.85, linewidths=0)
        nx.draw_networkx_labels(g, pos, ax=ax, font_size=6)
        for e in edges[edges["doc_id"] == d].itertuples():
            x = (pos[e.actor_a][0] + pos[e.actor_b][0]) / 2
            y = (pos[e.actor_a][1] + pos[e.actor_b][1]) / 2
            ax.text(x, y, str(e.sentences), fontsize=5, color="0.3", ha="center", va="center")
        ax.set_title(f"{d} ({documents.set_index('doc_id').at[d, 'stance']})")
        ax.set_xlim(-1.35, 1.35)
        ax.set_ylim(-1.25, 1.25)
    return fig


def frame_trajectory(traj: pd.DataFrame, frames: list[str], labels: dict[str, str],
                     documents: pd.DataFrame):
    """Heatmaps, one per document: frame (rows) by tenth of the article (columns), share of sentences."""
    order = list(documents["doc_id"])
    fig, axes = new_figure("double", 0.5 + 2.0 * len(order), nrows=len(order), ncols=1, squeeze=False,
                           sharex=True)
    image = None
    for ax, d in zip(axes[:, 0], order):
        grid = traj[traj["doc_id"] == d].set_index("segment").reindex(range(10))[frames].fillna(0).T
        image = ax.imshow(grid.to_numpy(), aspect="auto", cmap="viridis", vmin=0, vmax=1)
        ax.set_yticks(range(len(frames)), [labels[f] for f in frames])
        ax.set_title(f"{d} ({documents.set_index('doc_id').at[d, 'stance']})", loc="left")
    axes[-1, 0].set_xticks(range(10), [f"{10 * k}-{10 * k + 10}%" for k in range(10)], rotation=45,
                           ha="right")
    axes[-1, 0].set_xlabel("Position in the article (tenths, by sentence)")
    fig.colorbar(image, ax=axes[:, 0], shrink=0.6, label="Share of sentences with the frame")
    return fig


def keyness_plot(table: pd.DataFrame, groups: list[str], label_top: int = 10):
    """Monroe et al.'s plot: z-score against log total frequency, the top terms of each group labelled."""
    fig, ax = new_figure("double", 3.4)
    shown = table[table["group"] == groups[0]] if len(groups) == 2 else table
    colours = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(sorted(groups))}
    x = np.log10(shown["total"])
    ax.scatter(x, shown["z"], s=4, color="0.7", linewidths=0, zorder=1)
    sides = [(groups[0], 1), (groups[1], -1)] if len(groups) == 2 else [(g, 1) for g in groups]
    for g, sign in sides:
        part = shown if len(groups) == 2 else shown[shown["group"] == g]
        part = part.assign(score=sign * part["z"])
        top = part.sort_values(["score", "term"], ascending=[False, True], kind="mergesort").head(label_top)
        ax.scatter(np.log10(top["total"]), top["z"], s=10, color=colours[g], zorder=2, label=f"more in {g}")
        for k, r in enumerate(top.itertuples()):
            ax.annotate(r.term, (np.log10(r.total), r.z), fontsize=6, color=colours[g],
                        xytext=(4, 3 if k % 2 else -6), textcoords="offset points")
    ax.axhline(1.96, color="0.5", lw=0.5, ls="--")
    ax.axhline(-1.96, color="0.5", lw=0.5, ls="--")
    ax.set_xlabel("Frequency in the corpus (log10 count)")
    ax.set_ylabel(f"z (log-odds, informative prior)\n+ = more in {groups[0]}" if len(groups) == 2
                  else "z (log-odds vs rest)")
    ax.legend(frameon=False, loc="upper left")
    return fig


def tone_distribution(scored: pd.DataFrame, documents: pd.DataFrame, seed: int):
    """VADER compound per sentence, one row per document: jittered dots, mean and the ±0.05 band."""
    order = list(documents["doc_id"])
    colours, labels = _doc_colours(documents), _doc_labels(documents)
    fig, ax = new_figure("single", 0.9 + 0.8 * len(order))
    rng = np.random.default_rng(seed)
    ax.axvspan(-0.05, 0.05, color="0.92", zorder=0)
    for k, d in enumerate(order, start=1):
        values = scored.loc[scored["doc_id"] == d, "vader_compound"]
        ax.scatter(values, k + rng.uniform(-0.2, 0.2, len(values)), s=6, color=colours[d], alpha=0.8,
                   linewidths=0, zorder=2)
        ax.plot([values.mean()] * 2, [k - 0.3, k + 0.3], color="black", lw=1.2, zorder=3)
    ax.set_yticks(range(1, len(order) + 1), [labels[d] for d in order])
    ax.set_xlim(-1.02, 1.02)
    ax.set_xlabel("VADER compound per sentence (bar = mean; grey = neutral band)")
    return fig


def tone_trajectory(scored: pd.DataFrame, documents: pd.DataFrame, window: int = 5):
    """VADER compound by position in each article, with a centred rolling mean over ``window`` sentences."""
    colours = _doc_colours(documents)
    fig, ax = new_figure("double", 2.4)
    for d in documents["doc_id"]:
        part = scored[scored["doc_id"] == d].sort_values("sentence_id")
        pos = part["sentence_id"] / max(len(part) - 1, 1)
        smooth = part["vader_compound"].rolling(window, center=True, min_periods=1).mean()
        ax.scatter(pos, part["vader_compound"], s=5, color=colours[d], alpha=0.35, linewidths=0)
        ax.plot(pos, smooth, color=colours[d], lw=1.2,
                label=f"{d} ({documents.set_index('doc_id').at[d, 'stance']})")
    ax.axhline(0, color="0.6", lw=0.5)
    ax.set_xlabel("Position in the article (0 = first sentence, 1 = last)")
    ax.set_ylabel("VADER compound")
    ax.legend(frameon=False, loc="lower left")
    return fig


def interval_dots(table: pd.DataFrame, documents: pd.DataFrame, category: str, estimate: str = "estimate",
                  low: str = "ci_low", high: str = "ci_high", xlabel: str = "", zero: float | None = 0.0,
                  width: str = "single", height: float | None = None):
    """Dot-and-interval plot: one row per category, one dot (with its 95% interval) per document."""
    cats = list(dict.fromkeys(table[category]))
    fig, ax = new_figure(width, height or 0.8 + 0.32 * len(cats) * max(1, len(documents) / 2))
    _dots(ax, table, documents, category, estimate=estimate, low=low, high=high, zero=zero, spread=0.6)
    ax.set_xlabel(xlabel)
    ax.legend(frameon=False, loc="best")
    return fig


def lexicon_agreement(scored: pd.DataFrame, documents: pd.DataFrame):
    """VADER compound against Pattern polarity, one dot per sentence."""
    colours = _doc_colours(documents)
    fig, ax = new_figure("single", 3.0)
    for d in documents["doc_id"]:
        part = scored[scored["doc_id"] == d]
        ax.scatter(part["vader_compound"], part["pattern_polarity"], s=7, color=colours[d], alpha=0.8,
                   linewidths=0, label=f"{d} ({documents.set_index('doc_id').at[d, 'stance']})")
    ax.axhline(0, color="0.7", lw=0.5)
    ax.axvline(0, color="0.7", lw=0.5)
    ax.set_xlabel("VADER compound")
    ax.set_ylabel("Pattern polarity (TextBlob)")
    ax.legend(frameon=False, loc="upper left")
    return fig


def _dots(ax, table: pd.DataFrame, documents: pd.DataFrame, category: str, *, estimate: str = "estimate",
          low: str = "ci_low", high: str = "ci_high", zero: float | None = 0.0, spread: float = 0.5):
    """Draw one dot with its interval per document in each category row of ``ax``."""
    order = list(documents["doc_id"])
    colours = _doc_colours(documents)
    cats = list(dict.fromkeys(table[category]))
    step = spread / max(len(order), 1)
    for k, d in enumerate(order):
        part = table[table["doc_id"] == d].set_index(category).reindex(cats)
        y = np.arange(len(cats)) + (k - (len(order) - 1) / 2) * step
        ax.errorbar(part[estimate], y, xerr=[part[estimate] - part[low], part[high] - part[estimate]],
                    fmt="o", ms=3, color=colours[d], elinewidth=0.8, capsize=0,
                    label=f"{d} ({documents.set_index('doc_id').at[d, 'stance']})")
    if zero is not None:
        ax.axvline(zero, color="0.6", lw=0.5)
    ax.set_yticks(range(len(cats)), cats)
    ax.invert_yaxis()


def comparison_figure(std: pd.DataFrame, frame_profile: pd.DataFrame, positioning: pd.DataFrame,
                      documents: pd.DataFrame):
    """The paper figure: (A) standardised profile, (B) frame salience, (C) how often each article names the
    main actors and offers them proposals ("can/could")."""
    fig, ax = new_mosaic([["A", "B"], ["A", "C"]], "double", 6.2, width_ratios=[1.1, 1])
    _dots(ax["A"], std, documents, "measure")
    ax["A"].set_xlabel("Standardised mean (article − corpus mean) / SD over sentences\n(bootstrap 95% CI)")
    ax["A"].legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0))
    _dots(ax["B"], frame_profile, documents, "measure", zero=None)
    ax["B"].set_xlabel("Share of sentences (95% CI)")
    order = list(documents["doc_id"])
    colours = _doc_colours(documents)
    actors = list(dict.fromkeys(positioning["actor"]))
    step = 0.8 / len(order)
    for k, d in enumerate(order):
        part = positioning[positioning["doc_id"] == d].set_index("actor").reindex(actors)
        x = np.arange(len(actors)) + (k - (len(order) - 1) / 2) * step
        ax["C"].bar(x, part["mentions_per_1000"], width=step, color=colours[d])
        for xi, n in zip(x, part["can_could"]):
            if n:
                ax["C"].text(xi, 0.5, f"{int(n)}", ha="center", va="bottom", fontsize=6, color="white")
    ax["C"].set_xticks(range(len(actors)), actors)
    ax["C"].set_ylabel("Mentions per 1,000 words")
    for key in "ABC":
        ax[key].set_title(key, loc="left", fontweight="bold", fontsize=10)
    return fig


def corpus_placement(table: pd.DataFrame, seeds: pd.DataFrame, measures: dict[str, str], documents: pd.DataFrame,
                     group: str = "leaning", order: list[str] | None = None, cols: int = 3):
    """Small multiples: each measure's distribution per group of a large corpus (box plots, no outliers
    drawn), with each seed article as a coloured line."""
    order = order or sorted(table[group].dropna().unique())
    colours = _doc_colours(documents)
    rows = int(np.ceil(len(measures) / cols))
    fig, axes = new_figure("double", 1.9 * rows + 0.4, nrows=rows, ncols=cols, squeeze=False)
    for ax in axes.flat[len(measures):]:
        ax.axis("off")
    for ax, (col, label) in zip(axes.flat, measures.items()):
        data = [table.loc[table[group] == g, col].dropna() for g in order]
        ax.boxplot(data, widths=0.55, showfliers=False, patch_artist=True,
                   boxprops={"facecolor": "0.88", "edgecolor": "0.4"}, medianprops={"color": "black"})
        for d, v in zip(seeds["doc_id"], seeds[col]):
            ax.axhline(v, color=colours[d], lw=1.2, label=f"{d}")
        ax.set_xticks(range(1, len(order) + 1), order)
        ax.set_title(label, fontsize=8)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, [f"{lab} ({documents.set_index('doc_id').at[lab, 'stance']})" for lab in labels],
               loc="outside lower center", ncols=len(labels), frameon=False)
    return fig
