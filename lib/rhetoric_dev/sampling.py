"""What the development modules share when they read the benchmark corpus: a clean skip when it is absent, the hits
of several instruments in one pass over the articles, and the seeded draw of a few rows from a sorted table.

The samples themselves (which articles are DEVELOP, CHECK, REST, the held-out queue) are the development protocol's
and live with it in :mod:`rhetoric_dev.dictionaries`; the split, strata and hit draws are the library's
(:mod:`rhetoric.analysis.devsample`).
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from rhetoric.analysis import devsample
from rhetoric.base.paths import BENCH


def bench_absent() -> bool:
    """True, after saying so on stdout, when the benchmark corpus is not beside the project (the caller then exits
    with status 0: nothing to develop on, nothing written)."""
    if BENCH.is_file():
        return False
    print(f"skipped: the benchmark corpus is not at {BENCH}")
    return True


def hits_by_instrument(articles: list, finders: dict[str, Callable]) -> dict[str, pd.DataFrame]:
    """Each finder's hits ``find(sents, toks) -> hits`` on ``articles``, one tokenisation per chunk for all of them
    (:func:`rhetoric.analysis.devsample.hits_in`)."""
    parts: dict[str, list] = {k: [] for k in finders}

    def every(sents, toks):
        for name, find in finders.items():
            parts[name].append(find(sents, toks))
        return pd.DataFrame()

    devsample.hits_in(articles, every)
    return {k: pd.concat([p for p in v if len(p)], ignore_index=True) for k, v in parts.items()}


def seeded_pick(n: int, k: int, seed: int) -> list:
    """Up to ``k`` of ``n`` row positions, drawn without replacement by a fresh ``numpy.random.default_rng(seed)``,
    in ascending order (a term's or a rule's check sample: the same seed for every group, rows sorted first)."""
    if not n:
        return []
    return sorted(np.random.default_rng(seed).choice(n, size=min(k, n), replace=False))
