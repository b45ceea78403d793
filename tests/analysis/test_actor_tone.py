"""Tone toward actors per document: the target-tone instrument's mentions averaged, with intervals, and its validity."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from rhetoric.analysis import actor_tone
from rhetoric.instruments import actors
from rhetoric.io.corpus import load_corpus
from rhetoric.language.tokens import sentences_and_tokens


def toned_table() -> pd.DataFrame:
    # doc a, actor x: sentence 0 has two negative mentions, sentence 1 a neutral, sentence 2 a positive one;
    # actor y one positive mention; doc b, actor x one negative mention
    return pd.DataFrame({"doc_id": ["a", "a", "a", "a", "a", "b"], "sentence_id": [0, 0, 1, 2, 2, 0],
                         "actor": ["x", "x", "x", "x", "y", "x"], "tone": [-1, -1, 0, 1, 1, -1],
                         "score": [-0.8, -0.6, 0.0, 0.5, 0.9, -0.4]})


def test_mean_target_tone_per_document_and_actor_by_hand():
    table = actor_tone.target_tone(toned_table(), seed=3, n=500)
    assert list(table.columns) == actor_tone.TONE_COLUMNS
    assert [tuple(r) for r in table[["doc_id", "actor", "sentences", "mentions"]].itertuples(index=False)] == [
        ("a", "x", 3, 4), ("a", "y", 1, 1), ("b", "x", 1, 1)]
    ax = table.iloc[0]
    assert ax["mean_tone"] == pytest.approx(-0.25)  # (-1 - 1 + 0 + 1) / 4 mentions
    assert ax["negative"] == pytest.approx(0.5) and ax["neutral"] == pytest.approx(0.25)
    assert ax["positive"] == pytest.approx(0.25) and ax["mean_score"] == pytest.approx(-0.225)
    # the interval resamples sentences (a sentence's mentions together): its bounds are sentence-set means
    assert -1 <= ax["ci_low"] <= ax["mean_tone"] <= ax["ci_high"] <= 1
    assert math.isnan(table.iloc[1]["ci_low"]) and table.iloc[1]["mean_tone"] == 1  # fewer than 3 sentences
    again = actor_tone.target_tone(toned_table(), seed=3, n=500)
    pd.testing.assert_frame_equal(table, again)
    empty = actor_tone.target_tone(toned_table().iloc[:0], seed=3)
    assert empty.empty and list(empty.columns) == actor_tone.TONE_COLUMNS


def test_mention_tone_scores_names_from_the_shared_tables(make_corpus):
    text = "Critics accused China of lying. Chinese officials praised Iran. Iran thanked China."
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": text}]))
    toks = sentences_and_tokens(corpus)[1]
    mentions = actors.actor_mentions(toks)
    assert set(mentions["kind"]) == {"name", "adjective"}
    toned = actor_tone.mention_tone(toks, mentions)
    assert set(toned["kind"]) == {"name"} and len(toned) == (mentions["kind"] == "name").sum()
    assert set(toned["tone"]) <= {-1, 0, 1} and toned.iloc[0]["tone"] == -1  # "accused China"
    assert len(actor_tone.mention_tone(toks, mentions, kinds=None)) == len(mentions)
    table = actor_tone.target_tone(toned, seed=1, n=100)
    assert set(table["actor"]) == {"china", "iran"}


def test_validity_per_class_beside_the_old_rule():
    table = actor_tone.validity()
    assert set(table["rule"]) == {"sentence_vader", "sentence_vader_misreads", "target_tone"}
    assert set(table["class"]) == {"negative", "neutral", "positive", "macro"}
    macro = table[table["class"] == "macro"].set_index("rule")["f1"]
    assert macro["target_tone"] > macro["sentence_vader_misreads"] > macro["sentence_vader"]
    assert (table["f1_low"] <= table["f1"]).all() and (table["f1"] <= table["f1_high"]).all()
    assert set(actor_tone.validity("mixed")["subset"]) == {"mixed"}
    note = actor_tone.validity_note()
    assert "macro-F1" in note and "NewsMTSC" in note and "neutral" in note


def test_the_old_sentence_rule_is_kept():
    scored = pd.DataFrame({"doc_id": ["a"] * 3, "sentence_id": [0, 1, 2], "vader_compound": [0.5, -0.5, 0.3]})
    mentions = pd.DataFrame({"doc_id": ["a"] * 3, "sentence_id": [0, 1, 2], "actor": ["x"] * 3})
    table = actor_tone.actor_tone(scored, mentions, seed=1, n=100)
    assert table.iloc[0]["mean_compound"] == pytest.approx(0.1) and table.iloc[0]["sentences"] == 3
