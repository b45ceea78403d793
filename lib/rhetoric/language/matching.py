"""Match a word list (single words and multi-word phrases) against token tables, with offsets.

A term is one or more space-separated words, matched case-insensitively against consecutive word tokens;
a trailing ``*`` on a word matches any ending ("escalat*" matches escalate, escalation, escalating).
Every hit keeps the raw offsets of its first and last token, so counts point back at the text.

Which hit wins: at each token, the longest term by number of words (then by length of its first word, then
list order) among the multi-word terms and wildcards filed under the token's first two letters; else the
token as a listed single word; else a one-word wildcard. Hits do not overlap: after a hit, matching resumes
after its last token.

Two implementations with the same hits (tested against each other on every data file's list, on benchmark
articles and on generated lists and texts): the plain one walks the tokens in Python, list by list; the fast
one (:func:`match_many`, used unless :func:`rhetoric.externals.switch.enabled` is false) scans the whole token table
once for any number of lists with one Aho-Corasick automaton (``pyahocorasick``) built once per set of lists,
and looks only at the tokens where some term may start. Inside ``with one_pass(toks):`` (the feature table)
every list the measures ask for is matched in that one scan, and the hits are kept for their own
``match_terms`` calls.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import ahocorasick
import numpy as np
import pandas as pd

from rhetoric.externals.switch import enabled
from rhetoric.language.tokens import column_list, int_array, sentence_slices, token_rows

HIT_COLUMNS = ["doc_id", "sentence_id", "token_id", "n_tokens", "start", "end", "matched"]
_SEP = " "  # joins the lower-case tokens for the automaton; no token holds it (checked per table)


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
    terms = tuple(dict.fromkeys(terms))
    rows = None
    if enabled():
        session = _session(toks)
        if session is not None:
            rows = session.hits.get(terms)
            if rows is None:
                rows = session.hits[terms] = _match_view(session.view, (terms,))[0]
            if terms not in session.asked:
                session.asked.append(terms)
        else:
            rows = match_many(toks, [terms])
            rows = None if rows is None else rows[0]
    if rows is None:
        rows = _match_plain(toks, terms)
    return pd.DataFrame(rows, columns=[*HIT_COLUMNS, "term"])


def _match_plain(toks: pd.DataFrame, terms: tuple[str, ...]) -> list[tuple]:
    """The hits of ``terms``, token by token in Python (the reference implementation)."""
    index, exact = _compile(terms)
    lower = token_rows(toks)[1]  # lower-case, ’ read as '
    starts, ends, tids, tokens = (toks["start"].tolist(), toks["end"].tolist(), toks["token_id"].tolist(),
                                  column_list(toks, "token"))
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
    return rows


# --- the one-pass matcher --------------------------------------------------------------------------------

_EXACT = (1, 0)  # rank of a listed single word: after every multi-word term, before one-word wildcards


@lru_cache(maxsize=16)
def _automaton(lists: tuple[tuple[str, ...], ...]):
    """One Aho-Corasick automaton for several term lists: key -> (length, [(list, rank, n, words, term, key2,
    check)]).

    A key is the literal beginning of a term as it appears in the joined lower-case tokens: a separator, each
    exact word followed by a separator, up to and including the stem of the first wildcard word. So a term
    that matches at token ``i`` always has its key at the separator before ``i`` (the converse is checked by
    the same predicates as the plain matcher). A first word whose stem is shorter than two letters can only
    match a token equal to that stem (the plain matcher files it under the token's first two letters), so it
    is keyed as that exact word. ``rank`` orders the candidates at one token as the plain matcher does;
    ``check`` says what the key leaves to verify (see below).
    """
    automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
    payload: dict[str, list[tuple]] = {}
    for k, terms in enumerate(lists):
        index, exact = _compile(terms)  # raises on an empty term, as the plain matcher does
        for word in exact:
            payload.setdefault(_SEP + word + _SEP, []).append((k, _EXACT, 1, (word,), exact[word], None, 0))
        order = {t: j for j, t in enumerate(terms)}
        for key2, entries in index.items():
            for words, term in entries:
                key, literal = _SEP, True
                for j, w in enumerate(words):
                    if not w.endswith("*"):
                        key += w + _SEP
                    elif j == 0 and len(key2) < 2:
                        key += key2 + _SEP
                        literal = False
                    else:
                        key += w[:-1]
                        literal = literal and j == len(words) - 1 and not w.endswith("**") and len(key2) == 2
                        break
                rank = (0 if len(words) > 1 else 2, (-len(words), -len(words[0]), order[term]))
                # what the key leaves to check: nothing (one word it fully decides), the sentence end (several
                # words it decides), or everything (a wildcard before the last word, or odd stars)
                check = (1 if len(words) > 1 else 0) if literal else 2
                payload.setdefault(key, []).append((k, rank, len(words), words, term, key2, check))
    for key, value in payload.items():
        automaton.add_word(key, (len(key), value))
    if not payload:
        return None
    automaton.make_automaton()
    return automaton


class _View:
    """A token table as plain lists, with the lower-case tokens joined for the automaton (once per table)."""

    def __init__(self, toks: pd.DataFrame):
        # the tokens as matched (lower case, ’ read as '), shared with the other matchers of this table: the
        # table's own string objects, not a new string per token
        lower = token_rows(toks)[1]
        joined = _SEP + _SEP.join(lower) + _SEP
        self.ok = not lower or joined.count(_SEP) == len(lower) + 1  # no token holds the separator
        self.joined = joined
        self.lower = lower
        self.toks = toks  # the hits' own columns are read from it, row by row, for the hits only
        self.slices = sentence_slices(toks)
        self.firsts = [s[2] for s in self.slices]
        self.offsets = _offsets(lower)  # where in ``joined`` each token's separator is


def match_many(toks: pd.DataFrame, lists: list[tuple[str, ...]]) -> list[list[tuple]] | None:
    """The hit rows (``HIT_COLUMNS`` + ``term``) of each term list, from one scan of the token table.

    Each list gives exactly what :func:`match_terms` gives for it. ``None`` when the table cannot be scanned
    this way (a token holding a space); the caller then matches list by list with the plain matcher.
    """
    lists = tuple(tuple(dict.fromkeys(t)) for t in lists)
    view = _View(toks)
    if not view.ok:
        return None
    return _match_view(view, lists)


def _match_view(view: _View, lists: tuple[tuple[str, ...], ...]) -> list[list[tuple]]:
    automaton = _automaton(lists)
    if automaton is None or not view.lower:
        return [[] for _ in lists]
    lower, offsets, firsts, slices = view.lower, view.offsets, view.firsts, view.slices
    best: list[dict[int, tuple]] = [{} for _ in lists]
    for end, (length, entries) in automaton.iter(view.joined):
        i = bisect_left(offsets, end - length + 1)  # every key starts with the separator before a token
        for k, rank, n, words, term, key2, check in entries:
            if check:
                if i + n > slices[bisect_right(firsts, i) - 1][3]:
                    continue
                if check == 2 and (lower[i][:2] != key2 or
                                   not all(_word_matches(p, w) for p, w in zip(words, lower[i:i + n]))):
                    continue
            found = best[k]
            current = found.get(i)
            if current is None or rank < current[0]:
                found[i] = (rank, n, term)
    chosen = []
    for candidates in best:
        hits, free = [], 0
        for i in sorted(candidates):
            if i >= free:
                hits.append(i)
                free = i + candidates[i][1]
        chosen.append(hits)
    if not any(chosen):
        return [[] for _ in lists]
    toks = view.toks
    tokens, tids = column_list(toks, "token"), toks["token_id"].to_numpy()  # the table's own strings
    starts, ends = toks["start"].to_numpy(), toks["end"].to_numpy()
    out = []
    for candidates, hits in zip(best, chosen):
        rows = []
        for i in hits:
            _, n, term = candidates[i]
            doc_id, sid, _, _ = slices[bisect_right(firsts, i) - 1]
            rows.append((doc_id, sid, int(tids[i]), n, int(starts[i]), int(ends[i + n - 1]),
                         " ".join(tokens[i:i + n]), term))
        out.append(rows)
    return out


class _Session:
    """The one-pass state of one token table: its view and the hits of every list matched on it so far."""

    def __init__(self, toks: pd.DataFrame, view: _View):
        self.toks, self.view = toks, view
        self.hits: dict[tuple[str, ...], list[tuple]] = {}
        self.asked: list[tuple[str, ...]] = []
        self.sentence_rows: tuple[pd.DataFrame, dict] | None = None  # counts_by_sentence's row of each key


_SESSIONS: list[_Session] = []
#: The term lists the last one-pass block was asked for, in order: matched up front by the next one.
_RECENT: list[tuple[str, ...]] = []


@contextmanager
def one_pass(toks: pd.DataFrame) -> Iterator[None]:
    """Within this block, every term list asked of ``toks`` (:func:`match_terms`) is matched in one pass.

    The lists are not known in advance (each measure asks for its own): the block matches, in one scan of the
    table, the lists the previous block was asked for, and any other list when it is asked (then remembers
    it for the next block). The hits are the same either way. Nothing changes when the fast paths are off.
    """
    if not enabled():
        yield
        return
    view = _View(toks)
    if not view.ok:
        yield
        return
    session = _Session(toks, view)
    if _RECENT:
        session.hits = dict(zip(_RECENT, _match_view(view, tuple(_RECENT))))
    _SESSIONS.append(session)
    try:
        yield
    finally:
        _SESSIONS.remove(session)
        if session.asked:
            _RECENT[:] = session.asked


def _session(toks: pd.DataFrame) -> _Session | None:
    for session in _SESSIONS:
        if session.toks is toks:
            return session
    return None


def counts_by_sentence(sents: pd.DataFrame, hits: pd.DataFrame, by: str, categories: list[str],
                       prefix: str = "") -> pd.DataFrame:
    """A ``sentences x categories`` table of hit counts (zeros where none), indexed like ``sents``.

    Hits of a category not listed, or of a sentence not in ``sents``, are not counted; no hits at all
    (even a hit table without columns) gives zeros, never a missing column.
    """
    column = {c: j for j, c in enumerate(categories)}
    row = _sentence_rows(sents)
    counts = np.zeros((len(sents), len(categories)), dtype="int64")
    if len(hits):
        for key, category in zip(zip(hits["doc_id"].tolist(), hits["sentence_id"].tolist()), hits[by].tolist()):
            i, j = row.get(key), column.get(category)
            if i is not None and j is not None:
                counts[i, j] += 1
    return pd.DataFrame(counts, index=sents.index, columns=[f"{prefix}{c}" for c in categories])


def _sentence_rows(sents: pd.DataFrame) -> dict[tuple[str, int], int]:
    """Row number of each (doc_id, sentence_id) of ``sents``; kept for the length of a one-pass block."""
    session = _SESSIONS[-1] if _SESSIONS else None
    if session is not None and session.sentence_rows is not None and session.sentence_rows[0] is sents:
        return session.sentence_rows[1]
    row = {k: i for i, k in enumerate(zip(sents["doc_id"].tolist(), sents["sentence_id"].tolist()))}
    if session is not None:
        session.sentence_rows = (sents, row)
    return row


# --- actor aliases ---------------------------------------------------------------------------------------

_DASH = re.compile("[-–]")
_PART = re.compile(r"[^-–]+")


@lru_cache(maxsize=8)
def _alias_automaton(entries: tuple[tuple[tuple[str, ...], str, str, str], ...]):
    """Case-sensitive automaton of alias word sequences: key -> [(rank, words, actor, alias, kind)]."""
    automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
    payload: dict[str, list[tuple]] = {}
    for rank, (words, actor, alias, kind) in enumerate(entries):
        key = _SEP + _SEP.join(words) + _SEP
        payload.setdefault(key, []).append((rank, words, actor, alias, kind))
    if not payload:
        return None
    for key, value in payload.items():
        automaton.add_word(key, (len(key), value))
    automaton.make_automaton()
    return automaton


def match_aliases(toks: pd.DataFrame, index: dict[str, list[tuple]]) -> list[tuple] | None:
    """The rows of :func:`rhetoric.instruments.actors.actor_mentions`, from one scan of the token table.

    ``index`` is the actor list's index (first word -> ``[(words, actor, alias, kind)]``, longest first). As
    there, tokens are split at hyphens and en dashes into parts, aliases match whole consecutive parts of one
    sentence, case-sensitively, the first entry of the index (longest alias, then list order) wins at a part,
    and matching resumes after the alias. Rows: ``(doc_id, sentence_id, token_id, actor, alias, kind, start,
    end)``. ``None`` when the fast paths are off or a token holds a space (then the caller's loop runs).
    """
    if not enabled():
        return None
    # Entries in the index's order: those that can start at one part share its first word, and among them
    # this order is the index's (the first that fits wins there).
    entries = tuple((e[0], e[1], e[2], e[3]) for first in index.values() for e in first)
    automaton = _alias_automaton(entries)
    tokens = column_list(toks, "token")
    if not tokens or automaton is None:
        return []
    joined = _SEP.join(tokens)
    if joined.count(_SEP) != len(tokens) - 1:
        return None
    slices = sentence_slices(toks)
    counts = np.ones(len(tokens), dtype=np.int64)  # parts of each token
    shift: dict[int, int] = {}  # part -> its offset in its token (parts of hyphenated tokens)
    dashes = [m.start() for m in _DASH.finditer(joined)]
    if not dashes:
        words = tokens
    else:
        token_at = _offsets(tokens)  # where each token starts in ``joined``
        words, previous = [], 0
        for k in sorted({bisect_right(token_at, p) - 1 for p in dashes}):
            words += tokens[previous:k]
            found = 0
            for m in _PART.finditer(tokens[k]):
                shift[len(words)] = m.start()
                words.append(m.group(0))
                found += 1
            counts[k] = found
            previous = k + 1
        words += tokens[previous:]
    row_of = int_array(np.repeat(np.arange(len(tokens)), counts))  # token row of each part
    first_part = int_array(np.r_[np.cumsum(counts) - counts, len(words)])
    firsts = [first_part[s[2]] for s in slices]
    stops = [first_part[s[3]] for s in slices]
    offsets = _offsets(words)
    best: dict[int, tuple] = {}
    for end_at, (length, candidates) in automaton.iter(_SEP + _SEP.join(words) + _SEP):
        i = bisect_left(offsets, end_at - length + 1)
        if i >= len(words):
            continue
        stop = stops[bisect_right(firsts, i) - 1]
        for rank, alias_words, actor, alias, kind in candidates:
            if i + len(alias_words) <= stop and (i not in best or rank < best[i][0]):
                best[i] = (rank, len(alias_words), actor, alias, kind)
    if not best:
        return []
    starts, tids = toks["start"].to_numpy(), toks["token_id"].to_numpy()
    rows, free = [], 0
    for i in sorted(best):
        if i < free:
            continue
        _, n, actor, alias, kind = best[i]
        last = i + n - 1
        doc_id, sid, _, _ = slices[bisect_right(firsts, i) - 1]
        rows.append((doc_id, sid, int(tids[row_of[i]]), actor, alias, kind, int(starts[row_of[i]]) + shift.get(i, 0),
                     int(starts[row_of[last]]) + shift.get(last, 0) + len(words[last])))
        free = i + n
    return rows


def _offsets(words: list[str]) -> array:
    """Index of the separator before each word in ``_SEP + _SEP.join(words) + _SEP`` (bisected like a list)."""
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words)) + 1
    return int_array(np.cumsum(lengths) - lengths)
