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
from rhetoric.base.errors import InputError
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


GROUP_COLUMNS = ["measure", "label", "family", "unit", "group", "n_docs", "analysis_unit", "n_units", "estimate",
                 "ci_low", "ci_high", "test", "statistic", "p_permutation", "q_bh", "effect_size", "effect", "in_test",
                 "note"]
PAIRWISE_COLUMNS = ["measure", "label", "family", "unit", "group_a", "group_b", "n_a", "n_b", "analysis_unit",
                    "n_units_a", "n_units_b", "mean_a", "mean_b", "difference", "ci_low", "ci_high", "p", "q", "q_bh",
                    "effect_size", "test", "note"]
#: ``analysis_unit`` of a comparison without clusters (``unit`` is the measure's unit, e.g. "per 1,000 words").
ARTICLE_UNIT = "article"


class DesignError(InputError):
    """A comparison the design cannot support as declared (a cluster holding two groups, blocks in which no
    label can move, blocks and clusters together): one line naming the column and the problem."""


@dataclass
class Design:
    """Which documents are compared, in which groups (in order) and blocks or clusters, on which measures.

    ``codes``: each document's group (index into ``groups``); ``blocks``: each document's block (integer) or
    ``None`` without blocks, the units of the bootstrap (a document without a block is a unit of its own);
    ``strata``: the sets within which permutations shuffle labels (each block; the documents without a block
    together, as in an unblocked design); ``block_names``: the name of each stratum (``""`` for the documents
    without a block). ``clusters``: each document's cluster (integer) or ``None``: with clusters the cluster is
    the unit of analysis (labels permuted among clusters, clusters resampled within groups); a document without
    a cluster is a cluster of its own. ``cluster_column``: what a cluster is (e.g. "outlet"), the
    ``analysis_unit`` of the output tables. ``values``: documents x measures (NaN where a measure is not
    defined for a document).
    """

    doc_ids: list[str]
    groups: list[str]
    codes: np.ndarray
    blocks: np.ndarray | None
    strata: np.ndarray | None
    measures: list[Measure]
    values: np.ndarray
    clusters: np.ndarray | None = None
    cluster_column: str = "cluster"
    block_names: list[str] | None = None

    @property
    def unit(self) -> str:
        """The unit of analysis: :data:`ARTICLE_UNIT`, or the cluster column's name."""
        return self.cluster_column if self.clusters is not None else ARTICLE_UNIT

    def patterns(self) -> list[tuple[np.ndarray, list[int]]]:
        """(documents where defined, measures) for each distinct pattern of missing values: resamples are drawn
        per pattern, so a measure missing for some documents is compared on the documents that have it."""
        found: dict[bytes, tuple[np.ndarray, list[int]]] = {}
        for j in range(self.values.shape[1]):
            mask = ~np.isnan(self.values[:, j])
            found.setdefault(mask.tobytes(), (mask, []))[1].append(j)
        return list(found.values())


def n_units(codes: np.ndarray, clusters: np.ndarray | None, k: int) -> np.ndarray:
    """Units of analysis per group (``k`` groups): documents, or distinct clusters."""
    if clusters is None:
        return np.bincount(codes, minlength=k)
    out = np.zeros(k, dtype=np.int64)
    for g in range(k):
        out[g] = len(np.unique(clusters[codes == g]))
    return out


def frozen_strata(codes: np.ndarray, strata: np.ndarray) -> np.ndarray:
    """The strata (block codes) whose documents all belong to one group (or that hold one document): a
    permutation within blocks never moves a label there, so they add nothing to the test."""
    found = np.unique(strata)
    return np.array([b for b in found if len(np.unique(codes[strata == b])) < 2], dtype=strata.dtype)


def _named(names: list[str], limit: int = 3) -> str:
    shown = ", ".join(f"'{n}'" for n in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def design(articles: pd.DataFrame, group_of: dict[str, str], measures: list[Measure] | None = None, *,
           blocks: dict[str, str] | None = None, clusters: dict[str, str] | None = None,
           cluster_column: str = "cluster", order: list[str] | None = None) -> Design:
    """The :class:`Design` of a comparison: documents of ``articles`` whose group (``group_of``) is among
    ``order`` (default: every group, sorted), measures of ``measures`` present as columns, blocks from
    ``blocks`` (``doc_id`` -> block; empty or missing: no block, see :class:`Design`; ``None``: no blocks),
    clusters from ``clusters`` (``doc_id`` -> cluster, e.g. its outlet; empty or missing: a cluster of its own;
    ``None``: the article is the unit), named ``cluster_column``.

    Refused (:class:`DesignError`, naming the problem):

    * a cluster holding documents of two groups (the group must be a property of the cluster, as an outlet's
      bias rating is of the outlet: permuting labels among clusters needs one label per cluster);
    * blocks and clusters together: blocks are matched sets that hold several groups (one event told by several
      outlets), clusters hold one group each (an outlet's articles), and an outlet writes about many events, so
      neither nests in the other and no permutation respects both (that design needs a model with crossed
      random effects, which this module does not fit): declare one;
    * blocks in which no label can move: when two or more groups are compared and every block (the documents
      without a block counting as one set) holds one document or documents of one group only, a permutation
      within blocks is the identity and every p would be exactly 1 (blocks of one group among others that
      move are named in the comparison's ``note`` instead).
    """
    measures = registered() if measures is None else measures
    measures = [m for m in measures if m.name in articles.columns]
    group = articles["doc_id"].map(group_of)
    groups = sorted(group.dropna().unique()) if order is None else list(dict.fromkeys(order))
    keep = group.isin(groups).to_numpy()
    table = articles[keep]
    codes = np.array([groups.index(g) for g in group[keep]], dtype=np.int64)
    doc_ids = list(table["doc_id"])
    block_codes = strata = block_names = None
    named_blocks = [blocks.get(d) or "" for d in doc_ids] if blocks is not None else []
    named_clusters = [clusters.get(d) or "" for d in doc_ids] if clusters is not None else []
    if any(named_blocks) and any(named_clusters):
        raise DesignError(f"{cluster_column} column", "blocks (the block column: matched sets holding several "
                          f"groups) and clusters ({cluster_column}: each holding one group) cannot be declared "
                          "together: neither nests in the other, so no permutation respects both; declare one")
    if any(named_blocks):
        labels = [b if b else f"\0{d}" for b, d in zip(named_blocks, doc_ids)]
        block_codes = pd.factorize(pd.Series(labels), sort=False)[0].astype(np.int64)
        strata_codes, strata_names = pd.factorize(pd.Series(["\0" if not b else b for b in named_blocks]),
                                                  sort=False)
        strata = strata_codes.astype(np.int64)
        block_names = ["" if n == "\0" else str(n) for n in strata_names]
        if len(np.unique(codes)) >= 2 and len(frozen_strata(codes, strata)) == len(block_names):
            raise DesignError("block column", "no block holds documents of two groups (every block has one "
                              "document or one group), so labels cannot be permuted within blocks and every p "
                              "would be 1: remove the block column, or give matched sets that hold several groups")
    cluster_codes = None
    if any(named_clusters):
        labels = [c if c else f"\0{d}" for c, d in zip(named_clusters, doc_ids)]
        cluster_codes = pd.factorize(pd.Series(labels), sort=False)[0].astype(np.int64)
        first_group: dict[int, int] = {}
        for c, g, name in zip(cluster_codes, codes, labels):
            if first_group.setdefault(int(c), int(g)) != g:
                both = sorted({groups[int(x)] for x in codes[cluster_codes == c]})
                raise DesignError(f"{cluster_column} column", f"{cluster_column} '{name}' holds documents of "
                                  f"{len(both)} groups ({', '.join(both)}): the group must be constant within each "
                                  f"{cluster_column} to permute labels among them; compare without clusters, or "
                                  "correct the groups")
    values = table[[m.name for m in measures]].to_numpy(dtype=float) if measures else np.empty((len(table), 0))
    return Design(doc_ids, groups, codes, block_codes, strata, measures, values, cluster_codes,
                  cluster_column, block_names)


def _quantiles(boot: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of each column of ``boot`` (resamples x measures), ignoring NaN resamples."""
    alpha = (1 - level) / 2
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanquantile(boot, alpha, axis=0), np.nanquantile(boot, 1 - alpha, axis=0)


def _cluster_sums(x: np.ndarray, clusters: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sums: clusters x measures, counts of documents, index of each cluster's first document), clusters in the
    order of their codes."""
    ids, first, local = np.unique(clusters, return_index=True, return_inverse=True)
    sums = np.zeros((len(ids), x.shape[1]))
    np.add.at(sums, local, x)
    return sums, np.bincount(local, minlength=len(ids)).astype(float), first


def _group_means_boot(x: np.ndarray, codes: np.ndarray, blocks: np.ndarray | None, wanted: list[int],
                      rng: np.random.Generator, n: int, clusters: np.ndarray | None = None) -> dict[int, np.ndarray]:
    """Bootstrap distribution (n x measures) of the mean of each group in ``wanted``: documents resampled
    within the group; or whole blocks resampled (one draw shared by every group and measure); or, with
    ``clusters``, whole clusters resampled within each group (the cluster bootstrap of Field & Welsh 2007: a
    group's mean in a resample is the sum of its drawn clusters' values over their number of documents)."""
    out: dict[int, list[np.ndarray]] = {g: [] for g in wanted}
    if clusters is not None:
        for g in wanted:
            sums, counts, _ = _cluster_sums(x[codes == g], clusters[codes == g])
            for size in chunks(n, len(counts)):
                w = bootstrap_weights(rng, size, len(counts))
                out[g].append((w @ sums) / (w @ counts)[:, None])
    elif blocks is None:
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
                        rng: np.random.Generator, n: int,
                        clusters: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, int, bool]:
    """(observed statistic per measure, resamples at least as extreme, resamples, exact) of a permutation test:
    two groups, |difference in means|; more, the between-group sum of squares (each group's squared deviation
    from the grand mean weighted by its documents). Labels are shuffled across documents, or within blocks; with
    ``clusters`` (one group per cluster), across clusters, each cluster keeping its documents, and the statistic
    is still computed on the documents. Every relabelling is enumerated when two groups without blocks have at
    most ``n``."""
    if clusters is not None:
        sums_u, counts_u, first = _cluster_sums(x, clusters)
        codes_u = codes[first]
    else:
        sums_u, counts_u, codes_u = x, np.ones(len(codes)), codes
    grand = x.mean(axis=0)

    def stat(sums: list[np.ndarray], sizes: list[np.ndarray]) -> np.ndarray:
        if k == 2:
            return np.abs(sums[0] / sizes[0] - sums[1] / sizes[1])
        return sum(sizes[g] * (sums[g] / sizes[g] - grand) ** 2 for g in range(k))

    observed = stat([sums_u[codes_u == g].sum(axis=0)[None, :] for g in range(k)],
                    [np.array([[counts_u[codes_u == g].sum()]]) for g in range(k)])[0]
    tolerance = 1e-9 * np.abs(observed) + 1e-12
    exceed = np.zeros(x.shape[1])
    exact = exact_labels(codes_u, n) if (k == 2 and blocks is None) else None
    if exact is not None:
        batches: Iterator[np.ndarray] = iter([exact])
        total = len(exact)
    else:
        batches = (permuted_labels(rng, codes_u, size, blocks) for size in chunks(n, len(codes_u)))
        total = n
    for labels in batches:
        chosen = [(labels == g).astype(float) for g in range(k)]
        exceed += (stat([c @ sums_u for c in chosen], [(c @ counts_u)[:, None] for c in chosen])
                   >= observed - tolerance).sum(axis=0)
    return observed, exceed, total, exact is not None


def _frozen_note(codes: np.ndarray, strata: np.ndarray, names: list[str]) -> tuple[bool, str]:
    """(whether any block lets labels move, a note naming the blocks that do not) for a blocked test."""
    frozen = frozen_strata(codes, strata)
    if len(frozen) == len(np.unique(strata)):
        return False, ("no block holds documents of two of these groups: labels cannot be permuted within "
                       "blocks, not tested")
    shown = [names[b] or "(documents without a block)" for b in frozen]
    if not shown:
        return True, ""
    return True, (f"{len(shown)} block{'s' if len(shown) != 1 else ''} holding one document or one group, "
                  f"which the permutation cannot move: {_named(shown)}")


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _suffix(d: Design) -> str:
    """How the test's description names its unit of permutation."""
    if d.clusters is not None:
        return f", {d.cluster_column} as unit (labels permuted among {d.cluster_column}s)"
    return ", within blocks" if d.blocks is not None else ""


def _one(d: Design) -> str:
    return f"one {d.cluster_column}" if d.clusters is not None else "one document"


def group_comparison(articles: pd.DataFrame, group_of: dict[str, str], measures: list[Measure] | None = None, *,
                     seed: int, n: int = 10_000, blocks: dict[str, str] | None = None,
                     clusters: dict[str, str] | None = None, cluster_column: str = "cluster",
                     order: list[str] | None = None) -> pd.DataFrame:
    """Compare groups of documents on every measure, the document (or, with clusters, the cluster) being the unit.

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

    **Clusters** (``clusters``: ``doc_id`` -> cluster, e.g. the outlet, named ``cluster_column``): when the group
    is a property of the cluster (an outlet's bias rating), the articles of one outlet are not independent
    replications of its group, and the cluster is the unit of analysis. The permutation test then shuffles
    group labels among clusters, each cluster keeping all its documents (restricted randomisation: permute
    exactly the units that carry the label; Good 2005, *Permutation, Parametric and Bootstrap Tests of
    Hypotheses*, ch. 3), and the interval resamples whole clusters within each group (the cluster bootstrap,
    Field & Welsh 2007, JRSS B 69(3)). The statistic and the estimate stay those of the documents (a group's
    mean over its documents): declaring clusters changes the uncertainty, not the numbers estimated, so the
    clustered and unclustered tables compare like with like; the test is valid for any statistic under the
    null that the clusters' labels are exchangeable. A group needs two clusters to be tested (one is
    described, as a group of one document is); ``n_units`` counts clusters (``analysis_unit`` is
    ``cluster_column``), ``n_docs`` documents. A cluster holding two groups, or blocks and clusters together,
    are refused (:class:`DesignError`, see :func:`design`). With few clusters the test has little power:
    :func:`rhetoric.analysis.clusters.power_note` says so in words.
    """
    d = design(articles, group_of, measures, blocks=blocks, clusters=clusters, cluster_column=cluster_column,
               order=order)
    rng = np.random.default_rng(seed)
    suffix = _suffix(d)
    rows: dict[int, list[dict]] = {}
    for mask, cols in d.patterns():
        x, codes = d.values[mask][:, cols], d.codes[mask]
        blk = d.blocks[mask] if d.blocks is not None else None
        strat = d.strata[mask] if d.strata is not None else None
        clu = d.clusters[mask] if d.clusters is not None else None
        sizes = np.bincount(codes, minlength=len(d.groups))
        units = n_units(codes, clu, len(d.groups))
        present = [g for g in range(len(d.groups)) if sizes[g] > 0]
        tested = [g for g in present if units[g] >= 2]
        boot = _group_means_boot(x, codes, blk, tested, rng, n, clu)
        means = {g: x[codes == g].mean(axis=0) for g in present}
        intervals = {g: _quantiles(boot[g]) for g in tested}
        test, p, statistic, effect_size = "none", np.full(len(cols), np.nan), np.full(len(cols), np.nan), \
            np.full(len(cols), np.nan)
        effect, notes = "", [""] * len(cols)
        singles = [d.groups[g] for g in present if units[g] == 1]
        per = d.cluster_column if d.clusters is not None else "document"
        if len(tested) < 2:
            why = ("one group: described, not tested" if len(present) < 2 else
                   f"one {per} per group: described, not tested" if not tested else
                   f"only {d.groups[tested[0]]} has two or more {per}s: described, not tested")
            notes = [why] * len(cols)
        else:
            sub = np.isin(codes, tested)
            local = np.searchsorted(tested, codes[sub])
            xs = x[sub]
            varies = np.ptp(xs, axis=0) > 0
            k = len(tested)
            movable, block_note = (True, "") if strat is None else _frozen_note(local, strat[sub], d.block_names)
            if movable:
                obs, exceed, total, exact = _permutation_exceed(
                    xs[:, varies], local, strat[sub] if strat is not None else None, k, rng, n,
                    clu[sub] if clu is not None else None)
                p[varies] = p_value(exceed, total, exact)
            if k == 2:
                diff = xs[local == 0].mean(axis=0) - xs[local == 1].mean(axis=0)
                statistic[varies] = diff[varies]
                effect_size[:] = [hedges_g(xs[local == 0, j], xs[local == 1, j]) for j in range(len(cols))]
                test = (f"permutation: difference in means, {d.groups[tested[0]]} − {d.groups[tested[1]]}"
                        f"{suffix}")
                effect = "Hedges' g"
            elif movable:
                statistic[varies] = obs
                total_ss = ((xs - xs.mean(axis=0)) ** 2).sum(axis=0)
                with np.errstate(invalid="ignore", divide="ignore"):
                    effect_size[varies] = obs / total_ss[varies]
                test, effect = f"permutation: between-group variation{suffix}", "eta squared"
            effect_size[~varies] = np.nan
            notes = [_join("" if v else "the same value in every document", block_note) for v in varies]
            if singles:
                notes = [_join(n_, f"{', '.join(singles)}: {_one(d)}, described, not tested") for n_ in notes]
        for c, j in enumerate(cols):
            m = d.measures[j]
            measure_rows = []
            for g, name in enumerate(d.groups):
                in_test = g in tested and len(tested) >= 2 and not np.isnan(p[c])
                low, high = (float(intervals[g][0][c]), float(intervals[g][1][c])) if g in intervals \
                    else (np.nan, np.nan)
                measure_rows.append({
                    "measure": m.name, "label": m.label, "family": m.family, "unit": m.unit, "group": name,
                    "n_docs": int(sizes[g]), "analysis_unit": d.unit, "n_units": int(units[g]),
                    "estimate": float(means[g][c]) if g in means else np.nan,
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
    out.attrs["analysis_unit"] = d.unit
    return out


def pairwise_contrasts(articles: pd.DataFrame, group_of: dict[str, str], measures: list[Measure] | None = None, *,
                       seed: int, n: int = 10_000, blocks: dict[str, str] | None = None,
                       clusters: dict[str, str] | None = None, cluster_column: str = "cluster",
                       order: list[str] | None = None, level: float = 0.95) -> pd.DataFrame:
    """Every pair of groups compared on every measure, after (or instead of) the K-group test.

    For each measure and each pair (``group_a`` before ``group_b`` in ``order``, default sorted) of groups with
    two or more documents: the difference in document means ``mean_a - mean_b`` with a bootstrap percentile
    interval (documents resampled within each group; with ``blocks``, whole blocks holding either group
    resampled), a two-sided permutation p (labels shuffled between the two groups' documents, within blocks
    when given; every relabelling when they are at most ``n``), ``q``: Holm-adjusted p across the measure's
    pairs, ``q_bh``: Benjamini-Hochberg q across every pair of every measure in this call, and Hedges' g.
    Pairs with a group of one document are listed, described and not tested (``note``); so is a blocked pair
    that no block holds both of. With ``clusters`` (see :func:`group_comparison`): labels permuted among the
    two groups' clusters, clusters resampled within each group, two clusters needed per group;
    ``n_units_a``/``n_units_b`` count them. Long format: :data:`PAIRWISE_COLUMNS`.
    """
    d = design(articles, group_of, measures, blocks=blocks, clusters=clusters, cluster_column=cluster_column,
               order=order)
    rng = np.random.default_rng(seed)
    suffix = _suffix(d)
    rows: dict[tuple[int, int, int], dict] = {}
    for mask, cols in d.patterns():
        x, codes = d.values[mask][:, cols], d.codes[mask]
        blk = d.blocks[mask] if d.blocks is not None else None
        strat = d.strata[mask] if d.strata is not None else None
        clu = d.clusters[mask] if d.clusters is not None else None
        sizes = np.bincount(codes, minlength=len(d.groups))
        units = n_units(codes, clu, len(d.groups))
        for a, b in combinations(range(len(d.groups)), 2):
            xa, xb = x[codes == a], x[codes == b]
            diff = xa.mean(axis=0) - xb.mean(axis=0) if len(xa) and len(xb) else np.full(len(cols), np.nan)
            low = high = p = np.full(len(cols), np.nan)
            note, movable = "", True
            small = [g for g in (a, b) if units[g] < 2]
            if small:
                note = "; ".join(f"{d.groups[g]}: {'no document' if sizes[g] == 0 else _one(d)}"
                                 for g in small) + ": described, not tested"
            else:
                sub = (codes == a) | (codes == b)
                xs, local = x[sub], (codes[sub] == b).astype(np.int64)
                bs = blk[sub] if blk is not None else None
                cs = clu[sub] if clu is not None else None
                boot = _group_means_boot(xs, local, bs, [0, 1], rng, n, cs)
                low, high = _quantiles(boot[0] - boot[1], level)
                varies = np.ptp(xs, axis=0) > 0
                p = np.full(len(cols), np.nan)
                movable, note = (True, "") if strat is None else _frozen_note(local, strat[sub], d.block_names)
                if varies.any() and movable:
                    _, exceed, total, exact = _permutation_exceed(xs[:, varies], local,
                                                                  strat[sub] if strat is not None else None, 2, rng,
                                                                  n, cs)
                    p[varies] = p_value(exceed, total, exact)
            for c, j in enumerate(cols):
                m = d.measures[j]
                rows[(j, a, b)] = {
                    "measure": m.name, "label": m.label, "family": m.family, "unit": m.unit,
                    "group_a": d.groups[a], "group_b": d.groups[b], "n_a": int(sizes[a]), "n_b": int(sizes[b]),
                    "analysis_unit": d.unit, "n_units_a": int(units[a]), "n_units_b": int(units[b]),
                    "mean_a": float(xa[:, c].mean()) if len(xa) else np.nan,
                    "mean_b": float(xb[:, c].mean()) if len(xb) else np.nan,
                    "difference": float(diff[c]), "ci_low": float(low[c]), "ci_high": float(high[c]),
                    "p": float(p[c]), "q": np.nan, "q_bh": np.nan,
                    "effect_size": hedges_g(xa[:, c], xb[:, c]),
                    "test": f"permutation: difference in means{suffix}" if p[c] == p[c] else "none",
                    "note": _join(note, "" if (p[c] == p[c] or small or not movable)
                                  else "the same value in every document")}
    out = pd.DataFrame([rows[key] for key in sorted(rows)], columns=PAIRWISE_COLUMNS)
    if len(out):
        out["q"] = out.groupby("measure", sort=False)["p"].transform(lambda s: holm(s.to_numpy()))
        out["q_bh"] = benjamini_hochberg(out["p"].to_numpy())
    out.attrs["analysis_unit"] = d.unit
    return out


def midrank_percentile(reference: pd.Series, value: float) -> float:
    """Percent of ``reference`` below ``value``, ties counting half (mid-rank): 50 for a value equal to every
    reference value, 0 only when every reference value is higher. NaN when either is missing."""
    ref = reference.dropna().to_numpy(dtype=float)
    if not len(ref) or value != value:
        return float("nan")
    return float(100 * ((ref < value).sum() + 0.5 * (ref == value).sum()) / len(ref))
