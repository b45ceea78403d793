"""From the per-sentence feature table to one number per article, with intervals over sentences.

Every registered measure (:mod:`rhetoric.instruments.registry`) says how its sentences combine: sums of per-sentence
inputs and the number of sentences, combined by a formula (a rate per 1,000 words, a share of sentences, a
mean, a readability formula). So the same code gives the per-article table at any scale
(:func:`per_article`), and a bootstrap interval for any measure by resampling an article's sentences
(:func:`article_intervals`): the resampled sums go through the same formula.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

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


def article_intervals(table: pd.DataFrame, measures: list[Measure] | None = None, *, seed: int,
                      n: int = 10_000, level: float = 0.95) -> pd.DataFrame:
    """Each article's estimate of each measure with a bootstrap percentile interval over its sentences.

    The same ``n`` resamples of an article's sentences serve every measure (drawn with
    ``default_rng(seed + k)`` for the k-th article). Long format: :data:`PROFILE_COLUMNS`. Sentences of
    one article are not independent, so the intervals are too narrow; they describe the text.
    """
    measures = registered() if measures is None else measures
    codes, ids = _codes(table)
    alpha = (1 - level) / 2
    rows = []
    for k, doc_id in enumerate(ids):
        part = table[codes == k]
        m_sent = len(part)
        idx = np.random.default_rng(seed + k).integers(0, m_sent, size=(n, m_sent))
        count = np.array([float(m_sent)])
        for m in measures:
            inputs = m.inputs(part)
            estimate = float(m.combine({key: v.sum(keepdims=True) for key, v in inputs.items()}, count)[0])
            boot = m.combine({key: v[idx].sum(axis=1) for key, v in inputs.items()}, np.full(n, float(m_sent)))
            boot = boot[~np.isnan(boot)]
            low, high = (float(np.quantile(boot, alpha)), float(np.quantile(boot, 1 - alpha))) if len(boot) \
                else (float("nan"), float("nan"))
            rows.append((m.family, m.name, m.label, m.unit, doc_id, estimate, low, high, m_sent))
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


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
                 "statistic", "p_permutation", "q_bh", "effect_size", "effect", "note"]


def _between(values: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Between-group sum of squares of ``values`` for each row of ``labels`` (permuted group codes)."""
    grand = values.mean()
    out = np.zeros(labels.shape[0])
    for g in range(k):
        mask = labels == g
        size = mask.sum(axis=1)
        means = np.where(size > 0, (mask * values).sum(axis=1) / np.maximum(size, 1), grand)
        out += size * (means - grand) ** 2
    return out


def _permutation(values: np.ndarray, codes: np.ndarray, k: int, rng, n: int) -> tuple[float, float]:
    """(observed statistic, two-sided permutation p) for group differences across documents.

    Two groups: the difference in means (first minus second); more: the between-group sum of squares.
    When all distinct relabellings number at most ``n`` (two groups), they are enumerated exactly.
    """
    from itertools import combinations
    from math import comb

    if k == 2:
        observed = values[codes == 0].mean() - values[codes == 1].mean()
        size = int((codes == 0).sum())
        if comb(len(values), size) <= n:
            diffs = []
            for first in combinations(range(len(values)), size):
                mask = np.zeros(len(values), dtype=bool)
                mask[list(first)] = True
                diffs.append(values[mask].mean() - values[~mask].mean())
            diffs = np.array(diffs)
            return float(observed), float(np.mean(np.abs(diffs) >= abs(observed) - 1e-12))
        perms = np.argsort(rng.random((n, len(values))), axis=1)
        shuffled = codes[perms]
        diffs = np.array([values[s == 0].mean() - values[s == 1].mean() for s in shuffled])
        return float(observed), float((1 + np.sum(np.abs(diffs) >= abs(observed) - 1e-12)) / (1 + n))
    observed = float(_between(values, codes[None, :], k)[0])
    perms = np.argsort(rng.random((n, len(values))), axis=1)
    stats = _between(values, codes[perms], k)
    return observed, float((1 + np.sum(stats >= observed - 1e-12)) / (1 + n))


def group_comparison(articles: pd.DataFrame, group_of: dict[str, str], measures: list[Measure] | None = None, *,
                     seed: int, n: int = 10_000) -> pd.DataFrame:
    """Compare groups of documents on every measure, the document being the unit.

    ``articles`` is a per-article table (:func:`per_article`), ``group_of`` maps ``doc_id`` to its group. Per
    measure and group: the number of documents, the mean of their values (``estimate``) and a bootstrap 95%
    interval over the group's documents (none for a group of one document). Per measure, repeated on its
    rows: a permutation test over documents (group labels shuffled; two groups: difference in means, exact
    when the relabellings are few; more groups: between-group sum of squares), the Benjamini-Hochberg
    q-value across the measures tested, and an effect size (Hedges' g for two groups, eta squared for more).
    No test is run when any group has a single document: that group is described, and ``note`` says so.
    Long format: :data:`GROUP_COLUMNS`.
    """
    from scipy.stats import false_discovery_control

    measures = registered() if measures is None else measures
    table = articles.assign(group=articles["doc_id"].map(group_of))
    groups = sorted(table["group"].dropna().unique())
    rows, tested = [], []
    for j, m in enumerate(measures):
        if m.name not in table.columns:
            continue
        part = table[["group", m.name]].dropna()
        sizes = part.groupby("group").size().reindex(groups, fill_value=0)
        rng = np.random.default_rng(seed + j)
        present = [g for g in groups if sizes[g] > 0]
        test, statistic, p, effect_size, effect = "none", np.nan, np.nan, np.nan, ""
        singles = [g for g in present if sizes[g] == 1]
        if len(present) < 2:
            note = "one group: described, not tested"
        elif singles:
            note = (f"{', '.join(singles)}: one document, described, not tested" if len(singles) < len(present)
                    else "one document per group: described, not tested")
        else:
            note = ""
            codes = np.array([present.index(g) for g in part["group"]])
            values = part[m.name].to_numpy(dtype=float)
            if np.ptp(values) == 0:
                note = "the same value in every document"
            else:
                statistic, p = _permutation(values, codes, len(present), rng, n)
                if len(present) == 2:
                    a, b = values[codes == 0], values[codes == 1]
                    pooled = np.sqrt(((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1))
                                     / (len(a) + len(b) - 2))
                    correction = 1 - 3 / (4 * (len(a) + len(b)) - 9)
                    effect_size = (a.mean() - b.mean()) / pooled * correction if pooled > 0 else np.nan
                    test, effect = f"permutation: difference in means, {present[0]} − {present[1]}", "Hedges' g"
                else:
                    total = ((values - values.mean()) ** 2).sum()
                    effect_size, test, effect = statistic / total, "permutation: between-group variation", \
                        "eta squared"
                tested.append((m.name, p))
        for g in groups:
            v = part.loc[part["group"] == g, m.name].to_numpy(dtype=float)
            estimate = float(v.mean()) if len(v) else np.nan
            low = high = np.nan
            if len(v) >= 2:
                boot = v[rng.integers(0, len(v), size=(n, len(v)))].mean(axis=1)
                low, high = float(np.quantile(boot, 0.025)), float(np.quantile(boot, 0.975))
            rows.append({"measure": m.name, "label": m.label, "family": m.family, "unit": m.unit, "group": g,
                         "n_docs": len(v), "estimate": estimate, "ci_low": low, "ci_high": high, "test": test,
                         "statistic": statistic, "p_permutation": p, "q_bh": np.nan, "effect_size": effect_size,
                         "effect": effect, "note": note})
    out = pd.DataFrame(rows, columns=GROUP_COLUMNS)
    if tested:
        q = dict(zip([t[0] for t in tested], false_discovery_control([t[1] for t in tested])))
        out["q_bh"] = out["measure"].map(q)
    return out


def midrank_percentile(reference: pd.Series, value: float) -> float:
    """Percent of ``reference`` below ``value``, ties counting half (mid-rank): 50 for a value equal to every
    reference value, 0 only when every reference value is higher. NaN when either is missing."""
    ref = reference.dropna().to_numpy(dtype=float)
    if not len(ref) or value != value:
        return float("nan")
    return float(100 * ((ref < value).sum() + 0.5 * (ref == value).sum()) / len(ref))
