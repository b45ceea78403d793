"""The clustered group comparison keeps its false-positive rate where articles as units do not (issue 36)."""
from __future__ import annotations

import math

import numpy as np
import pytest

from rhetoric_dev import cluster_simulation


def test_a_simulated_study_has_the_declared_shape():
    table, group_of, outlet_of = cluster_simulation.study(np.random.default_rng(1), 0.5)
    outlets = set(outlet_of.values())
    assert 30 <= len(outlets) <= 40 and 2 <= len(set(group_of.values())) <= 4
    sizes = table["doc_id"].map(outlet_of).value_counts()
    assert sizes.min() >= 2 and sizes.max() <= 40
    # the group is a property of the outlet
    assert all(len({group_of[d] for d in table["doc_id"] if outlet_of[d] == o}) == 1 for o in outlets)


def test_rates_are_reproducible_and_their_error_is_binomial():
    a = cluster_simulation.simulate(studies=6, permutations=99, seed=3)
    b = cluster_simulation.simulate(studies=6, permutations=99, seed=3)
    assert a.lines() == b.lines() and a.rate_outlets == b.rate_outlets and a.rate_articles == b.rate_articles
    assert a.mc_error_articles == pytest.approx(math.sqrt(a.rate_articles * (1 - a.rate_articles) / 6))
    assert "false-positive rate, outlets as units" in "\n".join(a.lines())


@pytest.mark.slow
def test_outlets_as_units_keep_the_false_positive_rate_and_articles_do_not():
    """1,000 studies with no group effect (ICC 0.2), 299 permutations each: the outlet-level test rejects at most
    about 5% (here at most 0.06; its Monte Carlo SE is about 0.007), the article-level test far more often."""
    rates = cluster_simulation.simulate(studies=1000, permutations=299, outlet_sd=0.5)
    print("\n".join(rates.lines()))
    assert rates.rate_outlets <= 0.06
    assert rates.rate_articles > 0.2 and rates.rate_articles > rates.rate_outlets + 5 * rates.mc_error_articles
