"""Context vetoes of word-list hits (``not_before`` / ``not_after``) on hand-checked sentences."""
from __future__ import annotations

import pandas as pd
import pytest

from rhetoric.language import constraints
from rhetoric.language.matching import match_terms


@pytest.fixture
def tables(one_text):
    """``tables(text) -> (sentences, tokens)`` of a one-article corpus (conftest's ``one_text``)."""
    return lambda text: one_text(text)[1:]


def test_veto_words_after_and_before_a_hit(tables):
    _, toks = tables("Make sure the joint session ends. I am sure joint drills help.")
    table = pd.DataFrame({"term": ["sure", "joint"], "not_before": ["", "session; chiefs of staff"],
                          "not_after": ["make; makes; made; making", ""]})
    hits = match_terms(toks, list(table["term"]))
    kept = constraints.apply_vetoes(hits, toks, table)
    assert list(hits["matched"]) == ["sure", "joint", "sure", "joint"]
    assert list(kept["matched"]) == ["sure", "joint"]
    assert list(kept["sentence_id"]) == [1, 1]


def test_veto_phrases_wildcards_and_sentence_bounds(tables):
    _, toks = tables("The Joint Chiefs of Staff met. Joint. Chiefs agree.")
    table = pd.DataFrame({"term": ["joint"], "not_before": ["chief* of staff; chief*"], "not_after": [""]})
    kept = constraints.apply_vetoes(match_terms(toks, ["joint"]), toks, table)
    # the first "Joint" is vetoed; the second stands alone: the next sentence's "Chiefs" cannot veto it
    assert list(kept["sentence_id"]) == [1]


def test_tables_without_veto_columns_pass_everything(tables):
    _, toks = tables("Sure, make sure.")
    hits = match_terms(toks, ["sure"])
    assert constraints.apply_vetoes(hits, toks, pd.DataFrame({"term": ["sure"]})).equals(hits)
    assert constraints.vetoes(pd.DataFrame({"term": ["sure"], "not_before": [""], "not_after": [""]})) == {}
