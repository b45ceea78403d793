"""The fast paths of VADER and Pattern (``rhetoric.externals.vader``, ``rhetoric.externals.pattern``) give the plain
libraries' scores, value for value, and the fast VADER's valences explain each score as VADER's own methods do.

Each fast path is compared with the plain call on the seeds, on hand-made edge cases, on generated input
(Hypothesis), and, when the benchmark corpus is beside the project, on a fixed sample of its articles (the
benchmark, ``benchmarks/bench_scale.py``, compares every article). No timings are asserted here.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhetoric.externals import switch
from rhetoric.externals import vader as fast_vader
from rhetoric.instruments import sentiment

from conftest import TRICKY, examples, seed_sentences


def _both_scores(text: str):
    vader_plain = sentiment.vader().polarity_scores(text)
    pattern_plain = tuple(sentiment.pattern()(text)[:2])
    fast = (sentiment._fast_vader().polarity_scores(text), sentiment._fast_pattern().polarity(text))
    return (vader_plain, pattern_plain), fast


def test_vader_and_pattern_same_scores_on_seeds_and_edge_cases(seeds):
    for text in [*seed_sentences(seeds), *TRICKY, *[t.upper() for t in TRICKY]]:
        for variant in (text, sentiment.as_vader_reads(text)):
            plain, fast = _both_scores(variant)
            assert repr(plain) == repr(fast), variant  # repr: -0.0 and 0.0 differ in the CSV


def test_vader_and_pattern_long_sentence():
    """Over 1,000 words with "but": the fast VADER path takes its own linear ``but_check`` there."""
    text = "Not bad, but never so good: the very best, without doubt, no worse! " * 120
    assert len(text.split()) > fast_vader._BUT_CHECK_WORDS
    assert repr(sentiment.vader().polarity_scores(text)) == repr(sentiment._fast_vader().polarity_scores(text))
    assert tuple(sentiment.pattern()(text)[:2]) == sentiment._fast_pattern().polarity(text)


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(st.sampled_from([0, 0.0, -0.0, 1.5, -1.5, 0.75, 2.25, 3.0, -0.75, 1.125, 1.6875]), min_size=1,
                max_size=30), st.data())
def test_but_check_equals_vaders(values, data):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    bi = data.draw(st.integers(0, len(values) - 1))
    words = ["w"] * len(values)
    words[bi] = "but"
    want = SentimentIntensityAnalyzer._but_check(words, list(values))
    got = fast_vader.but_check(bi, list(values))
    assert repr(got) == repr(want) and [type(v) for v in got] == [type(v) for v in want]


_SENTIMENT_WORDS = ["good", "bad", "great", "GOOD", "Bad", "not", "no", "never", "so", "this", "without", "doubt",
                    "least", "at", "very", "kind", "of", "sort", "but", "BUT", "isn't", "don't", "nor", "or",
                    "really", "extremely", "barely", "the", "shit", "bomb", "bad", "ass", "die", "for", "to",
                    "kiss", "death", "yeah", "right", "happy", "sad", "war", "peace", "killed", "love", "hate",
                    "!", "?", "!!!", "??", ":)", ":(", ":-D", "(!)", "(", ")", "!)", ",", ".", "...", "'", '"', "’",
                    "U.S.", "e.g.", "Mr.", "terribly", "hardly", "nice.", "(good)", "“great”", "'not'", "n't",
                    "xD", "<3", "kinda", "just", "enough", "most", "less", "little", "uber", "friggin", "😁"]


@settings(max_examples=examples(500), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_SENTIMENT_WORDS), max_size=25), st.sampled_from([" ", "  ", "", "\t"]))
def test_vader_and_pattern_generated_sentences(words, sep):
    text = sep.join(words) if sep else "".join(w + (" " if i % 3 else "") for i, w in enumerate(words))
    plain, fast = _both_scores(text)
    assert repr(plain) == repr(fast)


def _vader_tables():
    from vaderSentiment import vaderSentiment as v

    analyzer = sentiment.vader()
    lexicon = sorted(analyzer.lexicon)
    boosters = sorted(v.BOOSTER_DICT)
    special = sorted(v.SPECIAL_CASES)  # multi-word idioms and boosters ("kiss of death", "the bomb")
    return lexicon, boosters, special, sorted(v.NEGATE)


_LEX, _BOOST, _SPECIAL, _NEGATE = _vader_tables()


_VADER_PIECES = st.one_of(st.sampled_from(_LEX), st.sampled_from(_BOOST), st.sampled_from(_SPECIAL),
                          st.sampled_from(_NEGATE), st.sampled_from(["but", "BUT", "!", "?", "!!", ",", ".", "least",
                                                                      "at", "without", "doubt", "never", "so"]),
                          st.sampled_from(_LEX).map(str.upper))


@settings(max_examples=examples(300), deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_VADER_PIECES, min_size=1, max_size=20))
def test_vader_and_pattern_on_vaders_own_tables(words):
    """Sentences drawn from VADER's lexicon, its booster and special-case (idiom) tables and its negations: the
    same scores, and the fast path's valences (:meth:`FastVader.valences`) explain each score exactly as VADER's
    own methods do (:func:`_explained_both_ways`)."""
    text = " ".join(words)
    plain, fast = _both_scores(text)
    assert repr(plain) == repr(fast), text
    explained_fast, explained_plain = _explained_both_ways(text)
    assert repr(explained_fast) == repr(explained_plain), text
    assert sentiment.compound_from(sentiment.explain(text)) == sentiment.vader_polarity(text)["compound"]


def _explained_both_ways(text: str):
    fast = (sentiment.explain_rows(text), sentiment.compound_without(text, {"good", "war", "bad"}))
    with switch.plain():
        plain = (sentiment.explain_rows(text), sentiment.compound_without(text, {"good", "war", "bad"}))
    return fast, plain


def test_explain_rows_same_on_seeds_and_edge_cases(seeds):
    for text in [*seed_sentences(seeds), *TRICKY, *[t.upper() for t in TRICKY], "so 😁 good", ""]:
        fast, plain = _explained_both_ways(text)
        assert repr(fast) == repr(plain), text
