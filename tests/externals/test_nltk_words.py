"""The fast path of NLTK's word tokenizer (``rhetoric.externals.nltk_words``) gives the plain tokenizer's tokens and
spans, value for value.

Each fast path is compared with the plain call on the seeds, on hand-made edge cases, on generated input
(Hypothesis), and, when the benchmark corpus is beside the project, on a fixed sample of its articles (the
benchmark, ``benchmarks/bench_scale.py``, compares every article). No timings are asserted here.
"""
from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhetoric.externals import nltk_words
from rhetoric.language import tokens

from conftest import TRICKY, examples, seed_sentences


def _plain_spans(text: str) -> list[tuple[int, int]]:
    return list(tokens.word_tokenizer().span_tokenize(text))


def test_word_tokenizer_same_spans_on_seeds_and_edge_cases(seeds):
    fast = nltk_words.word_tokenizer()
    texts = [t.translate(tokens.STRAIGHTEN_FOR_TOKENS) for t in [*seed_sentences(seeds), *TRICKY]]
    texts += [t for t in TRICKY]  # curly quotes too, as the tokenizer would see them unstraightened
    for text in texts:
        assert fast.span_tokenize(text) == _plain_spans(text), text
        assert fast.tokenize(text) == tokens.word_tokenizer().tokenize(text), text


def test_word_tokenizer_long_sentences():
    fast = nltk_words.word_tokenizer()
    piece = "The U.S. said: “don't escalate”, and China's (cautious) reply -- was 'no'. "
    for n in (200, nltk_words.LONG_SENTENCE // len(piece) + 5):  # under and over the plain-call threshold
        text = (piece * n).translate(tokens.STRAIGHTEN_FOR_TOKENS)
        assert fast.span_tokenize(text) == _plain_spans(text)


_TOKEN_TEXT = st.lists(st.sampled_from(list("ab Ac.,:;'\"`?!()[]{}<>-–—*$%&@#\n\t\u00a0«»“”‘’„İıſ0189")
                                      + ["n't", "'s", "cannot", "gimme", "wanna", "'tis", "...", "''", "``", "--",
                                         ". ", "' ", "more'n", "d'ye", "CanNot", "GIMME", "Tis"]),
                      max_size=40).map("".join)


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TOKEN_TEXT)
def test_word_tokenizer_generated_text(text):
    fast = nltk_words.word_tokenizer()
    assert fast.tokenize(text) == tokens.word_tokenizer().tokenize(text)
    try:
        expected = _plain_spans(text)
    except ValueError:  # NLTK cannot align some odd quote sequences: the fast path raises alike
        with pytest.raises(ValueError):
            fast.span_tokenize(text)
        return
    assert fast.span_tokenize(text) == expected


def test_final_period_shortcuts_match_the_patterns():
    from nltk.tokenize.destructive import NLTKWordTokenizer

    (p0, r0), (p6, r6) = NLTKWordTokenizer.PUNCTUATION[0], NLTKWordTokenizer.PUNCTUATION[6]
    chars = ["a", ".", " ", "\n", "\t", '"', "'", ")", "]", "»", "”", "’", ",", "\u00a0", "\u2028", "\x85"]
    for n in range(0, 6):
        for combo in itertools.product(chars, repeat=n) if n <= 4 else []:
            text = "x" + "".join(combo)
            for shortcut, rx, repl in ((nltk_words._final_period, p0, r0), (nltk_words._final_period_2, p6, r6)):
                got = shortcut(text)
                if got is not None:
                    assert got == rx.sub(repl, text), (text, rx.pattern)
