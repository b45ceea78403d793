"""Sentences capped at a number of words (``rhetoric.language.sentence_cap``): a property test on any text.

Sentences without an end are cut at :data:`rhetoric.language.sentence_cap.MAX_SENTENCE_WORDS` words, so that no
input can stall VADER, whose cost grows with the square of sentence length (issue 13)."""
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


def test_a_run_on_sentences_without_end_is_cut_and_bounded(tmp_path):
    from rhetoric.instruments.features import sentence_features
    from rhetoric.io.articles import Article, chunk_corpus
    from rhetoric.language.sentence_cap import MAX_SENTENCE_WORDS

    words = ["Beijing", "may", "act", "good", "bad", "clearly", "no", "but"]
    text = "Title line\n" + " ".join(words[k % len(words)] for k in range(2 * MAX_SENTENCE_WORDS + 10))
    table = sentence_features(chunk_corpus([Article("a", "s", text)]))
    assert len(table) == 4  # the title line, then 1,000 + 1,000 + 10 words
    assert [len(t.split()) for t in table["text"]] == [2, MAX_SENTENCE_WORDS, MAX_SENTENCE_WORDS, 10]
    for r in table.itertuples():
        assert text[r.start:r.end] == r.text


def test_cap_sentences_leaves_ordinary_sentences_alone():
    from rhetoric.language.sentence_cap import cap_sentences

    text = "One two three. Four five six seven."
    assert cap_sentences(text, [(0, 14), (15, 35)], limit=4) == [(0, 14), (15, 35)]
    assert [text[a:b] for a, b in cap_sentences(text, [(0, 14), (15, 35)], limit=3)] == [
        "One two three.", "Four five six", "seven."]
    long = " ".join(f"w{k}" for k in range(10))
    assert [long[a:b] for a, b in cap_sentences(long, [(0, len(long))], limit=4)] == [
        "w0 w1 w2 w3", "w4 w5 w6 w7", "w8 w9"]


def test_the_benchmark_longest_sentence_is_far_below_the_cap():
    """The limit documented in rhetoric.language.sentence_cap: 338 words in 10,000 articles; the cap is 1,000."""
    from rhetoric.language.sentence_cap import MAX_SENTENCE_WORDS

    assert MAX_SENTENCE_WORDS >= 2 * 338
