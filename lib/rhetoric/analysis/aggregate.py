"""From the per-sentence feature table to one number per article, with intervals over sentences.

Every registered measure (:mod:`rhetoric.instruments.registry`) says how its sentences combine: sums of per-sentence
inputs and the number of sentences, combined by a formula (a rate per 1,000 words, a share of sentences, a
mean, a readability formula). So the same code gives the per-article table at any scale
(:func:`per_article`), and a bootstrap interval for any measure by resampling an article's sentences
(:func:`article_intervals`): the resampled sums go through the same formula.
"""
from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from rhetoric.analysis.resampling import (
    benjamini_hochberg,
    bootstrap_weights,
    chunks,
    exact_labels,
    hedges_g,
    holm,
    p_value,
    permuted_labels,
)
from rhetoric.instruments.registry import Measure
from rhetoric.instruments.registry import measures as registered

PROFILE_COLUMNS = ["family", "measure", "label", "unit", "doc_id", "estimate", "ci_low", "ci_high", "n_sentences"]


def _codes(table: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """Integer code of each row's document and the documents in order of first appearance."""
    codes, ids = pd.factorize(table["doc_id"], sort=False)
    return codes, list(ids)


def per_article(table: pd.DataFrame, measures: list[Measure] | None = None, *, size: bool = True) -> pd.DataFrame:
    """One row per article (in order of appearance): ``doc_id``, with ``size`` also ``sentences`` and ``words``,
    then one column per measure (its ``name``, e.g. ``hedges_per_1000``, ``frame_security_share``)."""
    measures = registered() if measures is None else measures
    codes, ids = _codes(table)
    k = len(ids)
    n = np.bincount(codes, minlength=k).astype(float)
    out: dict[str, object] = {"doc_id": ids}
    if size:
        out["sentences"] = n.astype("int64")
        out["words"] = np.bincount(codes, weights=table["n_words"].to_numpy(dtype=float), minlength=k).astype("int64")
    for m in measures:
        sums = {key: np.bincount(codes, weights=values, minlength=k) for key, values in m.inputs(table).items()}
        out[m.name] = m.combine(sums, n)
    return pd.DataFrame(out)


def input_matrix(table: pd.DataFrame, measures: list[Measure]) -> tuple[list[dict], np.ndarray, dict]:
    """Every measure's per-sentence inputs side by side: ``(inputs, matrix, where)``, ``inputs[j]`` the names of
    the j-th measure's inputs, ``matrix`` sentences x the distinct inputs (float; an input equal to one already
    there is not repeated), ``where[(j, key)]`` the column of input ``key`` of measure j. One matrix product with
    resampling weights then gives every input's resampled sums."""
    inputs, columns, where = [], [], {}
    seen: dict[bytes, list[int]] = {}  # digest of a column's values -> the columns holding them
    for j, m in enumerate(measures):
        parts = m.inputs(table)
        inputs.append(list(parts))
        for key, values in parts.items():
            values = np.ascontiguousarray(values, dtype=float)
            digest = hashlib.blake2b(values.view(np.uint8), digest_size=16).digest()
            # an input several measures share (every rate's word counts, the readability counts) is one column:
            # each column's sums are its own, so sharing it changes no value and shrinks the matrix product
            c = next((c for c in seen.get(digest, ()) if np.array_equal(columns[c], values, equal_nan=True)), None)
            if c is None:
                c = len(columns)
                columns.append(values)
                seen.setdefault(digest, []).append(c)
            where[(j, key)] = c
    matrix = np.column_stack(columns) if columns else np.empty((len(table), 0))
    return inputs, matrix, where


def article_intervals(table: pd.DataFrame, measures: list[Measure] | None = None, *, seed: int,
                      n: int = 10_000, level: float = 0.95, intervals_for: set[str] | None = None) -> pd.DataFrame:
    """Each article's estimate of each measure with a bootstrap percentile interval over its sentences.

    ``intervals_for``: the names of the measures that get an interval (default: all); the others get their
    estimate only (``ci_low``/``ci_high`` missing), and when none does no resample is drawn. A measure's
    interval does not depend on which others get one (the same resamples serve all).

    The same ``n`` resamples of an article's sentences serve every measure (drawn with
    ``default_rng(seed + k)`` for the k-th article): the resampled sums of every measure's inputs come from one
    matrix product (resamples x sentences times sentences x inputs), then go through each measure's formula.
    Long format: :data:`PROFILE_COLUMNS`. Sentences of one article are not independent, so the intervals are
    too narrow; they describe the text.
    """
    measures = registered() if measures is None else measures
    codes, ids = _codes(table)
    alpha = (1 - level) / 2
    inputs, matrix, where = input_matrix(table, measures)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(ids) + 1))
    k_measures = len(measures)
    estimate = np.full((len(ids), k_measures), np.nan)
    low, high = estimate.copy(), estimate.copy()
    sizes = np.diff(bounds)
    wanted = [j for j, m in enumerate(measures) if intervals_for is None or m.name in intervals_for]
    for k in range(len(ids)):
        rows = matrix[order[bounds[k]:bounds[k + 1]]]
        m_sent = len(rows)
        total = rows.sum(axis=0)
        count = np.array([float(m_sent)])
        for j, m in enumerate(measures):
            cols = {key: where[(j, key)] for key in inputs[j]}
            estimate[k, j] = m.combine({key: total[c:c + 1] for key, c in cols.items()}, count)[0]
        if not wanted or n <= 0:
            continue
        rng = np.random.default_rng(seed + k)
        sums = np.vstack([bootstrap_weights(rng, size, m_sent) @ rows for size in chunks(n, m_sent)])
        counts = np.full(n, float(m_sent))
        boot = np.empty((n, len(wanted)))
        for w, j in enumerate(wanted):
            cols = {key: where[(j, key)] for key in inputs[j]}
            boot[:, w] = measures[j].combine({key: sums[:, c] for key, c in cols.items()}, counts)
        if np.isnan(boot).any():
            low[k, wanted], high[k, wanted] = _quantiles(boot, level)
        else:
            low[k, wanted], high[k, wanted] = np.quantile(boot, [alpha, 1 - alpha], axis=0)
    return pd.DataFrame({
        "family": np.tile([m.family for m in measures], len(ids)),
        "measure": np.tile([m.name for m in measures], len(ids)),
        "label": np.tile([m.label for m in measures], len(ids)),
        "unit": np.tile([m.unit for m in measures], len(ids)),
        "doc_id": np.repeat(np.array(ids, dtype=object), k_measures),
        "estimate": estimate.ravel(), "ci_low": low.ravel(), "ci_high": high.ravel(),
        "n_sentences": np.repeat(sizes, k_measures).astype("int64")}, columns=PROFILE_COLUMNS)


def sentence_values(table: pd.DataFrame, measure: Measure) -> pd.Series:
    """A measure's value for each sentence on its own (a rate per 1,000 words, 0/1 for a share, the value
    for a mean): what the standardised view and sentence-level tests compare. Formulas have none."""
    if measure.aggregation == "rate":
        return 1000 * table[measure.column].astype(float) / table["n_words"].clip(lower=1)
    if measure.aggregation == "share":
        return (table[measure.column] > 0).astype(float)
    if measure.aggregation == "mean":
        return table[measure.column].astype(float)
    raise ValueError(f"{measure.name}: a {measure.aggregation} has no per-sentence value")


GROUP_COLUMNS = ["measure", "label", "family", "unit", "group", "n_docs", "estimate", "ci_low", "ci_high", "test",
                 "statistic", "p_permutation", "q_bh", "effect_size", "effect", "in_test", "note"]
PAIRWISE_COLUMNS = ["measure", "label", "family", "unit", "group_a", "group_b", "n_a", "n_b", "mean_a", "mean_b",
                    "difference", "ci_low", "ci_high", "p", "q", "q_bh", "effect_size", "test", "note"]


@dataclass
class Design:
    """Which documents are compared, in which groups (in order) and blocks, on which measures.

    ``codes``: each document's group (index into ``groups``); ``blocks``: each document's block (integer) or
    ``None`` without blocks, the units of the bootstrap (a document without a block is a unit of its own);
    ``strata``: the sets within which permutations shuffle labels (each block; the documents without a block
    together, as in an unblocked design). ``values``: documents x
    measures (NaN where a measure is not defined for a document).
    """

    doc_ids: list[str]
    groups: list[str]
    codes: np.ndarray
    blocks: np.ndarray | None
    strata: np.ndarray | None
    measures: list[Measure]
    values: np.ndarray

    def patterns(self) -> list[tuple[np.ndarray, list[int]]]:
        """(documents where defined, measures) for each distinct pattern of missing values: resamples are drawn
        per pattern, so a measure missing for some documents is compared on the documents that have it."""
        found: dict[bytes, tuple[np.ndarray, list[int]]] = {}
        for j in range(self.values.shape[1]):
            mask = ~np.isnan(self.values[:, j])
            found.setdefault(mask.tobytes(), (mask, []))[1].append(j)
        return list(found.values())


def design(articles: pd.DataFrame, group_of: dict[str, str], measures: list[Measure] | None = None, *,
           blocks: dict[str, str] | None = None, order: list[str] | None = None) -> Design:
    """The :class:`Design` of a comparison: documents of ``articles`` whose group (``group_of``) is among
    ``order`` (default: every group, sorted), measures of ``measures`` present as columns, blocks from
    ``blocks`` (``doc_id`` -> block; empty or missing: no block, see :class:`Design`; ``None``: no blocks)."""
    measures = registered() if measures is None else measures
    measures = [m for m in measures if m.name in articles.columns]
    group = articles["doc_id"].map(group_of)
    groups = sorted(group.dropna().unique()) if order is None else list(dict.fromkeys(order))
    keep = group.isin(groups).to_numpy()
    table = articles[keep]
    codes = np.array([groups.index(g) for g in group[keep]], dtype=np.int64)
    block_codes = strata = None
    if blocks is not None:
        named = [blocks.get(d) or "" for d in table["doc_id"]]
        if any(named):
            labels = [b if b else f"\0{d}" for b, d in zip(named, table["doc_id"])]
            block_codes = pd.factorize(pd.Series(labels), sort=False)[0].astype(np.int64)
            strata = pd.factorize(pd.Series(["\0" if not b else b for b in named]), sort=False)[0].astype(np.int64)
    values = table[[m.name for m in measures]].to_numpy(dtype=float) if measures else np.empty((len(table), 0))
    return Design(list(table["doc_id"]), groups, codes, block_codes, strata, measures, values)


def _quantiles(boot: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of each column of ``boot`` (resamples x measures), ignoring NaN resamples."""
    alpha = (1 - level) / 2
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanquantile(boot, alpha, axis=0), np.nanquantile(boot, 1 - alpha, axis=0)


def _group_means_boot(x: np.ndarray, codes: np.ndarray, blocks: np.ndarray | None, wanted: list[int],
                      rng: np.random.Generator, n: int) -> dict[int, np.ndarray]:
    """Bootstrap distribution (n x measures) of the mean of each group in ``wanted``: documents resampled
    within the group, or whole blocks resampled (one draw shared by every group and measure)."""
    out: dict[int, list[np.ndarray]] = {g: [] for g in wanted}
    if blocks is None:
        for g in wanted:
            xg = x[codes == g]
            m = len(xg)
            for size in chunks(n, m):
                out[g].append(bootstrap_weights(rng, size, m) @ xg / m)
    else:
        ids, local = np.unique(blocks, return_inverse=True)
        nb = len(ids)
        sums = {g: np.zeros((nb, x.shape[1])) for g in wanted}
        counts = {g: np.zeros(nb) for g in wanted}
        for g in wanted:
            np.add.at(sums[g], local[codes == g], x[codes == g])
            np.add.at(counts[g], local[codes == g], 1.0)
        for size in chunks(n, nb):
            w = bootstrap_weights(rng, size, nb)
            for g in wanted:
                with np.errstate(invalid="ignore", divide="ignore"):
                    out[g].append((w @ sums[g]) / (w @ counts[g])[:, None])
    return {g: np.vstack(v) for g, v in out.items()}


def _permutation_exceed(x: np.ndarray, codes: np.ndarray, blocks: np.ndarray | None, k: int,
                        rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, int, bool]:
    """(observed statistic per measure, resamples at least as extreme, resamples, exact) of a permutation test
    over documents: two groups, |difference in means|; more, the between-group sum of squares. Labels are
    shuffled across documents, or within blocks; every relabelling is enumerated when two groups without
    blocks have at most ``n``."""
    sizes = np.bincount(codes, minlength=k).astype(float)
    grand = x.mean(axis=0)

    def stat(sums: list[np.ndarray]) -> np.ndarray:
        if k == 2:
            return np.abs(sums[0] / sizes[0] - sums[1] / sizes[1])
        return sum(sizes[g] * (sums[g] / sizes[g] - grand) ** 2 for g in range(k))

    observed = stat([x[codes == g].sum(axis=0)[None, :] for g in range(k)])[0]
    tolerance = 1e-9 * np.abs(observed) + 1e-12
    exceed = np.zeros(x.shape[1])
    exact = exact_labels(codes, n) if (k == 2 and blocks is None) else None
    if exact is not None:
        batches: Iterator[np.ndarray] = iter([exact])
        total = len(exact)
    else:
        batches = (permuted_labels(rng, codes, size, blocks) for size in chunks(n, len(codes)))
        total = n
    for labels in batches:
        sums = [(labels == g).astype(float) @ x for g in range(k)]
        exceed += (stat(sums) >= observed - tolerance).sum(axis=0)
    return observed, exceed, total, exact is not None


def group_comparison(articles: pd.DataFrame, group_of: dict[str, str], measures: list[Measure] | None = None, *,
                     seed: int, n: int = 10_000, blocks: dict[str, str] | None = None,
                     order: list[str] | None = None) -> pd.DataFrame:
    """Compare groups of documents on every measure, the document being the unit.

    ``articles`` is a per-article table (:func:`per_article`), ``group_of`` maps ``doc_id`` to its group,
    ``order`` chooses and orders the groups (default: all, sorted), ``blocks`` maps ``doc_id`` to its block
    (matched sets, e.g. one event told by several outlets; see :func:`design`). Per measure and group: the
    number of documents, the mean of their values (``estimate``) and a bootstrap 95% interval (documents
    resampled within the group; with blocks, whole blocks resampled), none for a group of one document.

    Per measure, repeated on its rows: a permutation test over documents among the groups of two or more
    documents (group labels shuffled, within blocks when given; two groups: difference in means, exact when
    the relabellings are few; more: between-group sum of squares), the Benjamini-Hochberg q-value across the
    measures tested in this call (one family: call it once with every measure of the study), and an effect
    size (Hedges' g for two groups, eta squared for more). A group of one document is described and left out
    of the test (``in_test`` false, ``note`` says so); the test still runs among the others. ``n`` resamples
    (one matrix of resamples serves every measure). Long format: :data:`GROUP_COLUMNS`.
    """
    d = design(articles, group_of, measures, blocks=blocks, order=order)
    rng = np.random.default_rng(seed)
    within = ", within blocks" if d.blocks is not None else ""
    rows: dict[int, list[dict]] = {}
    for mask, cols in d.patterns():
        x, codes = d.values[mask][:, cols], d.codes[mask]
        blk = d.blocks[mask] if d.blocks is not None else None
        strat = d.strata[mask] if d.strata is not None else None
        sizes = np.bincount(codes, minlength=len(d.groups))
        present = [g for g in range(len(d.groups)) if sizes[g] > 0]
        tested = [g for g in present if sizes[g] >= 2]
        boot = _group_means_boot(x, codes, blk, tested, rng, n)
        means = {g: x[codes == g].mean(axis=0) for g in present}
        intervals = {g: _quantiles(boot[g]) for g in tested}
        test, p, statistic, effect_size = "none", np.full(len(cols), np.nan), np.full(len(cols), np.nan), \
            np.full(len(cols), np.nan)
        effect, notes = "", [""] * len(cols)
        singles = [d.groups[g] for g in present if sizes[g] == 1]
        if len(tested) < 2:
            why = ("one group: described, not tested" if len(present) < 2 else
                   "one document per group: described, not tested" if not tested else
                   f"only {d.groups[tested[0]]} has two or more documents: described, not tested")
            notes = [why] * len(cols)
        else:
            sub = np.isin(codes, tested)
            local = np.searchsorted(tested, codes[sub])
            xs = x[sub]
            varies = np.ptp(xs, axis=0) > 0
            k = len(tested)
            obs, exceed, total, exact = _permutation_exceed(xs[:, varies], local, strat[sub] if strat is not None
                                                            else None, k, rng, n)
            p[varies] = p_value(exceed, total, exact)
            if k == 2:
                diff = xs[local == 0].mean(axis=0) - xs[local == 1].mean(axis=0)
                statistic[varies] = diff[varies]
                effect_size[:] = [hedges_g(xs[local == 0, j], xs[local == 1, j]) for j in range(len(cols))]
                test = (f"permutation: difference in means, {d.groups[tested[0]]} − {d.groups[tested[1]]}"
                        f"{within}")
                effect = "Hedges' g"
            else:
                statistic[varies] = obs
                total_ss = ((xs - xs.mean(axis=0)) ** 2).sum(axis=0)
                with np.errstate(invalid="ignore", divide="ignore"):
                    effect_size[varies] = obs / total_ss[varies]
                test, effect = f"permutation: between-group variation{within}", "eta squared"
            effect_size[~varies] = np.nan
            notes = ["" if v else "the same value in every document" for v in varies]
            if singles:
                notes = [f"{n_}; " if n_ else "" for n_ in notes]
                notes = [f"{n_}{', '.join(singles)}: one document, described, not tested" for n_ in notes]
        for c, j in enumerate(cols):
            m = d.measures[j]
            measure_rows = []
            for g, name in enumerate(d.groups):
                in_test = g in tested and len(tested) >= 2 and not np.isnan(p[c])
                low, high = (float(intervals[g][0][c]), float(intervals[g][1][c])) if g in intervals \
                    else (np.nan, np.nan)
                measure_rows.append({
                    "measure": m.name, "label": m.label, "family": m.family, "unit": m.unit, "group": name,
                    "n_docs": int(sizes[g]), "estimate": float(means[g][c]) if g in means else np.nan,
                    "ci_low": low, "ci_high": high, "test": test if not np.isnan(p[c]) else "none",
                    "statistic": statistic[c], "p_permutation": p[c], "q_bh": np.nan,
                    "effect_size": effect_size[c], "effect": effect if not np.isnan(p[c]) else "",
                    "in_test": in_test, "note": notes[c]})
            rows[j] = measure_rows
    out = pd.DataFrame([r for j in sorted(rows) for r in rows[j]], columns=GROUP_COLUMNS)
    first = out.drop_duplicates("measure")
    q = dict(zip(first["measure"], benjamini_hochberg(first["p_permutation"].to_numpy())))
    out["q_bh"] = out["measure"].map(q)
    out.attrs["family"] = int(first["p_permutation"].notna().sum())
    return out


def pairwise_contrasts(articles: pd.DataFrame, group_of: dict[str, str], measures: list[Measure] | None = None, *,
                       seed: int, n: int = 10_000, blocks: dict[str, str] | None = None,
                       order: list[str] | None = None, level: float = 0.95) -> pd.DataFrame:
    """Every pair of groups compared on every measure, after (or instead of) the K-group test.

    For each measure and each pair (``group_a`` before ``group_b`` in ``order``, default sorted) of groups with
    two or more documents: the difference in document means ``mean_a - mean_b`` with a bootstrap percentile
    interval (documents resampled within each group; with ``blocks``, whole blocks holding either group
    resampled), a two-sided permutation p (labels shuffled between the two groups' documents, within blocks
    when given; every relabelling when they are at most ``n``), ``q``: Holm-adjusted p across the measure's
    pairs, ``q_bh``: Benjamini-Hochberg q across every pair of every measure in this call, and Hedges' g.
    Pairs with a group of one document are listed, described and not tested (``note``). Long format:
    :data:`PAIRWISE_COLUMNS`.
    """
    d = design(articles, group_of, measures, blocks=blocks, order=order)
    rng = np.random.default_rng(seed)
    within = ", within blocks" if d.blocks is not None else ""
    rows: dict[tuple[int, int, int], dict] = {}
    for mask, cols in d.patterns():
        x, codes = d.values[mask][:, cols], d.codes[mask]
        blk = d.blocks[mask] if d.blocks is not None else None
        strat = d.strata[mask] if d.strata is not None else None
        sizes = np.bincount(codes, minlength=len(d.groups))
        for a, b in combinations(range(len(d.groups)), 2):
            xa, xb = x[codes == a], x[codes == b]
            diff = xa.mean(axis=0) - xb.mean(axis=0) if len(xa) and len(xb) else np.full(len(cols), np.nan)
            low = high = p = np.full(len(cols), np.nan)
            note = ""
            small = [d.groups[g] for g in (a, b) if sizes[g] < 2]
            if small:
                note = "; ".join(f"{g}: {'no document' if sizes[d.groups.index(g)] == 0 else 'one document'}"
                                 for g in small) + ": described, not tested"
            else:
                sub = (codes == a) | (codes == b)
                xs, local = x[sub], (codes[sub] == b).astype(np.int64)
                bs = blk[sub] if blk is not None else None
                boot = _group_means_boot(xs, local, bs, [0, 1], rng, n)
                low, high = _quantiles(boot[0] - boot[1], level)
                varies = np.ptp(xs, axis=0) > 0
                p = np.full(len(cols), np.nan)
                if varies.any():
                    _, exceed, total, exact = _permutation_exceed(xs[:, varies], local,
                                                                  strat[sub] if strat is not None else None, 2, rng, n)
                    p[varies] = p_value(exceed, total, exact)
            for c, j in enumerate(cols):
                m = d.measures[j]
                rows[(j, a, b)] = {
                    "measure": m.name, "label": m.label, "family": m.family, "unit": m.unit,
                    "group_a": d.groups[a], "group_b": d.groups[b], "n_a": int(sizes[a]), "n_b": int(sizes[b]),
                    "mean_a": float(xa[:, c].mean()) if len(xa) else np.nan,
                    "mean_b": float(xb[:, c].mean()) if len(xb) else np.nan,
                    "difference": float(diff[c]), "ci_low": float(low[c]), "ci_high": float(high[c]),
                    "p": float(p[c]), "q": np.nan, "q_bh": np.nan,
                    "effect_size": hedges_g(xa[:, c], xb[:, c]),
                    "test": f"permutation: difference in means{within}" if p[c] == p[c] else "none",
                    "note": note or ("" if p[c] == p[c] else "the same value in every document")}
    out = pd.DataFrame([rows[key] for key in sorted(rows)], columns=PAIRWISE_COLUMNS)
    if len(out):
        out["q"] = out.groupby("measure", sort=False)["p"].transform(lambda s: holm(s.to_numpy()))
        out["q_bh"] = benjamini_hochberg(out["p"].to_numpy())
    return out


def midrank_percentile(reference: pd.Series, value: float) -> float:
    """Percent of ``reference`` below ``value``, ties counting half (mid-rank): 50 for a value equal to every
    reference value, 0 only when every reference value is higher. NaN when either is missing."""
    ref = reference.dropna().to_numpy(dtype=float)
    if not len(ref) or value != value:
        return float("nan")
    return float(100 * ((ref < value).sum() + 0.5 * (ref == value).sum()) / len(ref))
