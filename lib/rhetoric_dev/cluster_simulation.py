"""How often a group comparison finds a difference that is not there, with articles clustered in outlets.

Each simulated study draws 30 to 40 outlets, deals them at random into 2 to 4 groups, gives each outlet a
random effect (normal, standard deviation ``outlet_sd``; the articles' own noise has standard deviation 1, so
the intraclass correlation is ``outlet_sd**2 / (1 + outlet_sd**2)``) and 2 to 40 articles, and **no group
effect**. The group comparison (:func:`rhetoric.analysis.aggregate.group_comparison`, the library's own code)
then tests the groups twice: articles as units, and outlets as units (``clusters``). The share of studies with
p < ``alpha`` is each test's false-positive rate; its Monte Carlo standard error is
``sqrt(rate (1 - rate) / studies)``. With ``mixed`` the linear mixed model's likelihood-ratio test
(:func:`rhetoric.analysis.mixed_model.mixed_model_check`) is run on the first ``mixed`` studies too.

Seeded: the same arguments give the same figures. Print them with::

    .venv/bin/python -m rhetoric_dev.cluster_simulation              # 1,000 studies, 299 permutations each
    .venv/bin/python -m rhetoric_dev.cluster_simulation --studies 300 --outlet-sd 0.3 --mixed 200
"""
from __future__ import annotations

import argparse
import math
import time
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from rhetoric.analysis.aggregate import group_comparison
from rhetoric.instruments.registry import Measure

MEASURE = Measure(name="value", column="value", builder="simulation", family="simulation", label="value",
                  aggregation="mean")


@dataclass
class Rates:
    """False-positive rates at ``alpha`` over ``studies`` studies with no group effect (``mc_error``: the Monte
    Carlo standard error of each rate)."""

    studies: int
    permutations: int
    alpha: float
    outlet_sd: float
    icc: float
    rate_articles: float
    mc_error_articles: float
    rate_outlets: float
    mc_error_outlets: float
    mixed_studies: int
    rate_mixed: float
    mc_error_mixed: float
    mean_outlets: float
    mean_articles: float

    def lines(self) -> list[str]:
        def r(rate: float, err: float) -> str:
            return f"{rate:.3f} (Monte Carlo SE {err:.3f})" if rate == rate else "not run"

        return [f"{self.studies} studies, no group effect, outlet SD {self.outlet_sd} (ICC {self.icc:.2f}), "
                f"{self.mean_outlets:.1f} outlets and {self.mean_articles:.0f} articles per study on average, "
                f"{self.permutations} permutations per test, alpha {self.alpha}",
                f"false-positive rate, articles as units: {r(self.rate_articles, self.mc_error_articles)}",
                f"false-positive rate, outlets as units:  {r(self.rate_outlets, self.mc_error_outlets)}",
                f"false-positive rate, mixed model (LR), first {self.mixed_studies} studies: "
                f"{r(self.rate_mixed, self.mc_error_mixed)}"]


def study(rng: np.random.Generator, outlet_sd: float) -> tuple[pd.DataFrame, dict[str, str], dict[str, str]]:
    """One study's per-article table, groups and outlets (no group effect)."""
    n_outlets = int(rng.integers(30, 41))
    k = int(rng.integers(2, 5))
    groups = rng.permutation(np.arange(n_outlets) % k)  # every group gets outlets, dealt at random
    docs, values, group_of, outlet_of = [], [], {}, {}
    for o in range(n_outlets):
        effect = rng.normal(0, outlet_sd)
        size = int(rng.integers(2, 41))
        for i in range(size):
            d = f"o{o}-{i}"
            docs.append(d)
            values.append(effect + rng.normal())
            group_of[d], outlet_of[d] = f"g{groups[o]}", f"outlet-{o}"
    return pd.DataFrame({"doc_id": docs, "value": values}), group_of, outlet_of


def _rate(hits: int, n: int) -> tuple[float, float]:
    if not n:
        return float("nan"), float("nan")
    rate = hits / n
    return rate, math.sqrt(rate * (1 - rate) / n)


def simulate(studies: int = 1000, permutations: int = 299, outlet_sd: float = 0.5, alpha: float = 0.05,
             seed: int = 20261207, mixed: int = 0) -> Rates:
    """The false-positive rates of the group comparison with articles and with outlets as units (see the
    module docstring)."""
    from rhetoric.analysis.mixed_model import mixed_model_check

    rng = np.random.default_rng(seed)
    hits = {"articles": 0, "outlets": 0, "mixed": 0}
    mixed_done, outlets, articles = 0, 0, 0
    for s in range(studies):
        table, group_of, outlet_of = study(rng, outlet_sd)
        outlets += len(set(outlet_of.values()))
        articles += len(table)
        free = group_comparison(table, group_of, [MEASURE], seed=seed + s, n=permutations)
        clustered = group_comparison(table, group_of, [MEASURE], seed=seed + s, n=permutations,
                                     clusters=outlet_of, cluster_column="outlet")
        hits["articles"] += bool(free["p_permutation"].iloc[0] < alpha)
        hits["outlets"] += bool(clustered["p_permutation"].iloc[0] < alpha)
        if s < mixed:
            p = mixed_model_check(table, group_of, outlet_of, [MEASURE], cluster_column="outlet")["p_mixed"].iloc[0]
            hits["mixed"] += bool(p < alpha)
            mixed_done += 1
    ra, ea = _rate(hits["articles"], studies)
    ro, eo = _rate(hits["outlets"], studies)
    rm, em = _rate(hits["mixed"], mixed_done)
    return Rates(studies, permutations, alpha, outlet_sd, outlet_sd ** 2 / (1 + outlet_sd ** 2), ra, ea, ro, eo,
                 mixed_done, rm, em, outlets / max(studies, 1), articles / max(studies, 1))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--studies", type=int, default=1000)
    parser.add_argument("--permutations", type=int, default=299)
    parser.add_argument("--outlet-sd", type=float, default=0.5)
    parser.add_argument("--alpha", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--mixed", type=int, default=0, help="also the mixed model on the first N studies")
    args = parser.parse_args(argv)
    cpu, wall = time.process_time(), time.perf_counter()
    rates = simulate(args.studies, args.permutations, args.outlet_sd, args.alpha, args.seed, args.mixed)
    for line in rates.lines():
        print(line)
    with open("/proc/loadavg", encoding="ascii") as fh:
        load = " ".join(fh.read().split()[:3])
    print(f"CPU {time.process_time() - cpu:.1f} s, wall {time.perf_counter() - wall:.1f} s, load average {load}")
    print(asdict(rates))


if __name__ == "__main__":
    main()
