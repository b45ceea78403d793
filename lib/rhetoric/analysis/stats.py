"""Statistics for two documents: bootstrap intervals over sentences, permutation tests, effect sizes.

The unit of replication is the article. Within an article, sentences give a distribution: we resample
sentences (bootstrap percentile intervals) and permute sentence labels between articles (two-sided
permutation test). Sentences of one article are not independent, so intervals are too narrow and
p-values too small; both describe these texts, never outlets or camps. Every function takes a seed.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

N_RESAMPLES = 10_000


def bootstrap_ratio_ci(numerator: np.ndarray, denominator: np.ndarray | None = None, *, scale: float = 1.0,
                       n: int = N_RESAMPLES, seed: int = 0, level: float = 0.95) -> tuple[float, float, float]:
    """Estimate and percentile interval of ``scale * sum(num) / sum(den)`` resampling sentences.

    With ``denominator=None`` this is the mean of ``numerator``. Returns ``(estimate, low, high)``.
    """
    num = np.asarray(numerator, dtype=float)
    den = np.ones_like(num) if denominator is None else np.asarray(denominator, dtype=float)
    if len(num) == 0 or den.sum() == 0:
        return (float("nan"),) * 3
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(num), size=(n, len(num)))
    stats = scale * num[idx].sum(axis=1) / np.maximum(den[idx].sum(axis=1), 1e-12)
    alpha = (1 - level) / 2
    return (float(scale * num.sum() / den.sum()), float(np.quantile(stats, alpha)),
            float(np.quantile(stats, 1 - alpha)))


def permutation_test(a_num: np.ndarray, b_num: np.ndarray, a_den: np.ndarray | None = None,
                     b_den: np.ndarray | None = None, *, scale: float = 1.0, n: int = N_RESAMPLES,
                     seed: int = 0) -> tuple[float, float]:
    """Two-sided permutation test of the difference in ``scale * sum(num)/sum(den)`` between two sets.

    Sentence labels are shuffled between the two sets. Returns ``(difference a - b, p)`` with
    ``p = (1 + #|perm diff| >= |observed|) / (1 + n)``.
    """
    a_num, b_num = np.asarray(a_num, dtype=float), np.asarray(b_num, dtype=float)
    a_den = np.ones_like(a_num) if a_den is None else np.asarray(a_den, dtype=float)
    b_den = np.ones_like(b_num) if b_den is None else np.asarray(b_den, dtype=float)
    num, den = np.concatenate([a_num, b_num]), np.concatenate([a_den, b_den])
    k = len(a_num)
    observed = scale * (a_num.sum() / a_den.sum() - b_num.sum() / b_den.sum())
    rng = np.random.default_rng(seed)
    perms = np.argsort(rng.random((n, len(num))), axis=1)
    a_idx, b_idx = perms[:, :k], perms[:, k:]
    diffs = scale * (num[a_idx].sum(1) / np.maximum(den[a_idx].sum(1), 1e-12)
                     - num[b_idx].sum(1) / np.maximum(den[b_idx].sum(1), 1e-12))
    p = (1 + np.sum(np.abs(diffs) >= abs(observed) - 1e-12)) / (1 + n)
    return float(observed), float(p)


def cohens_d(a: np.ndarray, b: np.ndarray) -> float:
    """Standardised mean difference with the pooled standard deviation (Cohen 1988)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    pooled = np.sqrt(((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)) / (len(a) + len(b) - 2))
    return float((a.mean() - b.mean()) / pooled) if pooled > 0 else float("nan")


def cliffs_delta(a: np.ndarray, b: np.ndarray) -> float:
    """P(a > b) - P(a < b) over all pairs (Cliff 1993): an ordinal effect size in [-1, 1]."""
    a, b = np.asarray(a, dtype=float)[:, None], np.asarray(b, dtype=float)[None, :]
    return float((a > b).mean() - (a < b).mean())


def compare_groups(table: pd.DataFrame, value: str, group: str = "doc_id", *, denominator: str | None = None,
                   scale: float = 1.0, seed: int = 0, n: int = N_RESAMPLES) -> pd.DataFrame:
    """Per group: estimate with bootstrap CI; for two groups also the permutation test and effect sizes."""
    rows = []
    groups = list(dict.fromkeys(table[group]))
    for k, g in enumerate(groups):
        part = table[table[group] == g]
        est, lo, hi = bootstrap_ratio_ci(part[value].to_numpy(), None if denominator is None
                                         else part[denominator].to_numpy(), scale=scale, n=n, seed=seed + k)
        rows.append({group: g, "n_sentences": len(part), "estimate": est, "ci_low": lo, "ci_high": hi})
    out = pd.DataFrame(rows)
    if len(groups) == 2:
        a, b = (table[table[group] == g] for g in groups)
        diff, p = permutation_test(a[value].to_numpy(), b[value].to_numpy(),
                                   None if denominator is None else a[denominator].to_numpy(),
                                   None if denominator is None else b[denominator].to_numpy(),
                                   scale=scale, n=n, seed=seed + 100)
        out.attrs.update({"difference": diff, "p_permutation": p,
                          "cohens_d": cohens_d(a[value], b[value]), "cliffs_delta": cliffs_delta(a[value], b[value]),
                          "groups": groups})
    return out
