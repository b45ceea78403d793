"""The list of words VADER misreads rebuilt on development text (``rhetoric_dev.tone_misreads``): with the benchmark
beside the project, the first pass's candidates and drawn occurrences are those of the committed audit file."""
from __future__ import annotations

import pytest

from rhetoric.analysis import devsample
from rhetoric.base.paths import BENCH
from rhetoric.instruments import misreads
from rhetoric.instruments.misreads import RULE
from rhetoric_dev import tone_misreads


@pytest.fixture(scope="module")
def audit():
    return misreads.read_audit()


@pytest.mark.slow
@pytest.mark.skipif(not BENCH.is_file(), reason="benchmark corpus absent (../shared/bench)")
def test_candidates_reproduced_from_the_benchmark(audit):
    first = devsample.sample(devsample.bench_articles(), "dev", "international", RULE.n_articles,
                             seed=RULE.sample_seed)
    occ = misreads.lexicon_occurrences(tone_misreads.sentences_of(first))
    cands = misreads.candidates(occ, RULE.k)
    intl = audit[audit["sample_seed"] == RULE.sample_seed]
    assert set(cands["word"]) == set(intl["word"])
    drawn = misreads.draw_occurrences(occ, list(cands["word"]), RULE.m, RULE.draw_seed)
    keys = ["word", "doc_id", "start", "end"]
    assert drawn[keys].sort_values(keys).reset_index(drop=True).equals(
        intl[keys].sort_values(keys).reset_index(drop=True))
