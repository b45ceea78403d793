"""Sentences capped at a number of words (``rhetoric.language.sentence_cap``): a property test on any text."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhetoric.language.sentence_cap import cap_sentences

from conftest import examples

SETTINGS = dict(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow,
                                                                      HealthCheck.data_too_large])


@settings(max_examples=examples(100), **SETTINGS)
@given(st.text(alphabet=st.sampled_from(["a", "b", " ", "\n", "\t", "."]), max_size=200),
       st.integers(min_value=1, max_value=6))
def test_cap_sentences_keeps_every_word_in_order(text, limit):
    spans = cap_sentences(text, [(0, len(text))], limit=limit)
    assert all(len(text[a:b].split()) <= limit for a, b in spans)
    assert [w for a, b in spans for w in text[a:b].split()] == text.split()
