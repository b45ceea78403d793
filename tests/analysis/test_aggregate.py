"""Group statistics: resampling, blocks, pairwise contrasts, multiplicity, against scipy and hand computations.

Monte-Carlo tolerances follow from the number of resamples ``n``: two independent estimates of a p-value p
differ by a normal amount of standard deviation ``sqrt(2 p (1 - p) / n)``, so we allow four of those (plus
``2 / n`` for the +1 of the p-value formula). A percentile of a bootstrap distribution with standard error
``se`` has Monte-Carlo standard deviation about ``se * sqrt(a (1 - a) / n) / phi(z_a)``; we allow four times
that for the difference of two estimates.
"""
from __future__ import annotations

import gzip
import json
import math
from itertools import combinations, islice
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from rhetoric.analysis import aggregate, resampling
from rhetoric.analysis.aggregate import group_comparison, pairwise_contrasts
from rhetoric.base.paths import SHARED
from rhetoric.instruments.registry import Measure

from conftest import write_corpus

BENCH = SHARED / "bench" / "allsides-10k.jsonl.gz"
N = 4000


def p_tolerance(p: float, n: int = N) -> float:
    return 4 * math.sqrt(2 * max(p * (1 - p), 1 / n) / n) + 2 / n


def quantile_tolerance(se: float, n: int = N, a: float = 0.025) -> float:
    return 4 * math.sqrt(2) * se * math.sqrt(a * (1 - a) / n) / sps.norm.pdf(sps.norm.ppf(a))


def measure(name: str) -> Measure:
    """A stand-in measure for a per-article column (only its name and labels are read)."""
    return Measure(name=name, column=name, builder="test", family="test", label=name, aggregation="mean")


def articles_of(groups: dict[str, np.ndarray], extra: dict[str, np.ndarray] | None = None) -> tuple[pd.DataFrame,
                                                                                                      dict[str, str]]:
    rows, group_of = [], {}
    for g, values in groups.items():
        for i, v in enumerate(np.atleast_2d(values).T if np.ndim(values) > 1 else values):
            doc = f"{g}-{i}"
            group_of[doc] = g
            rows.append({"doc_id": doc, **({"m0": v} if np.ndim(v) == 0 else {f"m{j}": x for j, x in enumerate(v)})})
    return pd.DataFrame(rows), group_of


# --- multiplicity and printing, by hand ---------------------------------------------------------------------

def test_holm_and_bh_hand_computed():
    p = [0.01, 0.04, 0.03, 0.005]
    # Holm: sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04 -> running max
    assert np.allclose(resampling.holm(p), [0.03, 0.06, 0.06, 0.02])
    # BH: sorted times 4/1, 4/2, 4/3, 4/4 = 0.02, 0.02, 0.04, 0.04 -> running min from the top
    assert np.allclose(resampling.benjamini_hochberg(p), [0.02, 0.04, 0.04, 0.02])
    assert np.allclose(resampling.benjamini_hochberg(p), sps.false_discovery_control(p))
    with_nan = resampling.holm([0.2, float("nan"), 0.5])
    assert np.isnan(with_nan[1]) and np.allclose(with_nan[[0, 2]], [0.4, 0.5])
    assert resampling.holm([0.6, 0.7]).max() == 1.0  # capped


def test_format_p():
    assert resampling.format_p(0.0004) == "< 0.001"
    assert resampling.format_p(0.001) == "0.001"
    assert resampling.format_p(0.01234) == "0.012"
    assert resampling.format_p(float("nan")) == "n/a"
    assert resampling.p_text(0.00001) == "p < 0.001" and resampling.p_text(0.25, "q") == "q = 0.250"


# --- the resample matrices -----------------------------------------------------------------------------------

def test_permutations_stay_within_blocks_and_bootstrap_weights_sum():
    rng = np.random.default_rng(1)
    codes = np.array([0, 1, 2, 0, 1, 0, 1, 1, 2])
    blocks = np.array([5, 5, 5, 3, 3, 7, 7, 7, 7])
    labels = resampling.permuted_labels(rng, codes, 500, blocks)
    for b in np.unique(blocks):
        where = blocks == b
        assert (np.sort(labels[:, where], axis=1) == np.sort(codes[where])).all()
    assert len({tuple(r) for r in labels}) > 10  # they do move
    free = resampling.permuted_labels(rng, codes, 200)
    assert (np.sort(free, axis=1) == np.sort(codes)).all()
    w = resampling.bootstrap_weights(rng, 300, 7)
    assert w.shape == (300, 7) and (w.sum(axis=1) == 7).all()
    assert abs(w.mean() - 1) < 0.05


def test_exact_labels_enumerate_every_relabelling():
    rows = resampling.exact_labels(np.array([0, 0, 1, 1, 1]), 100)
    assert len(rows) == math.comb(5, 2) and len({tuple(r) for r in rows}) == 10
    assert resampling.exact_labels(np.array([0] * 10 + [1] * 10), 100) is None


# --- pairwise and omnibus tests against scipy ----------------------------------------------------------------

def _scipy_p(a: np.ndarray, b: np.ndarray, n: int, seed: int) -> float:
    """scipy's permutation p of |mean a - mean b| (independent samples), the definition we use."""
    def stat(x, y, axis):
        return np.abs(np.mean(x, axis=axis) - np.mean(y, axis=axis))
    return float(sps.permutation_test((a, b), stat, permutation_type="independent", alternative="greater",
                                      n_resamples=n, vectorized=True, random_state=seed).pvalue)


def test_pairwise_permutation_and_bootstrap_match_scipy():
    rng = np.random.default_rng(7)
    data = {"a": rng.normal(0, 1, (3, 18)), "b": rng.normal(0.5, 1.5, (3, 25)), "c": rng.normal(0.1, 1, (3, 12))}
    data["b"][2] += 1.5  # one measure with a large difference
    articles, group_of = articles_of(data)
    ms = [measure(f"m{j}") for j in range(3)]
    pairs = pairwise_contrasts(articles, group_of, ms, seed=3, n=N)
    for r in pairs.itertuples():
        j = int(r.measure[1:])
        a, b = data[r.group_a][j], data[r.group_b][j]
        want = _scipy_p(a, b, N, seed=11)
        assert abs(r.p - want) < p_tolerance(want), (r.measure, r.group_a, r.group_b, r.p, want)
        assert r.difference == pytest.approx(a.mean() - b.mean())
        boot = sps.bootstrap((a, b), lambda x, y, axis: np.mean(x, axis=axis) - np.mean(y, axis=axis),
                             n_resamples=N, method="percentile", vectorized=True, random_state=5)
        se = math.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))
        assert abs(r.ci_low - boot.confidence_interval.low) < quantile_tolerance(se)
        assert abs(r.ci_high - boot.confidence_interval.high) < quantile_tolerance(se)
        assert r.effect_size == pytest.approx(resampling.hedges_g(a, b))
    # Holm within each measure's three pairs; BH across all nine
    for _, part in pairs.groupby("measure"):
        assert np.allclose(part["q"], resampling.holm(part["p"].to_numpy()))
    assert np.allclose(pairs["q_bh"], sps.false_discovery_control(pairs["p"]))
    assert {"measure", "group_a", "group_b", "n_a", "n_b", "difference", "ci_low",
                                              "ci_high", "p", "q", "effect_size"} <= set(pairs.columns)


def test_omnibus_matches_scipy_and_group_means_match_scipy_bootstrap():
    rng = np.random.default_rng(8)
    data = {"a": rng.normal(0, 1, (2, 15)), "b": rng.normal(0.6, 1, (2, 20)), "c": rng.normal(0, 2, (2, 9))}
    articles, group_of = articles_of(data)
    ms = [measure("m0"), measure("m1")]
    table = group_comparison(articles, group_of, ms, seed=4, n=N)

    def between(*samples, axis):
        grand = np.concatenate(samples, axis=axis).mean(axis=axis, keepdims=True)
        return sum(s.shape[axis] * (s.mean(axis=axis, keepdims=True) - grand) ** 2 for s in samples).squeeze(axis)

    for j in range(2):
        rows = table[table["measure"] == f"m{j}"].set_index("group")
        want = sps.permutation_test(tuple(data[g][j] for g in "abc"), between, permutation_type="independent",
                                    alternative="greater", n_resamples=N, vectorized=True, random_state=2).pvalue
        assert abs(rows["p_permutation"].iloc[0] - want) < p_tolerance(want)
        for g in "abc":
            v = data[g][j]
            ci = sps.bootstrap((v,), np.mean, n_resamples=N, method="percentile", random_state=9).confidence_interval
            tol = quantile_tolerance(v.std(ddof=1) / math.sqrt(len(v)))
            assert abs(rows.loc[g, "ci_low"] - ci.low) < tol and abs(rows.loc[g, "ci_high"] - ci.high) < tol
    assert table.attrs["family"] == 2


def test_two_small_groups_are_enumerated_exactly():
    a, b = np.array([1.0, 2.5, 3.0]), np.array([4.0, 5.5, 4.2, 6.0])
    articles, group_of = articles_of({"a": a, "b": b})
    table = group_comparison(articles, group_of, [measure("m0")], seed=1, n=1000)
    exact = sps.permutation_test((a, b), lambda x, y, axis: np.abs(x.mean(axis=axis) - y.mean(axis=axis)),
                                 permutation_type="independent", alternative="greater", n_resamples=np.inf,
                                 vectorized=True).pvalue
    assert table["p_permutation"].iloc[0] == pytest.approx(exact)  # 35 relabellings, each counted once
    pairs = pairwise_contrasts(articles, group_of, [measure("m0")], seed=1, n=1000)
    assert pairs["p"].iloc[0] == pytest.approx(exact)


# --- blocks ----------------------------------------------------------------------------------------------------

def _blocked(seed: int = 12):
    """Matched sets: 40 events, each told by a and b (and some by c); a strong event effect, a small group one."""
    rng = np.random.default_rng(seed)
    rows, group_of, block_of = [], {}, {}
    for e in range(40):
        event = rng.normal(0, 3)
        for g, shift in (("a", 0.0), ("b", 0.6), ("c", 0.2)):
            if g == "c" and e % 3:
                continue
            doc = f"{g}-{e}"
            rows.append({"doc_id": doc, "m0": event + shift + rng.normal(0, 1), "m1": rng.normal(0, 1)})
            group_of[doc], block_of[doc] = g, f"event-{e}"
    return pd.DataFrame(rows), group_of, block_of


@pytest.mark.slow
def test_blocked_permutation_matches_a_hand_loop():
    articles, group_of, block_of = _blocked()
    pairs = pairwise_contrasts(articles, group_of, [measure("m0"), measure("m1")], seed=2, n=N, blocks=block_of)
    rng = np.random.default_rng(99)
    for r in pairs.itertuples():
        part = articles[articles["doc_id"].map(group_of).isin([r.group_a, r.group_b])]
        labels = part["doc_id"].map(group_of).to_numpy()
        blocks = part["doc_id"].map(block_of).to_numpy()
        values = part[r.measure].to_numpy()
        observed = abs(values[labels == r.group_a].mean() - values[labels == r.group_b].mean())
        members = [np.flatnonzero(blocks == b) for b in np.unique(blocks)]
        hits = 0
        for _ in range(N):
            shuffled = labels.copy()
            for idx in members:
                shuffled[idx] = rng.permutation(labels[idx])
            d = abs(values[shuffled == r.group_a].mean() - values[shuffled == r.group_b].mean())
            hits += d >= observed - 1e-12
        want = (1 + hits) / (1 + N)
        assert abs(r.p - want) < p_tolerance(want), (r.measure, r.group_a, r.group_b, r.p, want)


def test_blocks_matter_and_the_block_bootstrap_matches_a_hand_loop():
    articles, group_of, block_of = _blocked()
    ms = [measure("m0")]
    free = pairwise_contrasts(articles, group_of, ms, seed=2, n=N)
    blocked = pairwise_contrasts(articles, group_of, ms, seed=2, n=N, blocks=block_of)
    ab_free = free[(free.group_a == "a") & (free.group_b == "b")].iloc[0]
    ab = blocked[(blocked.group_a == "a") & (blocked.group_b == "b")].iloc[0]
    # the event effect is removed within blocks: a smaller p and a narrower interval
    assert ab.p < ab_free.p and (ab.ci_high - ab.ci_low) < (ab_free.ci_high - ab_free.ci_low)
    assert "within blocks" in ab.test
    # the block bootstrap by hand: events drawn with replacement, both groups' documents of each drawn event
    part = articles[articles["doc_id"].map(group_of).isin(["a", "b"])].assign(
        g=lambda t: t["doc_id"].map(group_of), b=lambda t: t["doc_id"].map(block_of))
    sums = part.pivot_table(index="b", columns="g", values="m0", aggfunc="sum")
    counts = part.pivot_table(index="b", columns="g", values="m0", aggfunc="count")
    rng = np.random.default_rng(5)
    draws = rng.integers(0, len(sums), size=(N, len(sums)))
    s, c = sums.to_numpy()[draws].sum(axis=1), counts.to_numpy()[draws].sum(axis=1)
    diff = s[:, 0] / c[:, 0] - s[:, 1] / c[:, 1]
    se = diff.std()
    assert abs(ab.ci_low - np.quantile(diff, 0.025)) < quantile_tolerance(se)
    assert abs(ab.ci_high - np.quantile(diff, 0.975)) < quantile_tolerance(se)
    table = group_comparison(articles, group_of, ms, seed=2, n=N, blocks=block_of)
    assert table["test"].str.contains("within blocks").all()


# --- groups of one ---------------------------------------------------------------------------------------------

def test_a_group_of_one_is_described_and_the_others_still_tested():
    rng = np.random.default_rng(3)
    data = {"a": rng.normal(0, 1, (2, 8)), "b": rng.normal(1, 1, (2, 10)), "solo": rng.normal(0, 1, (2, 1))}
    articles, group_of = articles_of(data)
    ms = [measure("m0"), measure("m1")]
    table = group_comparison(articles, group_of, ms, seed=6, n=2000)
    solo = table[table["group"] == "solo"]
    assert (~solo["in_test"]).all() and solo["ci_low"].isna().all() and solo["estimate"].notna().all()
    assert solo["note"].str.contains("solo: one document").all()
    others = table[table["group"] != "solo"]
    assert others["in_test"].all() and others["p_permutation"].notna().all()
    assert others["test"].str.contains("a − b").all()
    # the test among the others is the test without the single document (same seed, same draws)
    without = group_comparison(articles[~articles["doc_id"].str.startswith("solo")], group_of, ms, seed=6, n=2000)
    assert np.allclose(table.drop_duplicates("measure")["p_permutation"],
                       without.drop_duplicates("measure")["p_permutation"])
    pairs = pairwise_contrasts(articles, group_of, ms, seed=6, n=2000)
    assert pairs.loc[pairs["group_b"] == "solo", "p"].isna().all()
    assert pairs.loc[(pairs["group_a"] == "a") & (pairs["group_b"] == "b"), "p"].notna().all()
    # the order setting chooses and orders groups
    chosen = group_comparison(articles, group_of, ms, seed=6, n=500, order=["b", "a"])
    assert list(chosen["group"].unique()) == ["b", "a"] and chosen["test"].str.contains("b − a").all()


def test_one_document_per_group_tests_nothing():
    articles, group_of = articles_of({"x": np.array([1.0]), "y": np.array([2.0])})
    table = group_comparison(articles, group_of, [measure("m0")], seed=1, n=100)
    assert (table["test"] == "none").all() and table["p_permutation"].isna().all() and not table["in_test"].any()
    assert table.attrs["family"] == 0


def test_article_intervals_keep_their_resamples():
    """Vectorised intervals draw the same resamples as one loop per article and measure did."""
    rng = np.random.default_rng(0)
    table = pd.DataFrame({"doc_id": np.repeat(["d1", "d2"], [12, 30]), "n_words": rng.integers(5, 40, 42),
                          "hedges": rng.integers(0, 3, 42)})
    rate = Measure(name="hedges_per_1000", column="hedges", builder="test", family="hedging", label="hedges",
                   aggregation="rate")
    out = aggregate.article_intervals(table, [rate], seed=5, n=2000).set_index("doc_id")
    for k, d in enumerate(["d1", "d2"]):
        part = table[table.doc_id == d]
        idx = np.random.default_rng(5 + k).integers(0, len(part), size=(2000, len(part)))
        boot = 1000 * part["hedges"].to_numpy()[idx].sum(1) / part["n_words"].to_numpy()[idx].sum(1)
        assert out.loc[d, "ci_low"] == pytest.approx(np.quantile(boot, 0.025))
        assert out.loc[d, "ci_high"] == pytest.approx(np.quantile(boot, 0.975))


# --- a realistic corpus built at test time ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bench_corpus(tmp_path_factory) -> Path:
    """About 230 benchmark articles in three unbalanced groups (right 120, left 75, center 35), blocked by topic
    (some articles without a block), plus one group of a single article."""
    if not BENCH.is_file():
        pytest.skip("the shared benchmark corpus is not available")
    want = {"right": 120, "left": 75, "center": 35}
    docs, seen = [], {k: 0 for k in want}
    with gzip.open(BENCH, "rt", encoding="utf-8") as fh:
        for line in islice(fh, 3000):
            rec = json.loads(line)
            s = rec.get("stance")
            if s in want and seen[s] < want[s] and rec.get("text", "").strip():
                seen[s] += 1
                block = rec.get("topic", "") if len(docs) % 10 else ""
                docs.append({"id": rec["id"], "stance": s, "text": rec["text"], "block": block})
            elif s == "center" and not any(d["stance"] == "wire" for d in docs):
                docs.append({"id": rec["id"], "stance": "wire", "text": rec["text"], "block": rec.get("topic", "")})
            if seen == want and any(d["stance"] == "wire" for d in docs):
                break
    return write_corpus(tmp_path_factory.mktemp("bench") / "corpus", docs,
                        columns=["id", "file", "stance", "title", "block"])


@pytest.mark.slow
def test_realistic_corpus_blocked_groups_and_pairs(bench_corpus):
    from rhetoric.run import notebook

    nb = notebook.start("05-rhetorical-comparison.ipynb", str(bench_corpus), str(bench_corpus.parent / "out"))
    assert nb.group_order == ["center", "left", "right", "wire"]
    assert nb.blocks is not None and len(set(nb.blocks.values()) - {""}) > 3
    n = 1000
    table = nb.group_table(n)
    assert table.attrs["family"] > 30  # every registered measure that varies
    wire = table[table["group"] == "wire"]
    assert (wire["n_docs"] == 1).all() and not wire["in_test"].any()
    tested = table[table["p_permutation"].notna()]
    assert tested["test"].str.contains("between-group variation, within blocks").all()
    # one family: the same q in every notebook of the run
    other = notebook.start("01-corpus.ipynb", str(bench_corpus), str(bench_corpus.parent / "out"))
    assert other.group_table(n)["q_bh"].equals(table["q_bh"])
    pairs = nb.pairwise_table(n)
    for col in ("measure", "group_a", "group_b", "n_a", "n_b", "difference", "ci_low", "ci_high", "p", "q",
                "effect_size"):
        assert col in pairs.columns
    assert len(pairs) == 6 * table["measure"].nunique()
    assert pairs.loc[(pairs["group_a"] == "wire") | (pairs["group_b"] == "wire"), "p"].isna().all()
    # the blocked pairwise p against a within-block permutation by hand, on two measures
    articles = nb.articles()
    rng = np.random.default_rng(1)
    for name in ("words_per_sentence", "vader_compound"):
        r = pairs[(pairs.measure == name) & (pairs.group_a == "left") & (pairs.group_b == "right")].iloc[0]
        part = articles[articles["doc_id"].map(nb.groups).isin(["left", "right"])]
        labels = part["doc_id"].map(nb.groups).to_numpy()
        blocks = np.array([nb.blocks[d] or "no block" for d in part["doc_id"]])  # unmatched: permuted together
        values = part[name].to_numpy()
        observed = abs(values[labels == "left"].mean() - values[labels == "right"].mean())
        members = [np.flatnonzero(blocks == b) for b in np.unique(blocks)]
        hits = 0
        for _ in range(n):
            shuffled = labels.copy()
            for idx in members:
                shuffled[idx] = rng.permutation(labels[idx])
            hits += abs(values[shuffled == "left"].mean() - values[shuffled == "right"].mean()) >= observed - 1e-12
        want = (1 + hits) / (1 + n)
        assert abs(r.p - want) < p_tolerance(want, n), (name, r.p, want)
    # choosing groups: only these, in this order
    chosen = notebook.start("05-rhetorical-comparison.ipynb", str(bench_corpus), str(bench_corpus.parent / "out"),
                            groups="right,left")
    assert chosen.group_order == ["right", "left"] and set(chosen.groups.values()) == {"right", "left"}
    assert list(chosen.group_table(200)["group"].unique()) == ["right", "left"]
    from rhetoric.base.errors import InputError
    with pytest.raises(InputError, match="no group 'nope'"):
        notebook.start("05-rhetorical-comparison.ipynb", str(bench_corpus), str(bench_corpus.parent / "out"),
                       groups="right,nope")


# --- clusters: the outlet as the unit ---------------------------------------------------------------------------

def _clustered(sizes: dict[str, list[int]], seed: int = 4, outlet_sd: float = 1.0, shift: dict | None = None):
    """Articles in outlets: ``sizes[group]`` lists each outlet's number of articles; an outlet effect shared by
    its articles; ``shift`` adds a group effect."""
    rng = np.random.default_rng(seed)
    rows, group_of, outlet_of = [], {}, {}
    for g, outlets in sizes.items():
        for o, k in enumerate(outlets):
            effect = rng.normal(0, outlet_sd) + (shift or {}).get(g, 0.0)
            for i in range(k):
                doc = f"{g}-o{o}-{i}"
                rows.append({"doc_id": doc, "m0": effect + rng.normal(0, 1), "m1": rng.normal(0, 1)})
                group_of[doc], outlet_of[doc] = g, f"{g}-outlet-{o}"
    return pd.DataFrame(rows), group_of, outlet_of


def test_cluster_permutation_is_exact_over_outlets_by_hand():
    """Two groups of three outlets: the 20 ways to give three of six outlets the label a, each outlet keeping its
    articles, the statistic the difference of the articles' means."""
    articles, group_of, outlet_of = _clustered({"a": [2, 5, 3], "b": [4, 1, 6]})
    ms = [measure("m0"), measure("m1")]
    table = group_comparison(articles, group_of, ms, seed=1, n=1000, clusters=outlet_of, cluster_column="outlet")
    outlets = list(dict.fromkeys(outlet_of.values()))
    for name in ("m0", "m1"):
        values = articles.set_index("doc_id")[name]
        sums = {o: values[[d for d in values.index if outlet_of[d] == o]].sum() for o in outlets}
        counts = {o: sum(1 for d in values.index if outlet_of[d] == o) for o in outlets}

        def diff(chosen, sums=sums, counts=counts):
            rest = [o for o in outlets if o not in chosen]
            return abs(sum(sums[o] for o in chosen) / sum(counts[o] for o in chosen)
                       - sum(sums[o] for o in rest) / sum(counts[o] for o in rest))

        observed = diff(outlets[:3])
        every = [diff(c) for c in combinations(outlets, 3)]
        want = sum(d >= observed - 1e-12 for d in every) / len(every)
        rows = table[table["measure"] == name]
        assert rows["p_permutation"].iloc[0] == pytest.approx(want)
        assert (rows["analysis_unit"] == "outlet").all() and list(rows["n_units"]) == [3, 3]
        assert list(rows["n_docs"]) == [10, 11]
        assert rows["estimate"].iloc[0] == pytest.approx(values[values.index.str.startswith("a")].mean())
        assert rows["test"].str.contains("outlet as unit").all()
    pairs = pairwise_contrasts(articles, group_of, ms, seed=1, n=1000, clusters=outlet_of, cluster_column="outlet")
    assert np.allclose(pairs["p"], table.drop_duplicates("measure")["p_permutation"])
    assert (pairs["analysis_unit"] == "outlet").all() and (pairs["n_units_a"] == 3).all()


def test_cluster_bootstrap_resamples_whole_outlets_within_groups_by_hand():
    articles, group_of, outlet_of = _clustered({"a": [2, 5, 3, 7, 1], "b": [4, 1, 6, 2]})
    n = 500
    table = group_comparison(articles, group_of, [measure("m0")], seed=9, n=n, clusters=outlet_of,
                             cluster_column="outlet")
    rng = np.random.default_rng(9)  # the same draws: group a's outlets, then group b's
    for g in ("a", "b"):
        part = articles[articles["doc_id"].str.startswith(g)]
        by = part.groupby(part["doc_id"].map(outlet_of), sort=True)["m0"]
        sums, counts = by.sum().to_numpy(), by.count().to_numpy()
        idx = rng.integers(0, len(sums), size=(n, len(sums)))
        boot = sums[idx].sum(axis=1) / counts[idx].sum(axis=1)
        row = table[table["group"] == g].iloc[0]
        assert row["ci_low"] == pytest.approx(np.quantile(boot, 0.025))
        assert row["ci_high"] == pytest.approx(np.quantile(boot, 0.975))


def test_outlets_make_the_test_honest_on_clustered_data():
    """A strong outlet effect and no group effect: articles as units find a 'difference' that outlets do not (on
    this draw, seed 7, the outlets of a happen to sit higher; the rate over many draws is the slow simulation's)."""
    articles, group_of, outlet_of = _clustered({"a": [12] * 6, "b": [12] * 6}, seed=7, outlet_sd=2.0)
    free = group_comparison(articles, group_of, [measure("m0")], seed=1, n=2000)
    clustered = group_comparison(articles, group_of, [measure("m0")], seed=1, n=2000, clusters=outlet_of,
                                 cluster_column="outlet")
    assert free["p_permutation"].iloc[0] < 0.01 < clustered["p_permutation"].iloc[0]
    assert (clustered["ci_high"] - clustered["ci_low"]).min() > (free["ci_high"] - free["ci_low"]).max()
    assert (free["analysis_unit"] == "article").all() and list(free["n_units"]) == list(free["n_docs"])


def test_a_group_of_one_outlet_is_described_and_unclustered_documents_are_their_own_outlets():
    articles, group_of, outlet_of = _clustered({"a": [3, 4, 2], "b": [5, 2], "solo": [6]})
    ms = [measure("m0")]
    table = group_comparison(articles, group_of, ms, seed=3, n=300, clusters=outlet_of, cluster_column="outlet")
    solo = table[table["group"] == "solo"].iloc[0]
    assert not solo["in_test"] and solo["n_units"] == 1 and solo["n_docs"] == 6 and np.isnan(solo["ci_low"])
    assert "solo: one outlet, described, not tested" in solo["note"]
    pairs = pairwise_contrasts(articles, group_of, ms, seed=3, n=300, clusters=outlet_of, cluster_column="outlet")
    assert pairs.loc[pairs["group_b"] == "solo", "p"].isna().all()
    assert pairs.loc[pairs["group_b"] == "solo", "note"].str.contains("solo: one outlet").all()
    # a document without an outlet is an outlet of its own
    partial = {d: ("" if d == "b-o1-0" else o) for d, o in outlet_of.items()}
    again = group_comparison(articles, group_of, ms, seed=3, n=300, clusters=partial, cluster_column="outlet")
    assert again.set_index("group").loc["b", "n_units"] == 3


def test_a_cluster_holding_two_groups_is_refused_by_name():
    articles, group_of, outlet_of = _clustered({"a": [3, 4], "b": [5, 2]})
    outlet_of["b-o0-0"] = "a-outlet-1"
    with pytest.raises(aggregate.DesignError, match="outlet 'a-outlet-1' holds documents of 2 groups \\(a, b\\)"):
        group_comparison(articles, group_of, [measure("m0")], seed=1, n=100, clusters=outlet_of,
                         cluster_column="outlet")
    # only the groups compared count: with group b left out, the outlet holds one group
    table = group_comparison(articles, group_of, [measure("m0")], seed=1, n=100, clusters=outlet_of,
                             cluster_column="outlet", order=["a"])
    assert list(table["group"]) == ["a"]


def test_blocks_and_clusters_together_are_refused():
    articles, group_of, outlet_of = _clustered({"a": [3, 4], "b": [5, 2]})
    blocks = {d: f"event-{i % 3}" for i, d in enumerate(articles["doc_id"])}
    with pytest.raises(aggregate.DesignError, match="cannot be declared together"):
        pairwise_contrasts(articles, group_of, [measure("m0")], seed=1, n=100, blocks=blocks, clusters=outlet_of)


def test_blocks_in_which_no_label_moves_are_refused_or_named():
    articles, group_of = articles_of({"a": np.arange(6.0), "b": np.arange(6.0) + 0.5, "c": np.arange(4.0)})
    ms = [measure("m0")]
    # every block one group (one event per group): every permutation is the identity
    by_group = {d: f"event-{g}" for d, g in group_of.items()}
    with pytest.raises(aggregate.DesignError, match="no block holds documents of two groups"):
        group_comparison(articles, group_of, ms, seed=1, n=100, blocks=by_group)
    one_each = {d: d for d in group_of}  # every block one article
    with pytest.raises(aggregate.DesignError, match="every p\\s+would be 1|every p would be 1"):
        pairwise_contrasts(articles, group_of, ms, seed=1, n=100, blocks=one_each)
    # a and b matched in events; c's articles each in a block of their own: named, and the pairs with c untested
    blocks = {d: (f"event-{d.split('-')[1]}" if g in "ab" else f"lone-{d}") for d, g in group_of.items()}
    table = group_comparison(articles, group_of, ms, seed=1, n=200, blocks=blocks)
    assert table["p_permutation"].notna().all()
    assert "4 blocks holding one document or one group" in table["note"].iloc[0]
    assert "'lone-c-0', 'lone-c-1', 'lone-c-2' and 1 more" in table["note"].iloc[0]
    pairs = pairwise_contrasts(articles, group_of, ms, seed=1, n=200, blocks=blocks).set_index(["group_a", "group_b"])
    assert pairs.loc[("a", "b"), "p"] == pairs.loc[("a", "b"), "p"] and pairs.loc[("a", "b"), "note"] == ""
    for pair in (("a", "c"), ("b", "c")):
        assert np.isnan(pairs.loc[pair, "p"]) and pairs.loc[pair, "test"] == "none"
        assert "labels cannot be permuted within blocks" in pairs.loc[pair, "note"]


def test_intervals_for_leaves_the_chosen_measures_unchanged(six):
    from rhetoric.analysis.aggregate import article_intervals
    from rhetoric.instruments.registry import measures

    _, table = six
    chosen = measures()
    full = article_intervals(table, chosen, seed=7, n=500)
    some = {m.name for m in chosen[::3]}
    part = article_intervals(table, chosen, seed=7, n=500, intervals_for=some)
    pd.testing.assert_series_equal(part["estimate"], full["estimate"])
    mine = part["measure"].isin(some)
    pd.testing.assert_frame_equal(part[mine], full[mine])
    assert part.loc[~mine, ["ci_low", "ci_high"]].isna().all().all()
    none = article_intervals(table, chosen, seed=7, n=500, intervals_for=set())
    pd.testing.assert_series_equal(none["estimate"], full["estimate"])
    assert none[["ci_low", "ci_high"]].isna().all().all()
