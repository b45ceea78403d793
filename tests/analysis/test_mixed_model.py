"""The mixed-model cross-check against statsmodels' formula interface, by hand; failures named, not hidden."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2

from rhetoric.analysis import mixed_model
from rhetoric.analysis.mixed_model import mixed_model_check
from rhetoric.instruments.registry import Measure


def measure(name: str) -> Measure:
    return Measure(name=name, column=name, builder="test", family="test", label=name, aggregation="mean")


def clustered(seed: int = 3):
    rng = np.random.default_rng(seed)
    rows, group_of, outlet_of = [], {}, {}
    for o in range(18):
        g = "abc"[o % 3]
        effect = rng.normal(0, 1)
        for i in range(int(rng.integers(2, 12))):
            d = f"o{o}-{i}"
            rows.append({"doc_id": d, "m0": 5 + 3 * (effect + rng.normal()) + (2.0 if g == "a" else 0.0),
                         "m1": rng.normal(), "flat": 1.0})
            group_of[d], outlet_of[d] = g, f"outlet-{o}"
    return pd.DataFrame(rows), group_of, outlet_of


def test_likelihood_ratio_matches_statsmodels_formula_fits():
    import statsmodels.formula.api as smf

    articles, group_of, outlet_of = clustered()
    table = mixed_model_check(articles, group_of, outlet_of, [measure("m0"), measure("flat")],
                              cluster_column="outlet").set_index("measure")
    data = articles.assign(g=articles["doc_id"].map(group_of), o=articles["doc_id"].map(outlet_of))
    data["z"] = (data["m0"] - data["m0"].mean()) / data["m0"].std(ddof=0)
    full = smf.mixedlm("z ~ C(g)", data, groups=data["o"]).fit(reml=False)
    null = smf.mixedlm("z ~ 1", data, groups=data["o"]).fit(reml=False)
    lr = 2 * (full.llf - null.llf)
    row = table.loc["m0"]
    assert row["converged"] and row["statistic"] == pytest.approx(lr, rel=1e-4)
    assert row["p_mixed"] == pytest.approx(chi2.sf(lr, 2), rel=1e-3) and row["df"] == 2
    between = float(full.cov_re.iloc[0, 0])
    assert row["icc"] == pytest.approx(between / (between + full.scale), rel=1e-3)
    assert row["n_docs"] == len(articles) and row["n_units"] == 18 and row["groups"] == "a, b, c"
    assert "random intercept per outlet" in row["test"]
    assert np.isnan(table.loc["flat", "p_mixed"]) and "the same value" in table.loc["flat", "note"]


def test_no_outlet_variance_is_named_as_the_boundary():
    """Every outlet's articles balanced around the same mean (pairs +v, -v): no variance between outlets."""
    rng = np.random.default_rng(1)
    rows, group_of, outlet_of = [], {}, {}
    for o in range(12):
        for i in range(3):
            v = rng.normal()
            for k, sign in enumerate((1, -1)):
                d = f"o{o}-{i}-{k}"
                rows.append({"doc_id": d, "m0": sign * v})
                group_of[d], outlet_of[d] = "ab"[o % 2], f"outlet-{o}"
    row = mixed_model_check(pd.DataFrame(rows), group_of, outlet_of, [measure("m0")], cluster_column="outlet").iloc[0]
    assert row["converged"] and row["icc"] < 1e-6 and "variance estimated at zero (boundary)" in row["note"]
    assert row["statistic"] == pytest.approx(0.0, abs=1e-6) and row["p_mixed"] == pytest.approx(1.0, abs=1e-3)


def test_a_fit_that_does_not_converge_is_named_and_gives_no_p(monkeypatch):
    from statsmodels.regression import mixed_linear_model

    real = mixed_linear_model.MixedLM.fit

    def stalls(self, *args, **kwargs):
        result = real(self, *args, **kwargs)
        result.converged = False
        return result

    monkeypatch.setattr(mixed_linear_model.MixedLM, "fit", stalls)
    articles, group_of, outlet_of = clustered()
    row = mixed_model_check(articles, group_of, outlet_of, [measure("m0")], cluster_column="outlet").iloc[0]
    assert not row["converged"] and np.isnan(row["p_mixed"]) and "did not converge" in row["note"]
    assert row["note"].endswith("): no p")


def test_groups_of_one_outlet_are_left_out_and_clusters_are_required():
    articles, group_of, outlet_of = clustered()
    solo = {d: ("outlet-0" if g == "a" else outlet_of[d]) for d, g in group_of.items()}  # group a: one outlet
    row = mixed_model_check(articles, group_of, solo, [measure("m0")], cluster_column="outlet").iloc[0]
    assert row["groups"] == "b, c" and row["df"] == 1 and row["n_units"] == 12
    only = {d: g for d, g in group_of.items() if g != "c"}
    row = mixed_model_check(articles, only, solo, [measure("m0")], cluster_column="outlet").iloc[0]
    assert np.isnan(row["p_mixed"]) and "fewer than two groups" in row["note"]
    with pytest.raises(ValueError, match="needs clusters"):
        mixed_model_check(articles, group_of, {}, [measure("m0")])
    assert mixed_model.OPTIMISERS[0] is None  # statsmodels' own sequence first
