"""Leave-seed-terms-out sensitivity (rhetoric.analysis.sensitivity) on small hand-built cases."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from rhetoric.analysis import sensitivity
from rhetoric.base.errors import CorpusError
from rhetoric.instruments import frames
from rhetoric.io import wordlists as lexicon
from rhetoric.io.corpus import load_corpus


def _origin(name, column, term):
    table = lexicon.read_table(name)
    return set(table.loc[table[column] == term, "origin"])


def test_the_hand_built_case_uses_one_term_of_each_origin():
    # the case below rests on these provenance facts of the committed lists
    assert _origin("entman_cues.csv", "term", "crisis") == {"seed-reading"}
    assert _origin("entman_cues.csv", "term", "danger") == {"development"}
    assert _origin("rhetorical_markers.csv", "term", "however") == {"seed-reading"}


def test_seed_terms_left_out_on_a_tiny_corpus(make_corpus):
    # sentence 1: 'crisis' (seed-read problem cue); sentence 2: 'However' (seed-read contrast marker) and
    # 'danger' (a problem cue added on development text)
    text = "The crisis deepened overnight. However, the danger grew."
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": text}]))
    table = sensitivity.leave_seed_terms_out(corpus)
    assert list(table.columns) == sensitivity.COLUMNS
    got = table.set_index("measure")
    # problem share: both sentences carry a cue with all terms; only the 'danger' sentence without seed terms
    assert got.loc["entman_problem_share", "with_seed_terms"] == 1.0
    assert got.loc["entman_problem_share", "without_seed_terms"] == 0.5
    # contrast: one marker in 8 words with the seed terms, none without
    words = 8
    assert math.isclose(got.loc["contrast_per_1000", "with_seed_terms"], 1000 / words)
    assert got.loc["contrast_per_1000", "without_seed_terms"] == 0.0
    # measures that use no word list do not move
    assert got.loc["flesch_reading_ease", "difference"] == 0.0
    assert got.loc["vader_compound", "difference"] == 0.0


def test_lists_are_whole_again_after_the_block():
    before = len(frames.frame_terms())
    actors = len(lexicon.read_table("actors.csv"))
    with sensitivity.seed_terms_left_out():
        inside = frames.frame_terms()
        assert "seed-reading" not in set(inside["origin"]) and len(inside) < before
        # the list of actors (the study's subjects, all of seed-reading origin) is never thinned
        assert len(lexicon.read_table("actors.csv")) == actors
    assert len(frames.frame_terms()) == before


def test_a_list_without_origin_cannot_be_thinned(tmp_path):
    folder = tmp_path / "lexicons"
    folder.mkdir()
    (folder / "frame_terms.csv").write_text("frame,term,reason\nsecurity,war,armed conflict\n", encoding="utf-8")
    lexicon.use_lexicons(folder)
    try:
        assert len(frames.frame_terms()) == 1
        with sensitivity.seed_terms_left_out(), pytest.raises(CorpusError, match="origin"):
            frames.frame_terms()
    finally:
        lexicon.use_lexicons(None)


def test_compare_and_survives_on_hand_built_tables():
    with_terms = pd.DataFrame({"doc_id": ["a", "b", "c"], "m": [3.0, 1.0, 2.0], "n": [1.0, 5.0, 1.0]})
    without = pd.DataFrame({"doc_id": ["a", "b", "c"], "m": [1.0, 1.0, 2.0], "n": [1.0, 5.0, 1.0]})
    table = sensitivity.difference_table(with_terms, without)
    assert table["difference"].tolist() == [-2.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    # "article a has the highest value": holds for m only with the seed terms; n never
    result = sensitivity.survives(table, lambda v: v["a"] == v.max()).set_index("measure")
    assert result.loc["m"].tolist() == [True, False, False]
    assert result.loc["n"].tolist() == [False, False, False]
    # "article b has the highest value" holds for n both ways
    assert sensitivity.survives(table, lambda v: v["b"] == v.max()).set_index("measure").loc["n", "survives"]
