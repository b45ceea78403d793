"""Argument markers on hand-checked sentences: vetoed or dropped where they misfire, found on real cases."""
from __future__ import annotations

import pytest


@pytest.fixture
def tables(one_text):
    """``tables(text) -> (sentences, tokens)`` of a one-article corpus (conftest's ``one_text``)."""
    return lambda text: one_text(text)[1:]


def _markers_of(tables, text):
    from rhetoric.instruments.argument import marker_hits
    _, toks = tables(text)
    hits = marker_hits(toks)
    return {(m.lower(), c) for m, c in zip(hits["matched"], hits["category"])}


@pytest.mark.parametrize("text, absent", [
    ("China could agree, and Washington can act.", ("could", "proposal")),
    ("China could agree, and Washington can act.", ("can", "proposal")),
    ("Make no mistake, the talks continue.", ("mistake", "verdict")),
    ("Ventilators are in short supply.", ("in short", "verdict")),
    ("He used email while at the State Department.", ("while", "contrast")),
    ("It feels as though a crescendo is near.", ("though", "contrast")),
    ("Her stated goals differ.", ("stated", "attribution")),
    ("Some analysts doubt it.", ("analysts", "attribution")),
    ("It is said that the plan works.", ("said", "attribution")),
    ("In our view the plan works.", ("our", "pronoun_we")),
    ("Voters resist the urge to punish incumbents.", ("urge", "proposal")),
    ("It is all but certain.", ("but", "contrast")),
    ("The plan clearly failed.", ("clearly", "verdict")),
])
def test_markers_vetoed_or_dropped_where_they_misfire(tables, text, absent):
    assert absent not in _markers_of(tables, text)


@pytest.mark.parametrize("text, expected", [
    ("Senators called for an independent inquiry.", ("called for", "proposal")),
    ("The governor proposed a new tax.", ("proposed", "proposal")),
    ("The repeal effort backfired.", ("backfired", "verdict")),
    ("While he opposes the plan, he will vote for it.", ("while", "contrast")),
    ("The plan failed, according to officials.", ("according to", "attribution")),
    ("We owe them our thanks.", ("we", "pronoun_we")),
    ("We owe them our thanks.", ("them", "pronoun_they")),
])
def test_markers_found_on_real_cases(tables, text, expected):
    assert expected in _markers_of(tables, text)
