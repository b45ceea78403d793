"""Every word list matched in one pass (``rhetoric.language.matching``, an Aho-Corasick automaton) gives the plain
matcher's hits, value for value, and the alias matcher the plain loop's actor mentions.

Each fast path is compared with the plain call on the seeds, on hand-made edge cases, on generated input
(Hypothesis), and, when the benchmark corpus is beside the project, on a fixed sample of its articles (the
benchmark, ``benchmarks/bench_scale.py``, compares every article). No timings are asserted here.
"""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhetoric.externals import switch
from rhetoric.instruments import actors, argument, frames, hedging
from rhetoric.io.articles import chunk_corpus
from rhetoric.language import matching, tokens

from conftest import bench_sample, examples


def _data_lists() -> list[list[str]]:
    lex = hedging.lexicon()
    return [list(frames.frame_terms()["term"]), list(frames.entman_cues()["term"]), list(lex["term"]),
            list(lex.loc[lex["category"] != "hedge", "term"]), list(hedging.modal_list()["term"]),
            list(argument.rhetorical_markers()["term"]), list(actors.actor_aliases()["alias"])]


def _same_hits(toks: pd.DataFrame, lists: list[list[str]]) -> None:
    with switch.plain():
        expected = [matching.match_terms(toks, terms) for terms in lists]
    for terms, want in zip(lists, expected):
        pd.testing.assert_frame_equal(matching.match_terms(toks, terms), want)
    found = matching.match_many(toks, lists)
    for rows, want in zip(found, expected):
        pd.testing.assert_frame_equal(pd.DataFrame(rows, columns=[*matching.HIT_COLUMNS, "term"]), want)
    with matching.one_pass(toks):  # twice: the second block matches every list up front
        for terms, want in zip(lists, expected):
            pd.testing.assert_frame_equal(matching.match_terms(toks, terms), want)
    with matching.one_pass(toks):
        for terms, want in zip(lists, expected):
            pd.testing.assert_frame_equal(matching.match_terms(toks, terms), want)


def _same_mentions(toks: pd.DataFrame) -> None:
    with switch.plain():
        want = actors.actor_mentions(toks)
    pd.testing.assert_frame_equal(actors.actor_mentions(toks), want)


def test_matcher_on_seeds_with_every_data_list(seeds):
    sents, toks = tokens.sentences_and_tokens(seeds)
    _same_hits(toks, _data_lists())
    _same_mentions(toks)
    _same_mentions(tokens.feature_tables(seeds)[1])


@pytest.mark.slow
def test_matcher_on_benchmark_sample_with_every_data_list():
    corpus = chunk_corpus(bench_sample())
    _, toks = tokens.sentences_and_tokens(corpus)
    _same_hits(toks, _data_lists())
    _same_mentions(toks)


def test_matcher_ties_and_odd_terms():
    words = ["US", "u.s.", "us", "a", "ab", "abc", "abd", "A", "b", "ba", "don't", "don’t", "x*y", "*", "-", "a-b"]
    toks = _token_table([words, list(reversed(words)), ["ab", "ab", "ab", "abc", "abc"]])
    lists = [["ab*", "abc", "ab c*", "a*", "*", "a", "ab"], ["AB", "ab", "Ab*", "ab*", "abc*", "abc**"],
             ["a* ab", "a ab*", "u.s.", "us", "US", "don't", "don’t", "don’*", "x*y", "x*", "a-b", "-"],
             ["b* a*", "ba b*", "ab ab", "ab ab ab", "abc abc"], []]
    _same_hits(toks, lists)
    with pytest.raises(IndexError):  # an empty term fails alike on both paths
        matching.match_terms(toks, ["ab", " "])
    with switch.plain(), pytest.raises(IndexError):
        matching.match_terms(toks, ["ab", " "])


def _token_table(sentences: list[list[str]], doc_of=lambda k: "d0") -> pd.DataFrame:
    rows, at, tid, current = [], 0, 0, None
    for k, sentence in enumerate(sentences):
        doc = doc_of(k)
        if doc != current:
            current, tid = doc, 0
        for tok in sentence:
            rows.append((doc, 0, k, tid, at, at + len(tok), tok, tok.lower(), True))
            at += len(tok) + 1
            tid += 1
    return pd.DataFrame(rows, columns=tokens.TOKEN_COLUMNS)


_VOCAB = ["a", "ab", "abc", "abd", "b", "ba", "bab", "Ab", "AB", "x", "x-y", "y", "z’s", "z's", "the", "US"]


def _term(parts: list[tuple[str, str]]) -> str:
    return " ".join(w + star for w, star in parts)


_TERMS = st.lists(st.lists(st.tuples(st.sampled_from([*_VOCAB, "", "a*b"]), st.sampled_from(["", "", "*", "**"])),
                           min_size=1, max_size=3).map(_term).filter(lambda t: t.split()), max_size=12)


_SENTENCES = st.lists(st.lists(st.sampled_from(_VOCAB), max_size=8), min_size=1, max_size=5)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TERMS, min_size=1, max_size=3), _SENTENCES)
def test_matcher_generated_lists_and_texts(lists, sentences):
    toks = _token_table(sentences, doc_of=lambda k: f"d{k // 2}")
    _same_hits(toks, lists)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.lists(st.sampled_from(["China", "U.S.", "US", "Iran", "Israel", "White", "House",
                                                      "Xi", "Jinping", "Beijing", "us"]), min_size=1, max_size=3),
                          st.sampled_from(["us", "china", "iran"])), max_size=8),
       st.lists(st.lists(st.sampled_from(["China", "U.S.", "US", "China-U.S.", "Iran–Israel", "-", "White", "House",
                                          "White-House", "Xi", "Jinping", "us", "and", "--", "U.S.-", "-Iran"]),
                         max_size=8), min_size=1, max_size=4))
def test_alias_matcher_generated_lists_and_texts(aliases, sentences):
    index: dict[str, list] = {}
    for words, actor in aliases:
        index.setdefault(words[0], []).append((tuple(words), actor, " ".join(words), "name"))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    toks = _token_table(sentences, doc_of=lambda k: f"d{k // 3}")
    rows = matching.match_aliases(toks, index)
    with switch.plain():
        assert matching.match_aliases(toks, index) is None
    # the plain loop of actor_mentions, with this index
    real = actors._alias_index
    actors._alias_index = lambda: index
    try:
        with switch.plain():
            want = actors.actor_mentions(toks)
    finally:
        actors._alias_index = real
    pd.testing.assert_frame_equal(pd.DataFrame(rows, columns=actors.MENTION_COLUMNS), want)
