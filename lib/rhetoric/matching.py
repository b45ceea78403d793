"""Match a word list (single words and multi-word phrases) against token tables, with offsets.

A term is one or more space-separated words, matched case-insensitively against consecutive word tokens;
a trailing ``*`` on a word matches any ending ("escalat*" matches escalate, escalation, escalating).
Every hit keeps the raw offsets of its first and last token, so counts point back at the text.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .tokens import sentence_slices

HIT_COLUMNS = ["doc_id", "sentence_id", "token_id", "n_tokens", "start", "end", "matched"]


@lru_cache(maxsize=64)
def _compile(terms: tuple[str, ...]) -> tuple[dict[str, list[tuple[tuple[str, ...], str]]], dict[str, str]]:
    """(patterns, exact): multi-word and wildcard terms indexed by the first two letters of their first
    word, longest first; single exact words in a dict. Longer matches win, then exact single words."""
    index: dict[str, list] = {}
    exact: dict[str, str] = {}
    for term in terms:
        words = tuple(term.lower().split())
        if len(words) == 1 and not words[0].endswith("*"):
            exact.setdefault(words[0], term)
            continue
        index.setdefault(words[0].rstrip("*")[:2], []).append((words, term))
    for entries in index.values():
        entries.sort(key=lambda e: (-len(e[0]), -len(e[0][0])))
    return index, exact


def _word_matches(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def match_terms(toks: pd.DataFrame, terms: list[str]) -> pd.DataFrame:
    """Non-overlapping hits of ``terms`` in ``toks`` (longest match first), one row per hit, with the term.

    Returns ``HIT_COLUMNS`` plus ``term`` (the list entry that matched).
    """
    index, exact = _compile(tuple(dict.fromkeys(terms)))
    lower = [w.replace("’", "'") for w in toks["lower"].tolist()]
    starts, ends, tids, tokens = (toks["start"].tolist(), toks["end"].tolist(), toks["token_id"].tolist(),
                                  toks["token"].tolist())
    rows = []
    for doc_id, sid, first, stop in sentence_slices(toks):
        i = first
        while i < stop:
            hit = None
            for words, term in index.get(lower[i][:2], ()):
                n = len(words)
                if n == 1 and lower[i] in exact:
                    break  # an exact single word outranks a one-word wildcard
                if i + n <= stop and all(_word_matches(p, w) for p, w in zip(words, lower[i:i + n])):
                    hit = (n, term)
                    break
            if hit is None and lower[i] in exact:
                hit = (1, exact[lower[i]])
            if hit is None:
                i += 1
                continue
            n, term = hit
            rows.append((doc_id, sid, tids[i], n, starts[i], ends[i + n - 1], " ".join(tokens[i:i + n]), term))
            i += n
    return pd.DataFrame(rows, columns=[*HIT_COLUMNS, "term"])


def counts_by_sentence(sents: pd.DataFrame, hits: pd.DataFrame, by: str, categories: list[str],
                       prefix: str = "") -> pd.DataFrame:
    """A ``sentences x categories`` table of hit counts (zeros where none), indexed like ``sents``.

    Hits of a category not listed, or of a sentence not in ``sents``, are not counted; no hits at all
    (even a hit table without columns) gives zeros, never a missing column.
    """
    import numpy as np

    column = {c: j for j, c in enumerate(categories)}
    row = {k: i for i, k in enumerate(zip(sents["doc_id"].tolist(), sents["sentence_id"].tolist()))}
    counts = np.zeros((len(sents), len(categories)), dtype="int64")
    if len(hits):
        for key, category in zip(zip(hits["doc_id"].tolist(), hits["sentence_id"].tolist()), hits[by].tolist()):
            i, j = row.get(key), column.get(category)
            if i is not None and j is not None:
                counts[i, j] += 1
    return pd.DataFrame(counts, index=sents.index, columns=[f"{prefix}{c}" for c in categories])
