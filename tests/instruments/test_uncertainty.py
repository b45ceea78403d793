"""The uncertainty (hedge) detector: hand-checked sentences, empty input, the shipped data files. (With the
development data in ../shared/dev, runtime scoring = scikit-learn and the cross-genre table reproduced:
``tests/dev/test_hedges.py``.)"""
from __future__ import annotations

import pandas as pd
import pytest

from rhetoric.base.paths import data_file
from rhetoric.instruments import uncertainty
from rhetoric.language.tokens import SENTENCE_COLUMNS, TOKEN_COLUMNS


@pytest.fixture
def detect(one_text):
    def _detect(text):
        corpus, sents, toks = one_text(text)
        return corpus, sents, toks, uncertainty.cue_hits(toks, sents)
    return _detect


@pytest.mark.parametrize("text, cues", [
    ("The talks may resume.", [("may", "epistemic")]),
    ("In May the talks resumed.", []),
    ("They met on May 5. May 2026 saw more talks.", []),
    ("If China agrees, talks resume.", [("If", "condition")]),
    ("It is unclear whether the talks will resume.", [("unclear", "epistemic"), ("whether", "investigation")]),
    ("The data suggest that the talks will resume.", [("suggest", "epistemic")]),
    ("Analysts believe the sanctions will fail.", [("believe", "doxastic")]),
    ("Perhaps the deal will hold.", [("Perhaps", "epistemic")]),
    ("China signed the deal on Tuesday.", []),
    ("Washington will impose tariffs.", []),
])
def test_hand_checked_sentences(detect, text, cues):
    corpus, _, _, hits = detect(text)
    assert list(zip(hits["matched"], hits["kind"])) == cues
    raw = corpus.raw["a"]
    assert all(raw[a:b] == m for a, b, m in zip(hits["start"], hits["end"], hits["matched"]))
    assert list(hits.columns) == uncertainty.HIT_COLUMNS


def test_sentence_counts_indexed_like_sentences(detect):
    _, sents, _, hits = detect("The talks may resume. China signed. If it agrees, they might meet.")
    counts = uncertainty.sentence_counts(sents, hits)
    assert counts.index.equals(sents.index)
    assert counts.tolist() == [1, 0, 2]


def test_empty_inputs_give_empty_tables():
    toks = pd.DataFrame(columns=TOKEN_COLUMNS)
    sents = pd.DataFrame(columns=SENTENCE_COLUMNS)
    hits = uncertainty.cue_hits(toks, sents)
    assert list(hits.columns) == uncertainty.HIT_COLUMNS and hits.empty
    assert uncertainty.sentence_counts(sents, hits).empty


def test_no_candidates_and_no_hits(detect):
    _, sents, _, hits = detect("China signed the deal on Tuesday. Iran waited.")
    assert hits.empty and list(hits.columns) == uncertainty.HIT_COLUMNS
    assert uncertainty.sentence_counts(sents, hits).tolist() == [0, 0]


def test_shipped_data_files_are_consistent():
    cues = uncertainty.cue_table()
    assert cues["term"].is_unique and set(cues["kind"]) <= set(uncertainty.KINDS)
    model = uncertainty.model()
    assert model.threshold != 0.0 and model.intercept != 0.0
    assert not any("::" in f for f in model.weights)  # genre copies never ship
    words = {f.split("=", 1)[1] for f in model.weights if f.startswith("w=")}
    assert words <= set(cues["term"])
    # plain CSV, "\n" line endings (read_table-compatible: no comment lines)
    for name in [uncertainty.CUES_FILE, uncertainty.MODEL_FILE, "hedge_crossgenre.csv"]:
        data = data_file(name).read_bytes()
        assert b"\r" not in data and not data.startswith(b"#")
