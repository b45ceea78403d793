"""Match a word list (single words and multi-word phrases) against token tables, with offsets.

A term is one or more space-separated words, matched case-insensitively against consecutive word tokens;
a trailing ``*`` on a word matches any ending ("escalat*" matches escalate, escalation, escalating).
Every hit keeps the raw offsets of its first and last token, so counts point back at the text.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

HIT_COLUMNS = ["doc_id", "sentence_id", "token_id", "n_tokens", "start", "end", "matched"]


@lru_cache(maxsize=64)
def _compile(terms: tuple[str, ...]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Index terms by the first letters of their first word (wildcards included), longest first."""
    index: dict[str, list] = {}
    for term in terms:
        words = tuple(term.lower().split())
        index.setdefault(words[0].rstrip("*")[:2], []).append((words, term))
    for entries in index.values():
        entries.sort(key=lambda e: (-len(e[0]), -len(e[0][0])))
    return index


def _word_matches(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def match_terms(toks: pd.DataFrame, terms: list[str]) -> pd.DataFrame:
    """Non-overlapping hits of ``terms`` in ``toks`` (longest match first), one row per hit, with the term.

    Returns ``HIT_COLUMNS`` plus ``term`` (the list entry that matched).
    """
    index = _compile(tuple(dict.fromkeys(terms)))
    rows = []
    for (doc_id, sid), group in toks.groupby(["doc_id", "sentence_id"], sort=False):
        lower = [w.replace("’", "'") for w in group["lower"]]
        starts, ends, tids = list(group["start"]), list(group["end"]), list(group["token_id"])
        tokens = list(group["token"])
        i = 0
        while i < len(lower):
            hit = None
            for words, term in index.get(lower[i][:2], []):
                n = len(words)
                if i + n <= len(lower) and all(_word_matches(p, w) for p, w in zip(words, lower[i:i + n])):
                    hit = (n, term)
                    break
            if hit is None:
                i += 1
                continue
            n, term = hit
            rows.append((doc_id, sid, tids[i], n, starts[i], ends[i + n - 1], " ".join(tokens[i:i + n]), term))
            i += n
    return pd.DataFrame(rows, columns=[*HIT_COLUMNS, "term"])


def counts_by_sentence(sents: pd.DataFrame, hits: pd.DataFrame, by: str, categories: list[str],
                       prefix: str = "") -> pd.DataFrame:
    """A ``sentences x categories`` table of hit counts (zeros where none), indexed like ``sents``."""
    counted = hits.groupby(["doc_id", "sentence_id", by]).size().unstack(by, fill_value=0)
    counted = counted.reindex(columns=categories, fill_value=0)
    keys = pd.MultiIndex.from_frame(sents[["doc_id", "sentence_id"]])
    table = counted.reindex(keys, fill_value=0).astype("int64")
    table.index = sents.index
    table.columns = [f"{prefix}{c}" for c in categories]
    return table
