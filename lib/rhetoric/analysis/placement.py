"""Where a corpus's articles fall in a reference corpus, judged with multiplicity in mind (notebook 06).

A placement is a mid-rank percentile (:func:`rhetoric.analysis.aggregate.midrank_percentile`). With ``m``
measures and ``n`` articles, about ``0.1 * m * n`` placements fall outside the middle 90% by chance alone
(:func:`expected_outside`), so a percentile beyond 5 or 95 is not by itself unusual. The rule here:

* **Two-sided p per placement.** From the mid-rank percentile ``pct`` among ``N`` reference articles, the
  tail count ``t = N * min(pct, 100 - pct) / 100`` and ``p = min(1, 2 (t + 1) / (N + 1))`` (the add-one
  empirical p-value, Davison & Hinkley 1997, so p is never 0).
* **Families.** Measures that are versions of one another form one family (the five readability formulas;
  :data:`FAMILIES`); every other measure is a family of its own. A family's p for an article is the smallest
  p among its measures times the number of measures (Bonferroni within the family).
* **Across families and articles.** Benjamini-Hochberg over every (article, family) p; a placement is
  *unusual* when its q is below ``alpha`` (0.05 by default, as for groups in the declared rule).

The reference set is a choice, stated with its counts (:func:`reference_set`): by default only articles of
the benchmark's *audit* half (:func:`rhetoric.analysis.devsample.bench_split_of`), since the development half
was read while the instruments were built.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import false_discovery_control

from rhetoric.analysis.devsample import bench_split_of

#: Measure families judged as one: registry family -> family name (other measures are families of one).
FAMILIES = {"readability": "readability formulas"}


def two_sided_p(pct: float, n_reference: int) -> float:
    """Two-sided add-one empirical p of a mid-rank percentile among ``n_reference`` articles (NaN if missing)."""
    if pct != pct or n_reference <= 0:
        return float("nan")
    tail = n_reference * min(pct, 100 - pct) / 100
    return float(min(1.0, 2 * (tail + 1) / (n_reference + 1)))


def expected_outside(n_measures: int, n_articles: int, middle: float = 0.90) -> float:
    """Placements expected outside the middle ``middle`` share by chance: ``(1 - middle) * m * n``."""
    return (1 - middle) * n_measures * n_articles


def family_of(measure) -> str:
    """The family a measure's placement is judged in: :data:`FAMILIES` for its registry family, else itself."""
    return FAMILIES.get(measure.family, measure.name)


def judge_placements(percentiles: pd.DataFrame, families: dict[str, str], n_reference: int,
                     alpha: float = 0.05) -> pd.DataFrame:
    """Judge placements per family with a multiplicity-aware rule (module docstring).

    ``percentiles`` has ``doc_id, name, value, pct_reference``; ``families`` maps ``name`` to its family.
    Returns one row per (article, family): ``doc_id, family, measures`` (how many), ``extreme`` (the measure
    with the smallest p), ``value``, ``pct_reference``, ``p`` (that p), ``p_family`` (Bonferroni within the
    family), ``q_bh`` (Benjamini-Hochberg over all rows) and ``unusual`` (``q_bh < alpha``)."""
    table = percentiles.assign(family=percentiles["name"].map(families),
                               p=[two_sided_p(v, n_reference) for v in percentiles["pct_reference"]])
    table = table.dropna(subset=["p"])
    columns = ["doc_id", "family", "measures", "extreme", "value", "pct_reference", "p", "p_family", "q_bh",
               "unusual"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    table = table.reset_index(drop=True)
    grouped = table.groupby(["doc_id", "family"], sort=False)  # every (article, family) at once
    sizes = grouped.size()
    best = table.loc[grouped["p"].idxmin().to_numpy()]  # the first measure with the smallest p
    out = pd.DataFrame({"doc_id": sizes.index.get_level_values(0), "family": sizes.index.get_level_values(1),
                        "measures": sizes.to_numpy(), "extreme": best["name"].to_numpy(),
                        "value": best["value"].to_numpy(), "pct_reference": best["pct_reference"].to_numpy(),
                        "p": best["p"].to_numpy(),
                        "p_family": np.minimum(1.0, best["p"].to_numpy() * sizes.to_numpy())})
    out["q_bh"] = false_discovery_control(out["p_family"].to_numpy(dtype=float))
    out["unusual"] = out["q_bh"] < alpha
    return out[columns]


def outside_middle(percentiles: pd.DataFrame, middle: float = 0.90) -> int:
    """How many placements fall outside the middle ``middle`` share (percentile below or above its bounds)."""
    tail = 100 * (1 - middle) / 2
    pct = percentiles["pct_reference"].dropna()
    return int(((pct < tail) | (pct > 100 - tail)).sum())


def outside_without_seed_terms(percentiles: pd.DataFrame, without: pd.DataFrame, reference: pd.DataFrame,
                               middle: float = 0.90) -> tuple[int, int]:
    """How many of the placements outside the middle ``middle`` share stay outside with the terms first read off
    the seeds left out: ``(stay, outside)``. ``percentiles``: :func:`percentile_table` rows (``doc_id, name,
    pct_reference``); ``without``: :func:`rhetoric.analysis.sensitivity.leave_seed_terms_out` of the articles
    (``doc_id, measure, without_seed_terms``); ``reference``: the reference set's per-article table (measured with
    the lists as they are: only the articles' values change)."""
    tail = 100 * (1 - middle) / 2
    pct = percentiles.dropna(subset=["pct_reference"])
    out = pct[(pct["pct_reference"] < tail) | (pct["pct_reference"] > 100 - tail)]
    alone = without.set_index(["doc_id", "measure"])["without_seed_terms"]
    stay = 0
    for doc_id, name in zip(out["doc_id"], out["name"]):
        value = float(alone.get((doc_id, name), np.nan))
        p = midrank_percentiles(reference[name], np.array([value]))[0] if value == value else np.nan
        stay += int(p < tail or p > 100 - tail)
    return stay, len(out)


def reference_set(large: pd.DataFrame, topics: list[str] | None, *, audit_only: bool = True) -> dict:
    """The reference articles and what they are: ``{"table", "on_topics", "in_development", "topics"}``.

    ``topics`` ``None`` keeps every topic; ``audit_only`` keeps only articles of the benchmark's audit half
    (``in_development`` counts those left out, or those kept when ``audit_only`` is false)."""
    chosen = large if topics is None else large[large["topic"].isin(set(topics))]
    development = np.array([bench_split_of(d) == "dev" for d in chosen["doc_id"]], dtype=bool)
    table = chosen[~development] if audit_only else chosen
    return {"table": table, "on_topics": len(chosen), "in_development": int(development.sum()),
            "topics": None if topics is None else sorted(set(topics)), "audit_only": audit_only}


def midrank_percentiles(reference: pd.Series | np.ndarray, values: np.ndarray) -> np.ndarray:
    """:func:`rhetoric.analysis.aggregate.midrank_percentile` of every value in ``values`` at once (the
    reference sorted once, two binary searches per value): the same numbers, computed the same way."""
    ref = np.sort(pd.Series(reference, dtype=float).dropna().to_numpy(dtype=float))
    values = np.asarray(values, dtype=float)
    if not len(ref):
        return np.full(len(values), np.nan)
    less = np.searchsorted(ref, values, side="left")
    equal = np.searchsorted(ref, values, side="right") - less
    out = 100 * (less + 0.5 * equal) / len(ref)
    out[np.isnan(values)] = np.nan
    return out


def percentile_table(mine: pd.DataFrame, reference: pd.DataFrame, large: pd.DataFrame, measures: dict,
                     leanings: list[str]) -> pd.DataFrame:
    """Where each article of ``mine`` (per-article table) falls on each measure in ``measures`` (name ->
    registered measure): mid-rank percentile in ``reference``, in ``large`` (the whole corpus) and within each
    of ``leanings`` of the reference. Columns ``doc_id, measure, name, value, pct_reference, pct_all,
    pct_<leaning>...``; one row per article and measure, articles in order, measures in the order given."""
    names = list(measures)
    columns = {"pct_reference": reference, "pct_all": large,
               **{f"pct_{g}": reference[reference["leaning"] == g] for g in leanings}}
    out = pd.DataFrame({"doc_id": np.repeat(mine["doc_id"].to_numpy(dtype=object), len(names)),
                        "measure": np.tile([measures[n].label for n in names], len(mine)),
                        "name": np.tile(names, len(mine))})
    values = mine[names].to_numpy(dtype=float)  # articles x measures
    out["value"] = values.ravel()
    for column, ref in columns.items():
        pct = np.column_stack([midrank_percentiles(ref[n], values[:, j]) for j, n in enumerate(names)]) \
            if names else np.empty((len(mine), 0))
        out[column] = pct.ravel()
    return out
