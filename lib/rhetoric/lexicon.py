"""Word lists and background frequencies from pinned packages."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .paths import data_file

#: How many of the most frequent English words count as stop words.
STOPWORD_RANK = 100


@lru_cache(maxsize=4)
def stopwords(rank: int = STOPWORD_RANK) -> frozenset[str]:
    """Stop words defined by frequency: the ``rank`` most frequent English words in ``wordfreq``.

    A frequency definition is reproducible from a pinned package and needs no hand-made list;
    it includes modals such as "would", "could" and "may", which is why stop-word filtering is an
    option of each analysis and never applied to the hedging or modality counts.
    """
    import wordfreq

    return frozenset(wordfreq.top_n_list("en", rank))


def read_table(name: str) -> pd.DataFrame:
    """A data file shipped with the library, read as strings (empty cells stay empty strings)."""
    return pd.read_csv(data_file(name), dtype=str, keep_default_na=False, encoding="utf-8")
