"""Context vetoes for dictionary terms: a hit does not count next to a listed word.

Some terms carry a construct in most contexts and misfire in a few that the neighbouring words identify
("joint" is cooperation between states, but not in "joint session"; "sure" is a booster, but not in "make
sure"). Rather than drop such a term, a word list may name the neighbours that veto it, in two optional
columns beside ``term``:

* ``not_before``: the term does not count *before* these words (they follow the hit):
  ``joint`` with ``not_before = session; chiefs`` drops "joint session" and "Joint Chiefs";
* ``not_after``: the term does not count *after* these words (they precede the hit):
  ``sure`` with ``not_after = make; makes; made; making`` drops "make sure".

Entries are separated by ``;`` and may be phrases of several words. They are matched as terms are
(:mod:`rhetoric.language.matching`): case-insensitively on consecutive tokens of the same sentence, punctuation
tokens included, with a trailing ``*`` matching any ending and, in vetoes only, a leading ``*`` matching any
beginning (``while`` with ``not_before = *ing`` drops "while acknowledging"). An empty cell vetoes nothing.
The filter runs after matching, so a vetoed hit frees nothing: its words are not matched again by a shorter term.
"""
from __future__ import annotations

from bisect import bisect_right

import pandas as pd

from rhetoric.language.tokens import sentence_slices, token_rows

VETO_COLUMNS = ("not_before", "not_after")


def _entries(cell: str) -> list[tuple[str, ...]]:
    return [tuple(e.lower().replace("’", "'").split()) for e in str(cell or "").split(";") if e.strip()]


def vetoes(table: pd.DataFrame) -> dict[str, tuple[list[tuple[str, ...]], list[tuple[str, ...]]]]:
    """``{term: (not_before entries, not_after entries)}`` for the terms of ``table`` that have any."""
    out = {}
    if not any(c in table.columns for c in VETO_COLUMNS):
        return out
    before = table["not_before"] if "not_before" in table.columns else pd.Series("", index=table.index)
    after = table["not_after"] if "not_after" in table.columns else pd.Series("", index=table.index)
    for term, b, a in zip(table["term"], before, after):
        entries = (_entries(b), _entries(a))
        if entries[0] or entries[1]:
            out[term] = entries
    return out


def _word(p: str, w: str) -> bool:
    if p.startswith("*") and len(p) > 1:
        return w.endswith(p[1:])
    return w.startswith(p[:-1]) if p.endswith("*") else w == p


def _matches(pattern: tuple[str, ...], words: list[str]) -> bool:
    return len(words) == len(pattern) and all(_word(p, w) for p, w in zip(pattern, words))


def vetoed(hits: pd.DataFrame, toks: pd.DataFrame, table: pd.DataFrame) -> pd.Series:
    """A boolean per hit: True when a ``not_before`` / ``not_after`` entry of its term stands next to it.

    ``hits`` are :func:`rhetoric.language.matching.match_terms` rows
    (``doc_id, sentence_id, token_id, n_tokens, term``).
    """
    rules = vetoes(table)
    flags = [False] * len(hits)
    if not rules or hits.empty:
        return pd.Series(flags, index=hits.index, dtype=bool)
    row, lower = token_rows(toks)
    slices = sentence_slices(toks)
    firsts = [s[2] for s in slices]
    for k, (doc_id, tid, n, term) in enumerate(zip(hits["doc_id"].tolist(), hits["token_id"].tolist(),
                                                   hits["n_tokens"].tolist(), hits["term"].tolist())):
        if term not in rules:
            continue
        not_before, not_after = rules[term]
        first = row[(doc_id, tid)]
        stop = first + int(n)
        # the hit's sentence is one run of rows (token tables are in text order): a veto must lie inside it
        run_first, run_end = slices[bisect_right(firsts, first) - 1][2:]
        for pattern in not_before:
            j = stop + len(pattern)
            if j <= run_end and _matches(pattern, lower[stop:j]):
                flags[k] = True
                break
        else:
            for pattern in not_after:
                j = first - len(pattern)
                if j >= run_first and _matches(pattern, lower[j:first]):
                    flags[k] = True
                    break
    return pd.Series(flags, index=hits.index, dtype=bool)


def apply_vetoes(hits: pd.DataFrame, toks: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """``hits`` without the vetoed ones (index reset); the table's terms without vetoes pass untouched."""
    return hits[~vetoed(hits, toks, table)].reset_index(drop=True)
