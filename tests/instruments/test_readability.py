"""The readability formulas as named functions: each against a published worked example where one exists, else a
hand computation; the registry's readability measures are these functions; on a text whose sentences textstat
and Punkt split alike, they give textstat's own scores; textstat's counts on the project's Punkt sentences."""
from __future__ import annotations

import math

import numpy as np
import pytest
import textstat

from rhetoric.analysis.aggregate import per_article
from rhetoric.instruments import readability, registry
from rhetoric.instruments.features import sentence_features
from rhetoric.instruments.readability import (
    COEFFICIENTS,
    dale_chall,
    flesch_kincaid_grade,
    flesch_reading_ease,
    gunning_fog,
    smog_index,
)
from rhetoric.io.corpus import load_corpus
from rhetoric.language.cleaning import body_paragraphs

FORMULAS = {"flesch_reading_ease": flesch_reading_ease, "flesch_kincaid_grade": flesch_kincaid_grade,
            "gunning_fog": gunning_fog, "smog_index": smog_index, "dale_chall": dale_chall}


# --- published worked examples (Wikipedia, "Flesch-Kincaid readability tests") ---------------------------

def test_flesch_kincaid_grade_of_the_platypus_sentence():
    """"The Australian platypus is seemingly a hybrid of a mammal and reptilian creature": 13 words and 24
    syllables in one sentence, grade 11.3."""
    assert round(float(flesch_kincaid_grade(words=13, sentences=1, syllables=24)), 1) == 11.3


def test_flesch_kincaid_grade_of_green_eggs_and_ham():
    """5.7 words per sentence and 1.02 syllables per word: grade -1.3."""
    assert round(float(flesch_kincaid_grade(words=570, sentences=100, syllables=581.4)), 1) == -1.3


def test_bounds_for_sentences_of_one_one_syllable_word():
    """The easiest text possible: reading ease 121.22 at most, Flesch-Kincaid grade -3.40 at least."""
    assert float(flesch_reading_ease(words=10, sentences=10, syllables=10)) == pytest.approx(121.22)
    assert float(flesch_kincaid_grade(words=10, sentences=10, syllables=10)) == pytest.approx(-3.40)


# --- hand computations ----------------------------------------------------------------------------------

def test_flesch_reading_ease_by_hand():
    # 100 words, 5 sentences, 150 syllables: 206.835 - 1.015 * 20 - 84.6 * 1.5 = 206.835 - 20.3 - 126.9
    assert float(flesch_reading_ease(words=100, sentences=5, syllables=150)) == pytest.approx(59.635)


def test_gunning_fog_by_hand():
    # 100 words, 5 sentences, 10 hard words: 0.4 * (20 + 10)
    assert float(gunning_fog(words=100, sentences=5, hard_words=10)) == pytest.approx(12.0)


def test_smog_index_by_hand():
    # 9 polysyllables in 30 sentences: 1.043 * sqrt(9) + 3.1291 = 3.129 + 3.1291
    assert float(smog_index(sentences=30, polysyllables=9)) == pytest.approx(6.2581)
    # the same rate in 10 sentences (3 polysyllables), scaled to McLaughlin's sample of 30 sentences
    assert float(smog_index(sentences=10, polysyllables=3)) == pytest.approx(6.2581)


def test_dale_chall_adds_its_constant_only_above_five_percent_difficult_words():
    # 10% difficult: 0.1579 * 10 + 0.0496 * 20 + 3.6365 = 1.579 + 0.992 + 3.6365
    assert float(dale_chall(words=100, sentences=5, difficult_words=10)) == pytest.approx(6.2075)
    # 4%: 0.1579 * 4 + 0.0496 * 20, no constant
    assert float(dale_chall(words=100, sentences=5, difficult_words=4)) == pytest.approx(1.6236)
    # exactly 5% is not above 5%
    assert float(dale_chall(words=100, sentences=5, difficult_words=5)) == pytest.approx(0.7895 + 0.992)


def test_no_words_or_no_sentences_is_undefined_not_zero():
    assert math.isnan(float(flesch_reading_ease(words=0, sentences=0, syllables=0)))
    assert math.isnan(float(flesch_kincaid_grade(words=0, sentences=2, syllables=0)))
    assert math.isnan(float(gunning_fog(words=5, sentences=0, hard_words=1)))
    assert math.isnan(float(smog_index(sentences=0, polysyllables=0)))
    assert math.isnan(float(dale_chall(words=0, sentences=1, difficult_words=0)))


def test_formulas_work_elementwise_on_arrays():
    """The registry calls them on arrays of sums (one per article or bootstrap resample)."""
    out = flesch_kincaid_grade(words=np.array([13.0, 570.0]), sentences=np.array([1.0, 100.0]),
                               syllables=np.array([24.0, 581.4]))
    assert np.round(out, 1).tolist() == [11.3, -1.3]


def test_every_coefficient_belongs_to_a_formula():
    assert set(COEFFICIENTS) == set(FORMULAS)


# --- the registry uses these functions, and they agree with textstat ----------------------------------

def test_the_registry_refers_to_the_named_formulas():
    for name, function in FORMULAS.items():
        combine = registry.AGGREGATIONS[name].combine
        assert isinstance(combine, registry.Formula) and combine.function is function
        assert registry.get(name).aggregation == name


def test_formulas_on_summed_counts_give_textstats_scores(make_corpus):
    """Where textstat's sentence rule and Punkt agree (no abbreviations), the formulas on the summed per-sentence
    counts give textstat's own scores of the whole text."""
    text = ("The committee approved the proposal after a long debate. Everyone in the room understood the "
            "consequences. Negotiations continued through the night, and the delegates finally agreed.")
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": text}]))
    table = sentence_features(corpus)
    assert len(table) == textstat.sentence_count(text) == 3
    ours = per_article(table, [registry.get(name) for name in FORMULAS], size=False).iloc[0]
    assert ours["flesch_reading_ease"] == pytest.approx(textstat.flesch_reading_ease(text), rel=1e-12)
    assert ours["flesch_kincaid_grade"] == pytest.approx(textstat.flesch_kincaid_grade(text), rel=1e-12)
    assert ours["gunning_fog"] == pytest.approx(textstat.gunning_fog(text), rel=1e-12)
    assert ours["smog_index"] == pytest.approx(textstat.smog_index(text), rel=1e-12)
    assert ours["dale_chall"] == pytest.approx(textstat.dale_chall_readability_score(text), rel=1e-12)


def test_readability_on_punkt_sentences_ignores_the_periods_of_US(make_corpus):
    """textstat's own sentence rule splits at each period of "U.S."; the project's formulas use Punkt's."""
    text = "Officials in the U.S. and China can talk now. Leaders of the U.S. met Xi in Beijing today."
    corpus = load_corpus(make_corpus([{"id": "a", "stance": "s", "text": text}]))
    table = sentence_features(corpus)
    assert len(table) == 2
    assert textstat.sentence_count(text) > 2  # the artefact this avoids
    fk = per_article(table, [registry.get("flesch_kincaid_grade")], size=False).iloc[0, 1]
    words, syllables = textstat.lexicon_count(text), textstat.syllable_count(text)
    assert table["tx_words"].sum() == words and table["syllables"].sum() == syllables
    assert fk == pytest.approx(0.39 * words / 2 + 11.8 * syllables / words - 15.59)


def test_readability_counts_match_textstat_on_the_seeds(seeds):
    table = sentence_features(seeds)
    paras = body_paragraphs(seeds)
    for doc_id, part in table.groupby("doc_id"):
        text = readability.body_text(paras, doc_id)
        assert part["tx_words"].sum() == textstat.lexicon_count(text)
        assert part["syllables"].sum() == textstat.syllable_count(text)
        assert part["polysyllables"].sum() == textstat.polysyllabcount(text)
    fk = per_article(table, [registry.get("flesch_kincaid_grade")], size=False).set_index("doc_id")
    assert fk.at["diplomat-2025-06", "flesch_kincaid_grade"] == pytest.approx(15.5, abs=0.1)
