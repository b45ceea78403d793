"""Resampling for many measures at once: one index matrix, reused across measures; multiplicity; p as printed.

Every resampling test or interval of the group comparison draws one matrix of resamples (bootstrap
multiplicities, or permuted group labels) and applies it to all measures with a matrix product, so the cost
is that of the draw (resamples x documents) plus one product per group, not resamples x documents x
measures Python operations. Draws are made in chunks of :data:`CHUNK_CELLS` cells so memory stays bounded
whatever the corpus size.

* :func:`bootstrap_weights`: how often each unit (a document, or a block of documents) is drawn in each
  bootstrap resample (rows: resamples; columns: units).
* :func:`permuted_labels`: group labels shuffled across documents, or within blocks (matched sets: each
  block keeps its own labels, only their assignment to the block's documents changes); all distinct
  relabellings when they number at most the resamples asked for (two groups, no blocks).
* :func:`holm`, :func:`benjamini_hochberg`: adjusted p-values (Holm 1979 step-down family-wise; Benjamini &
  Hochberg 1995 false discovery rate).
* :func:`format_p`: a p- or q-value as a reader sees it: three decimals, ``< 0.001`` below that.
"""
from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from math import comb

import numpy as np

#: Cells (resamples x units) drawn at once: about 8 MB per float matrix.
CHUNK_CELLS = 1_000_000


def chunks(n: int, width: int) -> Iterator[int]:
    """Sizes of successive chunks of ``n`` resamples for matrices ``width`` wide (at most :data:`CHUNK_CELLS`)."""
    step = max(1, CHUNK_CELLS // max(width, 1))
    done = 0
    while done < n:
        size = min(step, n - done)
        yield size
        done += size


def bootstrap_weights(rng: np.random.Generator, n: int, units: int) -> np.ndarray:
    """``n x units`` matrix: how many times each of ``units`` units is drawn in each of ``n`` resamples of
    ``units`` draws with replacement (every row sums to ``units``)."""
    idx = rng.integers(0, units, size=(n, units))
    flat = (idx + units * np.arange(n)[:, None]).ravel()
    return np.bincount(flat, minlength=n * units).reshape(n, units).astype(float)


def permuted_labels(rng: np.random.Generator, codes: np.ndarray, n: int,
                    blocks: np.ndarray | None = None) -> np.ndarray:
    """``n x len(codes)`` matrix of permutations of ``codes`` (integer group labels), within ``blocks`` (integer
    block of each document) when given: each row holds, in every block, a shuffle of that block's labels."""
    codes = np.asarray(codes)
    m = len(codes)
    keys = rng.random((n, m))
    if blocks is None:
        return codes[np.argsort(keys, axis=1)]
    blocks = np.asarray(blocks)
    order = np.argsort(blocks, kind="stable")  # documents grouped by block
    shuffled = np.argsort(keys + 2.0 * blocks[None, :], axis=1)  # by block, then at random within it
    out = np.empty((n, m), dtype=codes.dtype)
    out[:, order] = codes[shuffled]
    return out


def exact_labels(codes: np.ndarray, limit: int) -> np.ndarray | None:
    """Every distinct relabelling of two groups (``codes`` in {0, 1}) as rows, or ``None`` when they number
    more than ``limit``. Each relabelling appears once, so a p-value over them is exact."""
    codes = np.asarray(codes)
    m, first = len(codes), int((codes == 0).sum())
    if set(np.unique(codes)) - {0, 1} or comb(m, first) > limit:
        return None
    rows = np.ones((comb(m, first), m), dtype=codes.dtype)
    for i, chosen in enumerate(combinations(range(m), first)):
        rows[i, list(chosen)] = 0
    return rows


def p_value(exceed: np.ndarray, n: int, exact: bool) -> np.ndarray:
    """Permutation p from the number of resamples at least as extreme as observed: ``exceed / n`` over all
    relabellings (exact), else ``(1 + exceed) / (1 + n)`` (Phipson & Smyth 2010: never zero)."""
    exceed = np.asarray(exceed, dtype=float)
    return exceed / n if exact else (1 + exceed) / (1 + n)


def _adjusted(p, step) -> np.ndarray:
    """Adjusted p-values of the non-NaN entries of ``p`` (NaN stays NaN), in the order given: ``step(sorted, m)``
    adjusts the ascending p-values of a family of ``m``; values are capped at 1."""
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    vals = p[ok]
    m = len(vals)
    if not m:
        return out
    order = np.argsort(vals, kind="stable")
    res = np.empty(m)
    res[order] = np.minimum(step(vals[order], m), 1.0)
    out[ok] = res
    return out


def holm(p) -> np.ndarray:
    """Holm's step-down adjusted p-values (family-wise error), in the order given; NaN stays NaN."""
    return _adjusted(p, lambda s, m: np.maximum.accumulate((m - np.arange(m)) * s))


def benjamini_hochberg(p) -> np.ndarray:
    """Benjamini-Hochberg q-values (false discovery rate), in the order given; NaN stays NaN."""
    return _adjusted(p, lambda s, m: np.minimum.accumulate((s * m / np.arange(1, m + 1))[::-1])[::-1])


def format_p(p: float, digits: int = 3) -> str:
    """A p- or q-value as printed: ``n/a`` when missing, ``< 0.001`` below 0.001, else ``digits`` decimals."""
    if p is None or p != p:
        return "n/a"
    floor = 10 ** -digits
    return f"< {floor:.{digits}f}" if p < floor else f"{p:.{digits}f}"


def hedges_g(a: np.ndarray, b: np.ndarray) -> float:
    """Standardised mean difference ``a - b`` with the pooled standard deviation and Hedges' small-sample
    correction ``1 - 3 / (4 (n_a + n_b) - 9)``; NaN when either has fewer than two values or no spread."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if len(a) < 2 or len(b) < 2:
        return float("nan")
    pooled = np.sqrt(((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)) / (len(a) + len(b) - 2))
    correction = 1 - 3 / (4 * (len(a) + len(b)) - 9)
    return float((a.mean() - b.mean()) / pooled * correction) if pooled > 0 else float("nan")


def p_text(p: float, name: str = "p", digits: int = 3) -> str:
    """``name`` and value as written in a sentence: ``p < 0.001``, ``q = 0.012``, ``p = n/a``."""
    shown = format_p(p, digits)
    return f"{name} {shown}" if shown.startswith("<") else f"{name} = {shown}"
