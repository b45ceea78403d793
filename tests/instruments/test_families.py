"""The marker families are disjoint: no term, and no word occurrence, counts in two of them."""
from __future__ import annotations

import pytest


@pytest.fixture
def tables(one_text):
    """``tables(text) -> (sentences, tokens)`` of a one-article corpus (conftest's ``one_text``)."""
    return lambda text: one_text(text)[1:]


def test_no_term_is_shared_between_families():
    from rhetoric.instruments import families
    overlaps = families.term_overlaps()
    assert overlaps[overlaps["resolved_by"] == ""].empty, overlaps[overlaps["resolved_by"] == ""]
    assert not (overlaps["kind"] == "same term").any()


def test_no_word_occurrence_counts_in_two_families(tables):
    from rhetoric.instruments import families
    sents, toks = tables("In our view, some analysts say the plan failed. It is said that critics say we know. "
                         "Clearly, we should consider it; they could propose a fix. I am sure. You know what "
                         "we think about it, mind you. Not sure? To a certain extent it is reported that it "
                         "failed, yet Consider this: our proposals, in short, backfired.")
    assert families.token_overlaps(sents, toks).empty
